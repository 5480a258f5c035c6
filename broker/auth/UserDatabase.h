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
    // The same with a password already hashed elsewhere (a RabbitMQ definitions file uses
    // this very scheme). An empty salt and hash make a user who cannot log in by password.
    void addUserWithHash(const QByteArray &name, const QByteArray &salt, const QByteArray &passwordHash,
                         QStringList tags = {});
    void removeUser(const QByteArray &name);
    void setPermission(const QByteArray &user, const QByteArray &vhost, bool allowed);
    const User *find(const QByteArray &name) const;
    QList<User> users() const { return users_.values(); }
    // Replaces every user with these, as saved in the data directory.
    void restore(const QList<User> &users);
    // Only guest/guest, as constructed: nothing worth saving.
    bool isDefault() const;

    // The user when the password matches and the peer may log in as them; else nullptr.
    const User *authenticate(const QByteArray &name, const QByteArray &password,
                             const QHostAddress &peer) const;
    bool mayOpenVHost(const QByteArray &user, const QByteArray &vhost) const;

    // The scheme: a random 4-byte salt, and SHA-256 of salt + password.
    static QByteArray newSalt();
    static QByteArray hashPassword(const QByteArray &salt, const QByteArray &password);

private:
    void store(User user);

    QHash<QByteArray, User> users_;
};

} // namespace warren::auth
