#include "ResourceMonitor.h"

#include <QFile>

#include <cstdlib>
#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace warren::server {

ResourceMonitor::ResourceMonitor(ResourceLimits limits)
    : limits_(std::move(limits)), dataDir_(QFile::encodeName(limits_.dataDir)),
      statm_(::open("/proc/self/statm", O_RDONLY | O_CLOEXEC))
{
}

ResourceMonitor::~ResourceMonitor()
{
    if (statm_ >= 0)
        ::close(statm_);
}

qint64 ResourceMonitor::residentBytes() const
{
    // Sizes in pages: the total, then the resident set.
    char text[128];
    const ssize_t n = statm_ >= 0 ? ::pread(statm_, text, sizeof text - 1, 0) : -1;
    if (n <= 0)
        return 0;
    text[n] = '\0';
    char *end = nullptr;
    std::strtoll(text, &end, 10);
    return std::strtoll(end, nullptr, 10) * ::sysconf(_SC_PAGESIZE);
}

qint64 ResourceMonitor::freeDiskBytes() const
{
    struct statvfs disk {};
    if (dataDir_.isEmpty() || ::statvfs(dataDir_.constData(), &disk) != 0)
        return -1;
    return qint64(disk.f_bavail) * qint64(disk.f_frsize);
}

qint64 ResourceMonitor::physicalMemory()
{
    return qint64(::sysconf(_SC_PHYS_PAGES)) * ::sysconf(_SC_PAGESIZE);
}

QByteArray ResourceMonitor::check() const
{
    if (limits_.memoryHighWatermark > 0 && residentBytes() > limits_.memoryHighWatermark)
        return "low on memory";
    if (limits_.diskFreeLimit > 0) {
        const qint64 free = freeDiskBytes();
        if (free >= 0 && free < limits_.diskFreeLimit)
            return "low on disk";
    }
    return {};
}

} // namespace warren::server
