#include "ResourceMonitor.h"

#include <QFile>
#include <QStorageInfo>

#include <unistd.h>

namespace warren::server {

qint64 ResourceMonitor::residentBytes()
{
    // /proc/self/statm: sizes in pages; the second field is the resident set.
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * ::sysconf(_SC_PAGESIZE) : 0;
}

qint64 ResourceMonitor::physicalMemory()
{
    return qint64(::sysconf(_SC_PHYS_PAGES)) * ::sysconf(_SC_PAGESIZE);
}

QByteArray ResourceMonitor::check() const
{
    if (limits_.memoryHighWatermark > 0 && residentBytes() > limits_.memoryHighWatermark)
        return "low on memory";
    if (limits_.diskFreeLimit > 0 && !limits_.dataDir.isEmpty()) {
        const QStorageInfo disk(limits_.dataDir);
        if (disk.isValid() && disk.bytesAvailable() < limits_.diskFreeLimit)
            return "low on disk";
    }
    return {};
}

} // namespace warren::server
