// Watches the broker's memory and the data directory's free disk space against their limits,
// as RabbitMQ's memory high watermark and disk free limit do.
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
    explicit ResourceMonitor(ResourceLimits limits) : limits_(std::move(limits)) {}

    // The alarm now raised, in RabbitMQ's words: "low on memory", "low on disk", or empty.
    QByteArray check() const;

    static qint64 residentBytes();
    static qint64 physicalMemory();

private:
    ResourceLimits limits_;
};

} // namespace warren::server
