#include "BrokerSnapshot.h"

namespace warren {

QStringList UserSnapshot::vhosts() const
{
    QStringList names;
    for (const PermissionSnapshot &p : permissions)
        names.append(p.vhost);
    return names;
}

qint64 BrokerSnapshot::totalReady() const
{
    qint64 n = 0;
    for (const QueueSnapshot &q : queues)
        n += q.ready;
    return n;
}

qint64 BrokerSnapshot::totalUnacked() const
{
    qint64 n = 0;
    for (const QueueSnapshot &q : queues)
        n += q.unacked;
    return n;
}

} // namespace warren
