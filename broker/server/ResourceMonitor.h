// Watches the broker's memory and the data directory's free disk space against their limits,
// as RabbitMQ's memory high watermark and disk free limit do.
//
// It runs every 250 ms on the broker thread, between deliveries, so each look is one system
// call: a pread() of /proc/self/statm on a descriptor kept open, and statvfs() on the data
// directory. QStorageInfo parses /proc/self/mountinfo at every construction (180 us on the
// development VM with 20 mounts, milliseconds on a desktop with hundreds) and a QFile
// allocates per read: every message arriving meanwhile waited for them.
#pragma once

#include <QByteArray>
#include <QString>

namespace warren::server {

struct ResourceLimits {
    qint64 memoryHighWatermark = 0;   // bytes of resident memory; 0: no limit
    qint64 diskFreeLimit = 0;         // bytes that must stay free; 0: no limit
    QString dataDir;
};

class ResourceMonitor {
public:
    explicit ResourceMonitor(ResourceLimits limits);
    ~ResourceMonitor();
    ResourceMonitor(const ResourceMonitor &) = delete;
    ResourceMonitor &operator=(const ResourceMonitor &) = delete;

    // The alarm now raised, in RabbitMQ's words: "low on memory", "low on disk", or empty.
    QByteArray check() const;

    qint64 residentBytes() const;    // 0 when unknown
    qint64 freeDiskBytes() const;    // for unprivileged users, as df shows; -1 when unknown
    static qint64 physicalMemory();

private:
    ResourceLimits limits_;
    QByteArray dataDir_;   // the path as the system calls take it
    int statm_ = -1;
};

} // namespace warren::server
