// How a socket connection reads, over real loopback sockets (no threads): every connection
// of the thread reads into one shared buffer and parses there, and keeps only the start of
// a frame a read cut off, so
// - a frame cut anywhere, even byte by byte, is put back together, and connections that
//   interleave cut frames never see each other's bytes;
// - an idle connection gives its own read buffer back within a tick (what makes thousands
//   of idle connections cheap: tests/bench/connection_memory.py measures it).
#include "LoopbackListener.h"
#include "protocol/Constants.h"
#include "protocol/FrameReader.h"
#include "protocol/FrameWriter.h"
#include "protocol/Methods.h"

#include <QtTest>

using namespace warren;
using namespace warren::amqp;

namespace {

// A blocking loopback client that writes bytes as the test cuts them and reads frames.
class RawClient {
public:
    explicit RawClient(quint16 port) : fd_(testing::connectLoopback(port))
    {
        if (fd_ < 0)
            qFatal("cannot connect to the test listener");
    }
    ~RawClient() { ::close(fd_); }
    RawClient(const RawClient &) = delete;
    RawClient &operator=(const RawClient &) = delete;

    void write(QByteArrayView bytes)
    {
        if (::send(fd_, bytes.data(), size_t(bytes.size()), MSG_NOSIGNAL) != bytes.size())
            qFatal("send failed");
        QTest::qWait(5);   // the broker's event loop reads this piece before the next one
    }

    // The next frame's method id, read while the broker's event loop runs; 0 on timeout.
    MethodId nextMethod(int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            const FrameParse parse = parseFrame(input_, 0);
            if (parse.status == FrameStatus::Complete) {
                const MethodId id = parse.frame.type == FrameType::Method ? methodIdOf(parse.frame.payload) : 0;
                input_.remove(0, parse.consumed);
                return id;
            }
            char buffer[4096];
            const ssize_t n = ::recv(fd_, buffer, sizeof buffer, MSG_DONTWAIT);
            if (n > 0)
                input_.append(buffer, n);
            else
                QTest::qWait(2);
        }
        return 0;
    }

private:
    static MethodId methodIdOf(QByteArrayView payload)
    {
        const auto u16 = [&](int at) { return std::uint16_t(std::uint8_t(payload[at]) << 8 | std::uint8_t(payload[at + 1])); };
        return payload.size() >= 4 ? makeMethodId(u16(0), u16(2)) : 0;
    }

    int fd_;
    QByteArray input_;
};

// The frames of a client's side of the handshake, then channel.open on channel 1.
QByteArray clientHandshake()
{
    OutputBuffer out;
    FrameWriter writer(out);
    writer.method(0, ConnectionStartOk{{}, "PLAIN", QByteArray("\0guest\0guest", 12), "en_US"});
    writer.method(0, ConnectionTuneOk{2047, 131072, 0});
    writer.method(0, ConnectionOpen{"/", {}, false});
    writer.method(1, ChannelOpen{});
    return QByteArray(kProtocolHeader, sizeof kProtocolHeader) + out.takeAll();
}

const QList<MethodId> kBrokerHandshake{ConnectionStart::id, ConnectionTune::id, ConnectionOpenOk::id,
                                       ChannelOpenOk::id};

QList<MethodId> readMethods(RawClient &client, qsizetype count)
{
    QList<MethodId> ids;
    while (ids.size() < count) {
        const MethodId id = client.nextMethod();
        if (id == 0)
            break;
        ids.append(id);
    }
    return ids;
}

} // namespace

class SocketReadsTest : public QObject {
    Q_OBJECT
private slots:
    void framesCutAtEveryByte();
    void interleavedCutFramesStayApart();
    void idleConnectionGivesItsBufferBack();
};

void SocketReadsTest::framesCutAtEveryByte()
{
    testing::LoopbackListener server;
    RawClient client(server.port());
    const QByteArray bytes = clientHandshake();
    for (qsizetype i = 0; i < bytes.size(); ++i)
        client.write(bytes.sliced(i, 1));
    QCOMPARE(readMethods(client, kBrokerHandshake.size()), kBrokerHandshake);
}

void SocketReadsTest::interleavedCutFramesStayApart()
{
    testing::LoopbackListener server;
    RawClient a(server.port());
    RawClient b(server.port());
    const QByteArray bytes = clientHandshake();
    // Cut points that fall inside frames (header, start-ok, open); each client is at a
    // different one when the other reads, so a leftover kept in the shared buffer would
    // be overwritten by the other's read.
    const QList<qsizetype> cuts{3, 20, 41, 77, 90, bytes.size() - 5, bytes.size()};
    qsizetype fromA = 0, fromB = 0;
    for (qsizetype i = 0; i < cuts.size(); ++i) {
        const qsizetype toA = cuts[i];
        const qsizetype toB = qMin(cuts[i] + 7, bytes.size());
        a.write(bytes.sliced(fromA, toA - fromA));
        b.write(bytes.sliced(fromB, toB - fromB));
        fromA = toA;
        fromB = toB;
    }
    QCOMPARE(readMethods(a, kBrokerHandshake.size()), kBrokerHandshake);
    QCOMPARE(readMethods(b, kBrokerHandshake.size()), kBrokerHandshake);
}

void SocketReadsTest::idleConnectionGivesItsBufferBack()
{
    testing::LoopbackListener server;
    RawClient client(server.port());
    const QByteArray bytes = clientHandshake();
    client.write(bytes.first(bytes.size() - 3));   // channel.open cut off: kept by the connection
    QCOMPARE(readMethods(client, 3), kBrokerHandshake.first(3));
    QCOMPARE(server.connections().size(), 1);
    server::SocketConnection *connection = server.connections().constFirst();
    QVERIFY(connection->readBufferCapacity() > 0);

    client.write(bytes.last(3));
    QCOMPARE(client.nextMethod(), ChannelOpenOk::id);
    // Nothing more comes: within two ticks (one second each) the buffer is gone.
    QTRY_COMPARE_WITH_TIMEOUT(connection->readBufferCapacity(), qsizetype(0), 3000);
}

QTEST_GUILESS_MAIN(SocketReadsTest)
#include "tst_socketreads.moc"
