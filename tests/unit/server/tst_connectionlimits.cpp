// RabbitMQ's limits on a client, in the protocol core without sockets (the socket side runs
// in tst_acceptgate and tests/integration/run_limits.py):
// - handshake timeout: a connection stopped at any step before connection.open-ok is closed
//   without a frame; an open one is left alone;
// - after the client's connection.close the broker answers close-ok and waits for the client
//   to close the socket (the heartbeat interval, at most 30 s), dropping what still comes;
// - channel_max counts open channels, whatever their numbers: 530 NOT_ALLOWED at the limit;
// - consumer timeout: a delivery unacknowledged for the timeout closes its channel with
//   406 PRECONDITION_FAILED in RabbitMQ's words, never before, and requeues it;
// - bounded output: a read stops at the frame that takes the output above the high watermark
//   (basic.get replies here), and reading resumes once it drains below the low one; a direct
//   reply to a client that does not read holds the replying connection the same way.
#include "ConnectionTestSupport.h"
#include "server/ConsumerTimeout.h"

#include <QtTest>

using namespace warren;
using namespace warren::amqp;
using testing::Client;
using testing::methodsOf;
using testing::Received;

namespace {

const QByteArray kHeader(kProtocolHeader, sizeof kProtocolHeader);

// Header, start-ok, tune-ok with these values, open: the parts of Client::handshake
// with a channel_max and heartbeat of the test's choosing, and no channel.
void openConnection(Client &c, std::uint16_t channelMax, std::uint16_t heartbeat)
{
    c.flush(kHeader);
    c.send(0, ConnectionStartOk{{}, "PLAIN", QByteArray("\0guest\0guest", 12), "en_US"});
    c.send(0, ConnectionTuneOk{channelMax, 131072, heartbeat});
    c.send(0, ConnectionOpen{"/", {}, false});
    c.flush();
    QCOMPARE(methodsOf(c.replies()), (QList<MethodId>{ConnectionStart::id, ConnectionTune::id, ConnectionOpenOk::id}));
}

} // namespace

class ConnectionLimitsTest : public QObject {
    Q_OBJECT
private slots:
    void handshakeTimeout_data();
    void handshakeTimeout();
    void handshakeTimeoutSparesAnOpenConnection();
    void clientCloseWaitsForThePeer_data();
    void clientCloseWaitsForThePeer();
    void channelMaxCountsOpenChannels();
    void frameForANewChannelAtChannelMax();
    void consumerTimeoutWatchIsNeverEarly();
    void consumerTimeoutClosesTheChannel();
    void consumerTimeoutCoversGetAndSparesAckedDeliveries();
    void outputAboveWatermarkHoldsReading();
    void directReplyToAFullClientHoldsTheReplier();
};

void ConnectionLimitsTest::handshakeTimeout_data()
{
    QTest::addColumn<int>("steps");   // how far the client got
    QTest::newRow("no bytes") << 0;
    QTest::newRow("protocol header only") << 1;
    QTest::newRow("start-ok, no tune-ok") << 2;
    QTest::newRow("tune-ok, no connection.open") << 3;
}

void ConnectionLimitsTest::handshakeTimeout()
{
    QFETCH(int, steps);
    Client c;
    if (steps >= 1)
        c.flush(kHeader);
    if (steps >= 2)
        c.send(0, ConnectionStartOk{{}, "PLAIN", QByteArray("\0guest\0guest", 12), "en_US"});
    if (steps >= 3)
        c.send(0, ConnectionTuneOk{2047, 131072, 0});
    c.flush();
    c.replies();

    c.connection.handshakeTimedOut();
    QCOMPARE(c.connection.state(), server::Connection::State::Closed);
    QCOMPARE(c.transport.closeAfterMs, 0);                // dropped now, whatever is pending,
    QVERIFY(c.connection.output().takeAll().isEmpty());   // and without a word, as RabbitMQ
}

void ConnectionLimitsTest::handshakeTimeoutSparesAnOpenConnection()
{
    Client c;
    c.handshake();
    c.connection.handshakeTimedOut();
    QCOMPARE(c.connection.state(), server::Connection::State::Open);
    QCOMPARE(c.transport.closeAfterMs, -1);
    QVERIFY(!c.transport.closed);
}

void ConnectionLimitsTest::clientCloseWaitsForThePeer_data()
{
    QTest::addColumn<int>("heartbeat");
    QTest::addColumn<int>("graceMs");
    QTest::newRow("no heartbeat: 30 s") << 0 << 30'000;
    QTest::newRow("heartbeat 5 s") << 5 << 5'000;
    QTest::newRow("heartbeat 60 s: 30 s") << 60 << 30'000;
}

void ConnectionLimitsTest::clientCloseWaitsForThePeer()
{
    QFETCH(int, heartbeat);
    QFETCH(int, graceMs);
    Client c;
    openConnection(c, 2047, std::uint16_t(heartbeat));
    c.send(1, ChannelOpen{});
    c.send(1, QueueDeclare{0, "", false, false, true, false, false, {}});   // exclusive
    c.send(0, ConnectionClose{200, "bye", 0, 0});
    c.send(1, BasicPublish{0, "", "late", false, false});   // already on its way: dropped
    c.sendContent(1, {}, "late");
    c.flush();
    QCOMPARE(methodsOf(c.replies()), (QList<MethodId>{ChannelOpenOk::id, QueueDeclareOk::id, ConnectionCloseOk::id}));
    QCOMPARE(c.connection.state(), server::Connection::State::Closed);
    QVERIFY(!c.transport.closed);   // the client closes the socket,
    QCOMPARE(c.transport.closeAfterMs, graceMs);   // or the broker does after the grace
    QVERIFY(c.context.vhost("/")->queuesOwnedBy(c.connection.id()).empty());   // exclusive queue gone at once

    c.send(1, BasicPublish{0, "", "later", false, false});
    c.sendContent(1, {}, "later");
    c.flush();   // all consumed, nothing answered
    QVERIFY(c.replies().isEmpty());
}

void ConnectionLimitsTest::channelMaxCountsOpenChannels()
{
    Client c;
    openConnection(c, 2, 0);
    c.send(1, ChannelOpen{});
    c.send(65535, ChannelOpen{});   // any number: RabbitMQ counts channels, not numbers
    c.flush();
    QCOMPARE(methodsOf(c.replies()), (QList<MethodId>{ChannelOpenOk::id, ChannelOpenOk::id}));

    c.send(1, ChannelClose{200, "done", 0, 0});
    c.send(3, ChannelOpen{});   // one closed: room again
    c.send(2, ChannelOpen{});
    c.flush();
    QList<Received> r = c.replies();
    QCOMPARE(methodsOf(r), (QList<MethodId>{ChannelCloseOk::id, ChannelOpenOk::id, ConnectionClose::id}));
    QCOMPARE(r[1].frame.channel, std::uint16_t(3));
    const auto close = c.decode<ConnectionClose>(r[2]);
    QCOMPARE(r[2].frame.channel, std::uint16_t(0));
    QCOMPARE(close.replyCode, std::uint16_t(530));
    QCOMPARE(close.replyText,
             QByteArray("NOT_ALLOWED - number of channels opened (2) has reached the negotiated channel_max (2)"));
    QCOMPARE((std::pair{close.classId, close.methodId}), (std::pair<std::uint16_t, std::uint16_t>{0, 0}));
}

void ConnectionLimitsTest::frameForANewChannelAtChannelMax()
{
    // At the limit the count is the answer, before the frame's own faults (not channel.open).
    Client c;
    openConnection(c, 1, 0);
    c.send(1, ChannelOpen{});
    c.send(2, QueueDeclare{0, "q", false, false, false, false, false, {}});
    c.flush();
    const QList<Received> r = c.replies();
    QCOMPARE(methodsOf(r), (QList<MethodId>{ChannelOpenOk::id, ConnectionClose::id}));
    QCOMPARE(c.decode<ConnectionClose>(r[1]).replyCode, std::uint16_t(530));
}

void ConnectionLimitsTest::consumerTimeoutWatchIsNeverEarly()
{
    server::ConsumerTimeout watch;
    QVERIFY(!watch.expired(0, 0, 1000));      // nothing outstanding
    QVERIFY(!watch.expired(7, 100, 1000));    // tag 7 first seen at 100
    QVERIFY(!watch.expired(7, 1099, 1000));
    QVERIFY(watch.expired(7, 1100, 1000));
    QVERIFY(!watch.expired(9, 1200, 1000));   // 7 acked meanwhile: 9 is new
    QVERIFY(!watch.expired(9, 2100, 1000));
    QVERIFY(watch.expired(9, 2200, 1000));
    QVERIFY(!watch.expired(0, 2300, 1000));
    QCOMPARE(server::ConsumerTimeout::checkIntervalMs(1'800'000), 60'000);   // RabbitMQ's tick
    QCOMPARE(server::ConsumerTimeout::checkIntervalMs(1'000), 100);
}

void ConnectionLimitsTest::consumerTimeoutClosesTheChannel()
{
    Client c;
    c.context.settings.consumerTimeoutMs = 1000;
    c.handshake();
    c.send(2, ChannelOpen{});
    c.send(1, QueueDeclare{0, "q", false, false, false, false, false, {}});
    c.publish(1, "", "q", "m");
    c.send(1, BasicConsume{0, "q", "tag", false, false, false, false, {}});
    c.flush();
    QCOMPARE(methodsOf(c.replies()), (QList<MethodId>{ChannelOpenOk::id, QueueDeclareOk::id, BasicConsumeOk::id,
                                                      BasicDeliver::id}));
    for (qint64 now : {10, 500, 1009}) {   // first seen at 10: not yet
        c.connection.checkConsumerTimeouts(now);
        QVERIFY2(c.replies().isEmpty(), qPrintable(QString::number(now)));
    }
    c.connection.checkConsumerTimeouts(1010);
    const QList<Received> r = c.replies();
    QCOMPARE(methodsOf(r), QList<MethodId>{ChannelClose::id});
    QCOMPARE(r[0].frame.channel, std::uint16_t(1));
    const auto close = c.decode<ChannelClose>(r[0]);
    QCOMPARE(close.replyCode, std::uint16_t(406));
    QCOMPARE(close.replyText, QByteArray("PRECONDITION_FAILED - delivery acknowledgement on channel 1 timed out. "
                                         "Timeout value used: 1000 ms. This timeout value can be configured, see "
                                         "consumers doc guide to learn more"));
    QCOMPARE((std::pair{close.classId, close.methodId}), (std::pair<std::uint16_t, std::uint16_t>{0, 0}));
    QCOMPARE(c.queue("q")->readyCount(), 1);   // requeued, the consumer gone
    QCOMPARE(c.queue("q")->consumerCount(), 0);
    QCOMPARE(c.connection.state(), server::Connection::State::Open);   // a channel error only

    c.connection.checkConsumerTimeouts(5000);   // closing: not closed twice
    QVERIFY(c.replies().isEmpty());
    c.send(1, ChannelCloseOk{});
    c.send(2, BasicGet{0, "q", true});
    c.flush();
    QCOMPARE(methodsOf(c.replies()), QList<MethodId>{BasicGetOk::id});
}

void ConnectionLimitsTest::consumerTimeoutCoversGetAndSparesAckedDeliveries()
{
    Client c;
    c.context.settings.consumerTimeoutMs = 1000;
    c.handshake();
    c.send(1, QueueDeclare{0, "q", false, false, false, false, false, {}});
    c.publish(1, "", "q", "a");
    c.publish(1, "", "q", "b");
    c.send(1, BasicGet{0, "q", false});
    c.flush();
    c.replies();
    c.connection.checkConsumerTimeouts(0);      // delivery 1 first seen
    c.send(1, BasicGet{0, "q", false});
    c.send(1, BasicAck{1, false});
    c.flush();
    c.replies();
    c.connection.checkConsumerTimeouts(1000);   // 1 acked; 2 first seen now
    QVERIFY(c.replies().isEmpty());
    c.connection.checkConsumerTimeouts(1999);
    QVERIFY(c.replies().isEmpty());
    c.connection.checkConsumerTimeouts(2000);   // basic.get deliveries count too, as in RabbitMQ
    QCOMPARE(methodsOf(c.replies()), QList<MethodId>{ChannelClose::id});

    Client off;
    off.context.settings.consumerTimeoutMs = 0;
    off.handshake();
    off.send(1, QueueDeclare{0, "q", false, false, false, false, false, {}});
    off.publish(1, "", "q", "a");
    off.send(1, BasicGet{0, "q", false});
    off.flush();
    off.replies();
    for (qint64 now : {0, 1'000'000, 100'000'000})
        off.connection.checkConsumerTimeouts(now);
    QVERIFY(off.replies().isEmpty());
}

namespace {
void setWatermarks(Client &c, qsizetype high, qsizetype low)
{
    c.context.settings.outputHighWatermark = high;
    c.context.settings.outputLowWatermark = low;
}

// What receive() left of the bytes sent since the last flush: it stops where input is held.
QByteArray receiveWhatItTakes(Client &c, const QByteArray &bytes)
{
    return bytes.sliced(c.connection.receive(bytes));
}
} // namespace

void ConnectionLimitsTest::outputAboveWatermarkHoldsReading()
{
    Client c;
    setWatermarks(c, 4000, 1000);
    c.handshake();
    c.send(1, QueueDeclare{0, "q", false, false, false, false, false, {}});
    for (int i = 0; i < 50; ++i)
        c.publish(1, "", "q", QByteArray(500, 'x'));
    c.flush();
    c.replies();
    for (int i = 0; i < 50; ++i)
        c.send(1, BasicGet{0, "q", true});
    QByteArray left = receiveWhatItTakes(c, c.out.takeAll());
    QVERIFY(!left.isEmpty());
    QVERIFY(!c.transport.reading);
    QVERIFY2(c.connection.output().size() < 4000 + 600, "one reply past the watermark at most");
    QCOMPARE(c.queue("q")->readyCount(), 50 - 8);   // 7 replies of ~550 bytes fit, the 8th passes

    // Drained a little: still above the low watermark, still held.
    c.connection.output().consume(c.connection.output().size() - 1500);
    c.connection.outputWritten();
    QVERIFY(!c.transport.reading);
    c.replies();
    c.connection.outputWritten();
    QVERIFY(c.transport.reading);
    while (!left.isEmpty()) {
        left = receiveWhatItTakes(c, left);
        c.replies();
        c.connection.outputWritten();
    }
    QCOMPARE(c.queue("q")->readyCount(), 0);
}

void ConnectionLimitsTest::directReplyToAFullClientHoldsTheReplier()
{
    Client requester;
    setWatermarks(requester, 4000, 1000);
    requester.handshake();
    Client server(requester.context);
    server.handshake();
    requester.send(1, QueueDeclare{0, "rpc", false, false, false, false, false, {}});
    requester.send(1, BasicConsume{0, "amq.rabbitmq.reply-to", "", true, true, false, false, {}});
    BasicProperties request;
    request.replyTo = "amq.rabbitmq.reply-to";
    requester.publish(1, "", "rpc", "ask", request);
    requester.flush();
    requester.replies();
    server.send(1, BasicGet{0, "rpc", true});
    server.flush();
    const QList<Received> got = server.replies();
    QCOMPARE(methodsOf(got), QList<MethodId>{BasicGetOk::id});
    const QByteArray address = BasicProperties::decode(got[1].payload.sliced(12))->replyTo.value();

    for (int i = 0; i < 50; ++i)
        server.publish(1, "", address, QByteArray(500, 'r'));
    QByteArray left = receiveWhatItTakes(server, server.out.takeAll());
    QVERIFY(!left.isEmpty());
    QVERIFY(!server.transport.reading);
    QVERIFY(requester.connection.output().size() < 4000 + 600);
    server.replies();
    server.connection.outputWritten();   // its own output is empty: still held for the requester
    QVERIFY(!server.transport.reading);

    qsizetype delivered = 0;
    for (int turn = 0; turn < 50 && (delivered < 50 || !left.isEmpty()); ++turn) {
        delivered += methodsOf(requester.replies()).count(BasicDeliver::id);
        requester.connection.outputWritten();
        QVERIFY(server.transport.reading);
        left = receiveWhatItTakes(server, left);
    }
    QCOMPARE(delivered, 50);   // held, never dropped
}

QTEST_GUILESS_MAIN(ConnectionLimitsTest)
#include "tst_connectionlimits.moc"
