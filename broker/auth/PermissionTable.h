// Every user's permissions, per virtual host: RabbitMQ's user_permission table. A user may
// open a vhost when they have an entry for it, whatever its patterns (three empty patterns
// open the vhost and allow nothing in it).
#pragma once

#include "Resource.h"
#include "VHostPermissions.h"

#include <QList>
#include <QMap>

#include <utility>

namespace warren::auth {

class PermissionTable {
public:
    struct Entry {
        QByteArray user;
        QByteArray vhost;
        VHostPermissions permissions;
    };

    void set(const QByteArray &user, const QByteArray &vhost, const VHostPermissions &permissions);
    void clear(const QByteArray &user, const QByteArray &vhost);
    void removeUser(const QByteArray &user);
    void removeVHost(const QByteArray &vhost);
    void replaceAll(const QList<Entry> &entries);

    const VHostPermissions *find(const QByteArray &user, const QByteArray &vhost) const;
    bool allows(const QByteArray &user, const QByteArray &vhost, Access access, const Resource &resource) const;
    // By user, then vhost: files written from it stay the same while the table does.
    QList<Entry> entries() const;
    // Changes with every change of the table: a verdict remembered along with it stays
    // true while it is unchanged.
    quint64 generation() const { return generation_; }

private:
    using Key = std::pair<QByteArray, QByteArray>;   // user, vhost

    QMap<Key, VHostPermissions> entries_;
    quint64 generation_ = 1;
};

} // namespace warren::auth
