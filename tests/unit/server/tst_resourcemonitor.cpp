// The resource checks the memory and disk alarms rest on (RabbitMQ's memory high watermark
// and disk free limit): what they read agrees with what Qt and the kernel report, and the
// alarm is raised on the right side of each limit.
#include "server/ResourceMonitor.h"

#include <QStorageInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <memory>

using namespace warren::server;

class ResourceMonitorTest : public QObject {
    Q_OBJECT
private slots:
    void residentBytesFollowsTouchedMemory();
    void freeDiskBytesIsWhatQtReports();
    void alarmsOnEachSideOfTheLimits();
};

void ResourceMonitorTest::residentBytesFollowsTouchedMemory()
{
    const ResourceMonitor monitor({});
    const qint64 before = monitor.residentBytes();
    QVERIFY(before > 0);
    constexpr qsizetype kTouched = qsizetype(64) << 20;
    const std::unique_ptr<char[]> block(new char[kTouched]);
    std::memset(block.get(), 1, kTouched);
    const qint64 after = monitor.residentBytes();
    QVERIFY2(after - before >= kTouched * 9 / 10,
             qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
    QVERIFY(block[kTouched - 1] == 1);
}

void ResourceMonitorTest::freeDiskBytesIsWhatQtReports()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const ResourceMonitor monitor({0, 0, dir.path()});
    const qint64 ours = monitor.freeDiskBytes();
    const qint64 qts = QStorageInfo(dir.path()).bytesAvailable();
    // Other processes write meanwhile: the same within 64 MiB.
    QVERIFY2(qAbs(ours - qts) < (qint64(64) << 20), qPrintable(QStringLiteral("%1 vs %2").arg(ours).arg(qts)));
    QCOMPARE(ResourceMonitor({0, 0, dir.path() + QStringLiteral("/missing")}).freeDiskBytes(), qint64(-1));
}

void ResourceMonitorTest::alarmsOnEachSideOfTheLimits()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const qint64 rss = ResourceMonitor({}).residentBytes();
    const qint64 free = ResourceMonitor({0, 0, dir.path()}).freeDiskBytes();
    QCOMPARE(ResourceMonitor({rss / 2, 0, dir.path()}).check(), QByteArray("low on memory"));
    QCOMPARE(ResourceMonitor({rss * 4, 0, dir.path()}).check(), QByteArray());
    QCOMPARE(ResourceMonitor({0, free * 2, dir.path()}).check(), QByteArray("low on disk"));
    QCOMPARE(ResourceMonitor({0, free / 2, dir.path()}).check(), QByteArray());
    // A data directory that cannot be looked at raises no disk alarm (none is known).
    QCOMPARE(ResourceMonitor({0, free * 2, dir.path() + QStringLiteral("/missing")}).check(), QByteArray());
}

QTEST_GUILESS_MAIN(ResourceMonitorTest)
#include "tst_resourcemonitor.moc"
