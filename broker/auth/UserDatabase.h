// Users, their password hashes, and which virtual hosts they may use. As in RabbitMQ, the
// default user guest/guest exists and may only log in from a loopback address.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QSet>
#include <QStringList>

namespace warren::auth {

struct User {
    QByteArray name;
    QByteArray salt;
    QByteArray passwordHash;   // SHA-256 of salt + password
    QStringList tags;          // "administrator", ...
    bool loopbackOnly = false;
    QSet<QByteArray> vhosts;   // the virtual hosts this user may open
};

class UserDatabase {
public:
    UserDatabase();   // holds guest/guest with access to "/"

    // Adds a user, or gives an existing one a new password and tags (its access stays).
    void addUser(const QByteArray &name, const QByteArray &password, QStringList tags = {});
    void removeUser(const QByteArray &name);
    void setPermission(const QByteArray &user, const QByteArray &vhost, bool allowed);
    const User *find(const QByteArray &name) const;
    QList<User> users() const { return users_.values(); }

    // The user when the password matches and the peer may log in as them; else nullptr.
    const User *authenticate(const QByteArray &name, const QByteArray &password,
                             const QHostAddress &peer) const;
    bool mayOpenVHost(const QByteArray &user, const QByteArray &vhost) const;

private:
    QHash<QByteArray, User> users_;
};

} // namespace warren::auth
