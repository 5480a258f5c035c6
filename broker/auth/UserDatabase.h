// Users, their password hashes, and their permissions per virtual host. As in RabbitMQ, the
// default user guest/guest exists with every permission on "/", and the users named in
// loopback_users (guest unless told otherwise) may only log in over a loopback address.
#pragma once

#include "PermissionTable.h"

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
};

class UserDatabase {
public:
    // How a password is hashed with a salt; hashPassword, unless a test counts the calls.
    using PasswordHasher = QByteArray (*)(const QByteArray &salt, const QByteArray &password);

    // Holds guest/guest with every permission on "/".
    explicit UserDatabase(PasswordHasher hasher = &hashPassword);

    // Adds a user, or gives an existing one a new password and tags (its permissions stay).
    void addUser(const QByteArray &name, const QByteArray &password, QStringList tags = {});
    // The same with a password already hashed elsewhere (a RabbitMQ definitions file uses
    // this very scheme). An empty salt and hash make a user who cannot log in by password.
    void addUserWithHash(const QByteArray &name, const QByteArray &salt, const QByteArray &passwordHash,
                         QStringList tags = {});
    // The user and their permissions.
    void removeUser(const QByteArray &name);
    const User *find(const QByteArray &name) const;
    QList<User> users() const { return users_.values(); }
    // Replaces every user and permission with these, as saved in the data directory.
    void restore(const QList<User> &users, const QList<PermissionTable::Entry> &permissions);
    // Only guest/guest with its permissions, as constructed: nothing worth saving.
    bool isDefault() const;
    // guest exists and its password is still "guest".
    bool guestHasDefaultPassword() const;

    // Set and cleared through setPermission / clearPermission below, which check the user.
    const PermissionTable &permissions() const { return permissions_; }
    void setPermission(const QByteArray &user, const QByteArray &vhost, const VHostPermissions &permissions);
    void clearPermission(const QByteArray &user, const QByteArray &vhost);
    // As RabbitMQ when a vhost is deleted: every permission on it goes.
    void removeVHost(const QByteArray &vhost) { permissions_.removeVHost(vhost); }
    bool mayOpenVHost(const QByteArray &user, const QByteArray &vhost) const;

    // RabbitMQ's loopback_users: these names may log in only over a connection made to a
    // loopback address, whoever holds the name now or later (default: guest).
    void setLoopbackUsers(const QSet<QByteArray> &names) { loopbackUsers_ = names; }
    bool isLoopbackOnly(const QByteArray &name) const { return loopbackUsers_.contains(name); }

    // The user when the password matches and the name may log in over a connection made to
    // `connectedTo` (the socket's own address, as RabbitMQ checks); else nullptr. An unknown
    // name is hashed against a dummy salt, so a refusal takes as long either way.
    const User *authenticate(const QByteArray &name, const QByteArray &password,
                             const QHostAddress &connectedTo) const;

    // The scheme: a random 4-byte salt, and SHA-256 of salt + password.
    static QByteArray newSalt();
    static QByteArray hashPassword(const QByteArray &salt, const QByteArray &password);

private:
    QHash<QByteArray, User> users_;
    PermissionTable permissions_;
    QSet<QByteArray> loopbackUsers_{"guest"};
    PasswordHasher hasher_;
};

} // namespace warren::auth
