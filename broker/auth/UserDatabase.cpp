#include "UserDatabase.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace warren::auth {

namespace {

// An IPv4-mapped IPv6 address (::ffff:127.0.0.1) counts by its IPv4 part, as in RabbitMQ.
bool isLoopback(const QHostAddress &address)
{
    bool isIPv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIPv4);
    return address.isLoopback() || (isIPv4 && QHostAddress(ipv4).isLoopback());
}

// What an unknown name is checked against: a salt like any other, and a hash that no
// password's SHA-256 equals.
const User &nobody()
{
    static const User dummy{{}, QByteArray("\x5a\x1f\x03\xc7", 4), {}, {}};
    return dummy;
}

} // namespace

QByteArray UserDatabase::newSalt()
{
    const quint32 random = QRandomGenerator::system()->generate();
    return QByteArray(reinterpret_cast<const char *>(&random), sizeof random);
}

QByteArray UserDatabase::hashPassword(const QByteArray &salt, const QByteArray &password)
{
    return QCryptographicHash::hash(salt + password, QCryptographicHash::Sha256);
}

UserDatabase::UserDatabase(PasswordHasher hasher) : hasher_(hasher)
{
    addUser("guest", "guest", {QStringLiteral("administrator")});
    setPermission("guest", "/", VHostPermissions::all());
}

void UserDatabase::addUser(const QByteArray &name, const QByteArray &password, QStringList tags)
{
    const QByteArray salt = newSalt();
    addUserWithHash(name, salt, hasher_(salt, password), std::move(tags));
}

void UserDatabase::addUserWithHash(const QByteArray &name, const QByteArray &salt, const QByteArray &passwordHash,
                                   QStringList tags)
{
    users_.insert(name, User{name, salt, passwordHash, std::move(tags)});
}

void UserDatabase::restore(const QList<User> &users, const QList<PermissionTable::Entry> &permissions)
{
    users_.clear();
    for (const User &user : users)
        users_.insert(user.name, user);
    permissions_.replaceAll(permissions);
}

bool UserDatabase::isDefault() const
{
    const User *guest = find("guest");
    const QList<PermissionTable::Entry> granted = permissions_.entries();
    return users_.size() == 1 && guestHasDefaultPassword() && guest->tags == QStringList{QStringLiteral("administrator")}
        && granted.size() == 1
        && granted[0].user == "guest" && granted[0].vhost == "/" && granted[0].permissions == VHostPermissions::all();
}

bool UserDatabase::guestHasDefaultPassword() const
{
    const User *guest = find("guest");
    return guest && hashPassword(guest->salt, "guest") == guest->passwordHash;
}

void UserDatabase::removeUser(const QByteArray &name)
{
    users_.remove(name);
    permissions_.removeUser(name);
}

void UserDatabase::setPermission(const QByteArray &user, const QByteArray &vhost, const VHostPermissions &permissions)
{
    if (users_.contains(user))
        permissions_.set(user, vhost, permissions);
}

void UserDatabase::clearPermission(const QByteArray &user, const QByteArray &vhost)
{
    permissions_.clear(user, vhost);
}

const User *UserDatabase::find(const QByteArray &name) const
{
    auto it = users_.constFind(name);
    return it == users_.constEnd() ? nullptr : &*it;
}

const User *UserDatabase::authenticate(const QByteArray &name, const QByteArray &password,
                                       const QHostAddress &connectedTo) const
{
    const User *user = find(name);
    const User &checked = user ? *user : nobody();
    const bool passwordMatches = hasher_(checked.salt, password) == checked.passwordHash;
    if (!user || !passwordMatches)
        return nullptr;
    if (isLoopbackOnly(name) && !isLoopback(connectedTo))
        return nullptr;
    return user;
}

bool UserDatabase::mayOpenVHost(const QByteArray &user, const QByteArray &vhost) const
{
    return permissions_.find(user, vhost) != nullptr;
}

} // namespace warren::auth
