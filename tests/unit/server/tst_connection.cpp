// The protocol core without sockets: a Connection driven with bytes through an in-memory
// transport, its answers decoded with the codec.
// - the handshake: protocol header, connection.start (capabilities, mechanisms), tune, open;
//   a wrong protocol header gets ours back and the transport closed;
// - publish then consume on one connection: the delivery carries the publisher's encoded
//   properties byte for byte and the body;
// - a soft error closes only its channel (with class and method ids), another channel works on;
// - a hard error closes the connection and requeues what its consumers had not acknowledged;
// - a vanished transport requeues unacknowledged messages with redelivered set;
// - a published headers table RabbitMQ could not decode closes the connection with a bare
//   541 INTERNAL_ERROR naming no method, as RabbitMQ's crashed channel does, and nothing
//   reaches the queue's consumer; the exchange is checked first (404 for a missing one).
#include "ConnectionTestSupport.h"

#include <QtTest>

using namespace warren;
using namespace warren::amqp;
using testing::Client;
using testing::methodsOf;
using testing::Received;

class ConnectionTest : public QObject {
    Q_OBJECT
private slots:
    void handshake();
    void wrongProtocolHeader();
    void publishThenConsume();
    void softErrorClosesOnlyItsChannel();
    void hardErrorRequeuesUnacked();
    void vanishedTransportRequeuesUnacked();
    void undecodableHeadersCloseTheConnection();
    void missingExchangeComesBeforeTheHeaders();
};

void ConnectionTest::handshake()
{
    Client c;
    c.flush(QByteArray(kProtocolHeader, sizeof kProtocolHeader));
    QList<Received> r = c.replies();
    QCOMPARE(methodsOf(r), QList<MethodId>{ConnectionStart::id});
    const auto start = c.decode<ConnectionStart>(r[0]);
    QCOMPARE(start.mechanisms, QByteArray("PLAIN AMQPLAIN"));
    const FieldTable &caps = start.serverProperties.find("capabilities")->toTable();
    for (const char *cap : {"publisher_confirms", "basic.nack", "consumer_cancel_notify", "per_consumer_qos"})
        QVERIFY2(caps.find(cap) && caps.find(cap)->toBool(), cap);

    c.send(0, ConnectionStartOk{{}, "PLAIN", QByteArray("\0guest\0guest", 12), "en_US"});
    c.flush();
    r = c.replies();
    QCOMPARE(methodsOf(r), QList<MethodId>{ConnectionTune::id});
    const auto tune = c.decode<ConnectionTune>(r[0]);
    QCOMPARE(tune.channelMax, std::uint16_t(2047));
    QCOMPARE(tune.frameMax, std::uint32_t(131072));
    QCOMPARE(tune.heartbeat, std::uint16_t(60));

    c.send(0, ConnectionTuneOk{2047, 131072, 0});
    c.send(0, ConnectionOpen{"/", {}, false});
    c.flush();
    QCOMPARE(methodsOf(c.replies()), QList<MethodId>{ConnectionOpenOk::id});
    QCOMPARE(c.connection.state(), server::Connection::State::Open);
}

void ConnectionTest::wrongProtocolHeader()
{
    Client c;
    c.flush("AMQP\x00\x00\x09\x02"_qba);
    QCOMPARE(c.connection.output().takeAll(), QByteArray(kProtocolHeader, sizeof kProtocolHeader));
    QVERIFY(c.transport.closed);
}

void ConnectionTest::publishThenConsume()
{
    Client c;
    c.handshake();
    BasicProperties props;
    props.contentType = "text/plain";
    props.headers = FieldTable{{"n", FieldValue::integer(42, FieldValue::Type::Int8)}};
    const QByteArray encoded = props.encode();

    c.send(1, QueueDeclare{0, "q", false, false, false, false, false, {}});
    c.send(1, BasicPublish{0, "", "q", false, false});
    c.sendContent(1, encoded, "hello");
    c.send(1, BasicConsume{0, "q", "tag", false, false, false, false, {}});
    c.flush();
    const QList<Received> r = c.replies();
    QCOMPARE(methodsOf(r), (QList<MethodId>{QueueDeclareOk::id, BasicConsumeOk::id, BasicDeliver::id}));
    const auto deliver = c.decode<BasicDeliver>(r[2]);
    QCOMPARE(deliver.consumerTag, QByteArray("tag"));
    QCOMPARE(deliver.deliveryTag, std::uint64_t(1));
    QCOMPARE(deliver.routingKey, QByteArray("q"));
    QCOMPARE(r[3].frame.type, FrameType::Header);
    QCOMPARE(r[3].payload.sliced(12), encoded);   // the publisher's bytes, untouched
    QCOMPARE(r[4].payload, QByteArray("hello"));
    QCOMPARE(c.queue("q")->unackedCount(), 1);

    c.send(1, BasicAck{1, false});
    c.flush();
    QCOMPARE(c.queue("q")->unackedCount(), 0);
}

void ConnectionTest::softErrorClosesOnlyItsChannel()
{
    Client c;
    c.handshake();
    c.send(2, ChannelOpen{});
    c.send(1, QueueDeclare{0, "missing", true, false, false, false, false, {}});
    c.send(2, QueueDeclare{0, "other", false, false, false, false, false, {}});
    c.flush();
    const QList<Received> r = c.replies();
    QCOMPARE(methodsOf(r), (QList<MethodId>{ChannelOpenOk::id, ChannelClose::id, QueueDeclareOk::id}));
    const auto close = c.decode<ChannelClose>(r[1]);
    QCOMPARE(close.replyCode, std::uint16_t(404));
    QCOMPARE(close.replyText, QByteArray("NOT_FOUND - no queue 'missing' in vhost '/'"));
    QCOMPARE((std::pair{close.classId, close.methodId}), (std::pair<std::uint16_t, std::uint16_t>{50, 10}));
    QCOMPARE(c.connection.state(), server::Connection::State::Open);
}

void ConnectionTest::hardErrorRequeuesUnacked()
{
    Client c;
    c.handshake();
    c.send(1, QueueDeclare{0, "q", false, false, false, false, false, {}});
    c.send(1, BasicPublish{0, "", "q", false, false});
    c.sendContent(1, {}, "m");
    c.send(1, BasicConsume{0, "q", "tag", false, false, false, false, {}});
    c.flush();
    c.replies();
    QCOMPARE(c.queue("q")->unackedCount(), 1);

    c.send(1, ChannelOpen{});   // a second channel.open: a connection error
    c.flush();
    const QList<Received> r = c.replies();
    QCOMPARE(methodsOf(r), QList<MethodId>{ConnectionClose::id});
    QCOMPARE(c.decode<ConnectionClose>(r[0]).replyCode, std::uint16_t(504));
    QCOMPARE(c.queue("q")->unackedCount(), 0);
    QCOMPARE(c.queue("q")->readyCount(), 1);
    QCOMPARE(c.queue("q")->consumerCount(), 0);
}

void ConnectionTest::vanishedTransportRequeuesUnacked()
{
    Client c;
    c.handshake();
    c.send(1, QueueDeclare{0, "q", false, false, false, false, false, {}});
    for (int i = 0; i < 3; ++i) {
        c.send(1, BasicPublish{0, "", "q", false, false});
        c.sendContent(1, {}, QByteArray::number(i));
    }
    c.send(1, BasicGet{0, "q", false});
    c.send(1, BasicGet{0, "q", false});
    c.flush();
    c.replies();
    QCOMPARE(c.queue("q")->unackedCount(), 2);

    c.connection.transportClosed();
    model::Queue *q = c.queue("q");
    QCOMPARE(q->readyCount(), 3);
    const auto first = q->fetch(true);
    QVERIFY(first->redelivered);
    QCOMPARE(first->message->body, QByteArray("0"));   // back in its original place
}

namespace {
// content-type "t", then a headers table whose only entry has the unknown type tag 'Z'
const QByteArray kUndecodableHeaders = QByteArray::fromHex("a000 0174 00000003 016b5a");
}

void ConnectionTest::undecodableHeadersCloseTheConnection()
{
    server::ServerContext context;
    Client consumer(context), publisher(context);
    consumer.handshake();
    consumer.send(1, QueueDeclare{0, "q", false, false, false, false, false, {}});
    consumer.send(1, BasicConsume{0, "q", "tag", false, true, false, false, {}});
    consumer.flush();
    consumer.replies();

    publisher.handshake();
    publisher.send(1, BasicPublish{0, "", "q", false, false});
    publisher.sendContent(1, kUndecodableHeaders, "never relayed");
    publisher.flush();
    const QList<Received> r = publisher.replies();
    QCOMPARE(methodsOf(r), QList<MethodId>{ConnectionClose::id});
    const auto close = publisher.decode<ConnectionClose>(r[0]);
    QCOMPARE(close.replyCode, std::uint16_t(541));
    QCOMPARE(close.replyText, QByteArray("INTERNAL_ERROR"));
    QCOMPARE((std::pair{close.classId, close.methodId}), (std::pair<std::uint16_t, std::uint16_t>{0, 0}));
    QCOMPARE(methodsOf(consumer.replies()), QList<MethodId>{});
    QCOMPARE(consumer.queue("q")->readyCount(), 0);
}

void ConnectionTest::missingExchangeComesBeforeTheHeaders()
{
    Client c;
    c.handshake();
    c.send(1, BasicPublish{0, "missing", "k", false, false});
    c.sendContent(1, kUndecodableHeaders, "x");
    c.flush();
    const QList<Received> r = c.replies();
    QCOMPARE(methodsOf(r), QList<MethodId>{ChannelClose::id});
    QCOMPARE(c.decode<ChannelClose>(r[0]).replyText, QByteArray("NOT_FOUND - no exchange 'missing' in vhost '/'"));
}

QTEST_GUILESS_MAIN(ConnectionTest)
#include "tst_connection.moc"
