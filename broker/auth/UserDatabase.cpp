#include "UserDatabase.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace warren::auth {

namespace {
QByteArray hashPassword(const QByteArray &salt, const QByteArray &password)
{
    return QCryptographicHash::hash(salt + password, QCryptographicHash::Sha256);
}
} // namespace

UserDatabase::UserDatabase()
{
    addUser("guest", "guest", {QStringLiteral("administrator")});
    users_["guest"].loopbackOnly = true;
    setPermission("guest", "/", true);
}

void UserDatabase::addUser(const QByteArray &name, const QByteArray &password, QStringList tags)
{
    User user;
    user.name = name;
    const quint32 salt = QRandomGenerator::system()->generate();
    user.salt = QByteArray(reinterpret_cast<const char *>(&salt), sizeof salt);
    user.passwordHash = hashPassword(user.salt, password);
    user.tags = std::move(tags);
    if (const User *existing = find(name)) {   // a new password and tags; access stays
        user.vhosts = existing->vhosts;
        user.loopbackOnly = existing->loopbackOnly;
    }
    users_.insert(name, user);
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
