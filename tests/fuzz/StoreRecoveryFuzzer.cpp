// A data directory made of arbitrary bytes, recovered as the broker does at start: its
// topology.json (exchanges, queues, bindings, users, permissions) and message segments, then
// every recovered message read back from the store. A damaged disk, or a file someone edited,
// must never crash the broker, read out of bounds or hang its start. The payload is a 16-bit
// big-endian length, that many bytes of topology.json, and the segments' bytes, cut in two
// segment files where the shape byte says. libFuzzer target or FuzzSmokeMain.cpp.
#include "FuzzHarness.h"
#include "FuzzSeeds.h"

#include "store/MessageStore.h"
#include "store/TopologyStore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtEndian>

#include <cstddef>
#include <cstdint>

namespace {

using namespace warren;

constexpr qint64 kSegmentSize = qint64(1) << 20;

QString segmentPath(const QString &dir, int segment)
{
    return dir + QStringLiteral("/messages/%1.wseg").arg(segment, 8, 10, QLatin1Char('0'));
}

void writeFile(const QString &path, QByteArrayView bytes)
{
    QFile f(path);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(bytes.data(), bytes.size());
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The start's recovery, as Broker::openDataDirectory does it; then every message is read.
void recover(const QString &dir)
{
    server::ServerContext context;
    context.setTopologyStore(std::make_unique<store::TopologyStore>(dir + QStringLiteral("/topology.json")));
    context.setMessageStore(std::make_unique<store::MessageStore>(dir + QStringLiteral("/messages"), kSegmentSize), 0);
    QString error;
    if (!context.loadTopology(&error) || !context.recoverMessages(&error))
        return;
    for (const auto &vhost : context.vhosts()) {
        for (const auto &queue : vhost->queues()) {
            while (queue->fetch(true)) {
            }
        }
    }
}

// Where the inputs are written: one directory for the whole run (in memory when it can be).
const QString &workDirectory()
{
    static QTemporaryDir dir(QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm/warren-fuzz-XXXXXX")
                                                                         : QDir::tempPath() + QStringLiteral("/warren-fuzz-XXXXXX"));
    static const QString path = dir.path();
    return path;
}

} // namespace

QList<QByteArray> warren::fuzz::targetSeeds()
{
    // A real broker's directory after a conversation that leaves messages in durable queues.
    QTemporaryDir dir;
    {
        server::ServerContext context;
        context.setTopologyStore(std::make_unique<store::TopologyStore>(dir.path() + QStringLiteral("/topology.json")));
        context.setMessageStore(std::make_unique<store::MessageStore>(dir.path() + QStringLiteral("/messages"), kSegmentSize), 0);
        QString error;
        context.loadTopology(&error);
        context.recoverMessages(&error);
        FuzzConnection c(context);
        c.feed(handshake() + durableConversation());
        context.persistChanges();
        context.syncMessages();
    }
    const QByteArray topology = readFile(dir.path() + QStringLiteral("/topology.json"));
    const QByteArray segment = readFile(segmentPath(dir.path(), 1));
    QByteArray length(2, '\0');
    qToBigEndian(quint16(topology.size()), length.data());
    return {length + topology + segment};
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 3)
        return 0;
    fuzz::silenceLogs();
    const QString &dir = workDirectory();
    QDir(dir).removeRecursively();
    QDir().mkpath(dir + QStringLiteral("/messages"));
    const QByteArrayView payload(data + 1, qsizetype(size - 1));
    const qsizetype topologySize = qMin<qsizetype>(qFromBigEndian<quint16>(payload.data()), payload.size() - 2);
    writeFile(dir + QStringLiteral("/topology.json"), payload.sliced(2, topologySize));
    const QByteArrayView segments = payload.sliced(2 + topologySize);
    const qsizetype cut = segments.size() * data[0] / 255;
    writeFile(segmentPath(dir, 1), segments.first(cut));
    if (cut < segments.size())
        writeFile(segmentPath(dir, 2), segments.sliced(cut));
    recover(dir);
    return 0;
}
