// The message store's memory with one old message pinned while many pass through (issue 12,
// item 5): a persistent message stays in one queue while N others are stored for another
// queue and acknowledged at once, as a busy work queue does beside a forgotten one. The index
// must grow with the live messages, not with every message ever stored, and compaction must
// keep the log to a few segments. Every tenth of the run it prints the process's resident
// memory, the index's capacity and the segment files; at the end it checks that the pinned
// message is the one stored message (exit 1 otherwise).
//   bench_store_pinned [messages=10000000]
#include "model/Queue.h"
#include "store/MessageStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>

using namespace warren;

namespace {

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

model::Message persistent(const QByteArray &body)
{
    model::Message m;
    m.exchange = "amq.direct";
    m.routingKey = "work";
    m.body = body;
    m.deliveryMode = 2;
    return m;
}

} // namespace

int main(int argc, char **argv)
{
    const qint64 messages = argc > 1 ? std::atoll(argv[1]) : 10'000'000;
    QTemporaryDir dir;
    store::MessageStore store(dir.path(), qint64(4) << 20);
    QString error;
    if (!store.open([](quint64) { return true; }, [](quint64, const model::RestoredMessage &) {}, &error)) {
        std::fprintf(stderr, "FAIL: %s\n", qPrintable(error));
        return 1;
    }
    model::Queue forgotten(1, "forgotten", model::QueueOptions{true});
    model::Queue busy(2, "busy", model::QueueOptions{true});
    model::Message pinned = persistent("pinned");
    store.append(pinned, {forgotten.id()});

    const qint64 rssStart = residentKiB();
    qint64 rssMax = rssStart;
    qsizetype capacityMax = 0, segmentsMax = 0;
    const QByteArray body(64, 'x');
    QElapsedTimer timer;
    timer.start();
    for (qint64 i = 1; i <= messages; ++i) {
        model::Message m = persistent(body);
        store.append(m, {busy.id()});
        store.removed(busy, m.storeId);
        if (i % 1000 == 0)
            store.syncPoint();   // as group commit does: buffered records go to the OS
        if (i % qMax<qint64>(messages / 10, 1) == 0) {
            const qint64 rss = residentKiB();
            const qsizetype segments = QDir(dir.path()).entryList({QStringLiteral("*.wseg")}, QDir::Files).size();
            rssMax = qMax(rssMax, rss);
            capacityMax = qMax(capacityMax, store.indexCapacity());
            segmentsMax = qMax(segmentsMax, segments);
            std::printf("passed %lld: rss %lld KiB, index capacity %lld, segment files %lld\n",
                        static_cast<long long>(i), static_cast<long long>(rss),
                        static_cast<long long>(store.indexCapacity()), static_cast<long long>(segments));
        }
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (store.storedMessages() != 1) {
        std::fprintf(stderr, "FAIL: %lld messages stored at the end, expected the pinned one only\n",
                     static_cast<long long>(store.storedMessages()));
        return 1;
    }
    std::printf("result messages=%lld rss_start_kib=%lld rss_max_kib=%lld index_capacity_max=%lld "
                "segments_max=%lld rate=%.0f\n",
                static_cast<long long>(messages), static_cast<long long>(rssStart), static_cast<long long>(rssMax),
                static_cast<long long>(capacityMax), static_cast<long long>(segmentsMax), double(messages) / seconds);
    return 0;
}
