#include "PermissionTable.h"

namespace warren::auth {

void PermissionTable::set(const QByteArray &user, const QByteArray &vhost, const VHostPermissions &permissions)
{
    entries_.insert({user, vhost}, permissions);
    ++generation_;
}

void PermissionTable::clear(const QByteArray &user, const QByteArray &vhost)
{
    entries_.remove({user, vhost});
    ++generation_;
}

void PermissionTable::removeUser(const QByteArray &user)
{
    entries_.removeIf([&](const auto &entry) { return entry.key().first == user; });
    ++generation_;
}

void PermissionTable::removeVHost(const QByteArray &vhost)
{
    entries_.removeIf([&](const auto &entry) { return entry.key().second == vhost; });
    ++generation_;
}

void PermissionTable::replaceAll(const QList<Entry> &entries)
{
    entries_.clear();
    for (const Entry &e : entries)
        entries_.insert({e.user, e.vhost}, e.permissions);
    ++generation_;
}

const VHostPermissions *PermissionTable::find(const QByteArray &user, const QByteArray &vhost) const
{
    const auto it = entries_.constFind({user, vhost});
    return it == entries_.constEnd() ? nullptr : &*it;
}

bool PermissionTable::allows(const QByteArray &user, const QByteArray &vhost, Access access,
                             const Resource &resource) const
{
    const VHostPermissions *permissions = find(user, vhost);
    return permissions && permissions->allows(access, resource.permissionName());
}

QList<PermissionTable::Entry> PermissionTable::entries() const
{
    QList<Entry> out;
    for (auto it = entries_.constBegin(); it != entries_.constEnd(); ++it)
        out.append({it.key().first, it.key().second, it.value()});
    return out;
}

} // namespace warren::auth
