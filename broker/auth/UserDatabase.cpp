#include "UserDatabase.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace warren::auth {

QByteArray UserDatabase::newSalt()
{
    const quint32 random = QRandomGenerator::system()->generate();
    return QByteArray(reinterpret_cast<const char *>(&random), sizeof random);
}

QByteArray UserDatabase::hashPassword(const QByteArray &salt, const QByteArray &password)
{
    return QCryptographicHash::hash(salt + password, QCryptographicHash::Sha256);
}

UserDatabase::UserDatabase()
{
    addUser("guest", "guest", {QStringLiteral("administrator")});
    users_["guest"].loopbackOnly = true;
    setPermission("guest", "/", true);
}

void UserDatabase::addUser(const QByteArray &name, const QByteArray &password, QStringList tags)
{
    const QByteArray salt = newSalt();
    addUserWithHash(name, salt, hashPassword(salt, password), std::move(tags));
}

void UserDatabase::addUserWithHash(const QByteArray &name, const QByteArray &salt, const QByteArray &passwordHash,
                                   QStringList tags)
{
    User user;
    user.name = name;
    user.salt = salt;
    user.passwordHash = passwordHash;
    user.tags = std::move(tags);
    store(std::move(user));
}

void UserDatabase::store(User user)
{
    if (const User *existing = find(user.name)) {   // a new password and tags; access stays
        user.vhosts = existing->vhosts;
        user.loopbackOnly = existing->loopbackOnly;
    }
    users_.insert(user.name, user);
}

void UserDatabase::restore(const QList<User> &users)
{
    users_.clear();
    for (const User &user : users)
        users_.insert(user.name, user);
}

bool UserDatabase::isDefault() const
{
    const User *guest = find("guest");
    return users_.size() == 1 && guest && guest->loopbackOnly && guest->vhosts == QSet<QByteArray>{"/"}
        && guest->tags == QStringList{QStringLiteral("administrator")}
        && hashPassword(guest->salt, "guest") == guest->passwordHash;
}

void UserDatabase::removeUser(const QByteArray &name) { users_.remove(name); }

void UserDatabase::setPermission(const QByteArray &user, const QByteArray &vhost, bool allowed)
{
    auto it = users_.find(user);
    if (it == users_.end())
        return;
    if (allowed)
        it->vhosts.insert(vhost);
    else
        it->vhosts.remove(vhost);
}

const User *UserDatabase::find(const QByteArray &name) const
{
    auto it = users_.constFind(name);
    return it == users_.constEnd() ? nullptr : &*it;
}

const User *UserDatabase::authenticate(const QByteArray &name, const QByteArray &password,
                                       const QHostAddress &peer) const
{
    const User *user = find(name);
    if (!user || hashPassword(user->salt, password) != user->passwordHash)
        return nullptr;
    if (user->loopbackOnly && !peer.isLoopback())
        return nullptr;
    return user;
}

bool UserDatabase::mayOpenVHost(const QByteArray &user, const QByteArray &vhost) const
{
    const User *u = find(user);
    return u && u->vhosts.contains(vhost);
}

} // namespace warren::auth
