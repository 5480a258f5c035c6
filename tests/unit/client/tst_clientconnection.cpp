// The client library's connection, sans-IO, against the broker's own connection code: an
// in-memory pipe carries the bytes between a client::ClientConnection and a
// server::Connection (no socket, no timer), so every answer is the broker's real one.
// - the handshake: client properties and PLAIN login as the broker sees them, tune values
//   negotiated (the pure rules too), opened; a wrong password is refused with 403
//   ACCESS_REFUSED (connection.close, as RabbitMQ does for authentication_failure_close)
// - declare and bind, replies decoded with Reply::as; requests pipelined, answered in order
// - publish and consume with manual ack (multiple), automatic ack, qos prefetch
// - nack and reject with requeue: the message comes back with redelivered set
// - basic.get (delivered, then the get-ok) and basic.get-empty
// - publisher confirms numbered from 1; mandatory without a route: basic.return 312 NO_ROUTE
// - the server closes a channel (passive declare of a missing queue: 404): requests waiting
//   on it fail with 404, channelClosed reports it, a new channel works; requests on a
//   closed channel are refused at once; the client's close crossing the server's
// - basic.cancel by the client, and by the server when the queue is deleted
// - connection.close by the client (close-ok) and by the server (320, byServer)
// - heartbeats through tick(): sent after half an interval of silence, the connection
//   given up after two intervals without anything from the server
// - a body larger than frame_max, split into frames both ways
// - malformed input from the server: 501 FRAME_ERROR, 505 UNEXPECTED_FRAME (also after a
//   body longer than announced), 504 for an unknown channel, each answered with
//   connection.close; connection.blocked reported
// - AmqpUrl: RabbitMQ's URI rules, percent-decoding, defaults, refusals
#include "ClientEventRecorder.h"
#include "server/ConnectionTestSupport.h"

#include "client/ClientConnection.h"
#include "client/ClientHandshake.h"
#include "protocol/BasicProperties.h"

#include <QtTest>

#include <optional>

using namespace warren;
using namespace warren::client;
using amqp::BasicProperties;

namespace {

// A client connection wired to a server connection of `context`'s broker.
class Pipe {
public:
    explicit Pipe(server::ServerContext &context, ClientOptions options = {})
        : server(context, transport, server::PeerInfo::loopback()), client(std::move(options), recorder.events())
    {
    }

    // Moves bytes both ways until neither side has anything more to say.
    void pump()
    {
        for (bool moved = true; moved;) {
            moved = false;
            if (const QByteArray out = client.output().takeAll(); !out.isEmpty() && !transport.closed) {
                toServer += out;
                toServer.remove(0, server.receive(toServer));
                moved = true;
            }
            if (const QByteArray back = server.output().takeAll(); !back.isEmpty()) {
                client.feed(back);
                moved = true;
            }
        }
        if (transport.closed)
            client.transportClosed("the server closed the socket");
    }
    bool open()
    {
        client.start();
        pump();
        return client.isOpen();
    }
    std::uint16_t openChannel()
    {
        std::optional<Reply> reply;
        const std::uint16_t channel = client.openChannel([&](const Reply &r) { reply = r; });
        pump();
        return reply && reply->id == amqp::ChannelOpenOk::id ? channel : 0;
    }
    template <class M> Reply call(std::uint16_t channel, const M &method)
    {
        std::optional<Reply> reply;
        client.call(channel, method, [&](const Reply &r) {
            reply = r;
            recorder.order.append(QStringLiteral("done"));
        });
        pump();
        return reply.value_or(Reply{0, {}, 65535, "no reply"});
    }
    QByteArray declareQueue(std::uint16_t channel, const QByteArray &name = {})
    {
        const Reply r = call(channel, amqp::QueueDeclare{0, name, false, false, false, false, false, {}});
        return r.as<amqp::QueueDeclareOk>().value_or(amqp::QueueDeclareOk{}).queue;
    }
    QByteArray consume(std::uint16_t channel, const QByteArray &queue, bool noAck)
    {
        const Reply r = call(channel, amqp::BasicConsume{0, queue, {}, false, noAck, false, false, {}});
        return r.as<amqp::BasicConsumeOk>().value_or(amqp::BasicConsumeOk{}).consumerTag;
    }
    std::uint64_t publish(std::uint16_t channel, const QByteArray &exchange, const QByteArray &key,
                          const QByteArray &body, bool mandatory = false)
    {
        return client.publish(channel, amqp::BasicPublish{0, exchange, key, mandatory, false},
                              BasicProperties{}.encode(), body);
    }
    model::Queue *queue(const QByteArray &name) { return server.context().vhost("/")->findQueue(name); }

    testing::ClientEventRecorder recorder;
    testing::MemoryTransport transport;
    server::Connection server;
    ClientConnection client;

private:
    QByteArray toServer;   // a partial frame the server has not taken yet
};

QList<QByteArray> bodies(const QList<Delivery> &deliveries)
{
    QList<QByteArray> out;
    for (const Delivery &d : deliveries)
        out.append(d.body);
    return out;
}

// The frames a client wrote, decoded as the methods they are.
QList<amqp::MethodId> methodsIn(QByteArray bytes, QList<QByteArray> *arguments = nullptr)
{
    QList<amqp::MethodId> ids;
    while (true) {
        const amqp::FrameParse p = amqp::parseFrame(bytes, 0);
        if (p.status != amqp::FrameStatus::Complete)
            break;
        if (p.frame.type == amqp::FrameType::Method) {
            ids.append(amqp::ByteReader(p.frame.payload).u32());
            if (arguments)
                arguments->append(p.frame.payload.sliced(4).toByteArray());
        }
        bytes.remove(0, p.consumed);
    }
    return ids;
}

template <class M> QByteArray frameOf(std::uint16_t channel, const M &method)
{
    amqp::OutputBuffer out;
    amqp::FrameWriter(out).method(channel, method);
    return out.takeAll();
}

const QByteArray kHeartbeatFrame("\x08\x00\x00\x00\x00\x00\x00\xCE", 8);

QByteArray rawFrame(amqp::FrameType type, std::uint16_t channel, QByteArrayView payload)
{
    QByteArray frame;
    amqp::ByteWriter w(frame);
    w.u8(std::uint8_t(type));
    w.u16(channel);
    w.u32(std::uint32_t(payload.size()));
    w.raw(payload);
    w.u8(amqp::kFrameEnd);
    return frame;
}

// A content header for class basic announcing `bodySize` bytes, without properties.
QByteArray contentHeader(std::uint16_t channel, std::uint64_t bodySize)
{
    QByteArray payload;
    {
        amqp::ByteWriter w(payload);
        w.u16(60);
        w.u16(0);
        w.u64(bodySize);
        w.u16(0);   // property flags
    }
    return rawFrame(amqp::FrameType::Header, channel, payload);
}

} // namespace

class ClientConnectionTest : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void handshake();
    void negotiation_data();
    void negotiation();
    void wrongPasswordIsRefused();
    void declareAndBind();
    void pipelinedRepliesInOrder();
    void manualAckMultiple();
    void autoAck();
    void qosLimitsUnacked();
    void nackAndRejectRequeue();
    void basicGetAndGetEmpty();
    void confirmsNumberedFromOne();
    void mandatoryWithoutRouteIsReturned();
    void serverClosesChannel();
    void closesCross();
    void cancelByClientAndByServer();
    void closeByClient();
    void closeByServer();
    void heartbeats();
    void bodyLargerThanFrameMax();
    void malformedInput_data();
    void malformedInput();
    void blockedAndUnblocked();
    void url_data();
    void url();
    void urlRefusals_data();
    void urlRefusals();

private:
    std::unique_ptr<server::ServerContext> broker_;
};

void ClientConnectionTest::init()
{
    broker_ = std::make_unique<server::ServerContext>();
}

void ClientConnectionTest::cleanup()
{
    broker_.reset();
}

void ClientConnectionTest::handshake()
{
    ClientOptions options;
    options.connectionName = QStringLiteral("producer P1");
    options.product = QStringLiteral("Warren simulator");
    options.heartbeatSeconds = 30;
    Pipe p(*broker_, options);
    QVERIFY(p.open());
    QCOMPARE(p.recorder.opened, 1);
    QCOMPARE(p.server.state(), server::Connection::State::Open);
    QCOMPARE(p.server.user(), QByteArray("guest"));

    const amqp::FieldTable &props = p.server.clientProperties();
    QCOMPARE(props.find("connection_name")->toBytes(), QByteArray("producer P1"));
    QCOMPARE(props.find("product")->toBytes(), QByteArray("Warren simulator"));
    QCOMPARE(props.find("platform")->toBytes(), QByteArray("Qt"));
    QCOMPARE(props.find("version")->toBytes(), QByteArray("0"));   // the test sets no application version
    QVERIFY(props.find("information"));
    const amqp::FieldTable &caps = props.find("capabilities")->toTable();
    for (const char *cap : {"publisher_confirms", "exchange_exchange_bindings", "basic.nack", "consumer_cancel_notify",
                            "connection.blocked", "authentication_failure_close", "per_consumer_qos"})
        QVERIFY2(caps.find(cap) && caps.find(cap)->toBool(), cap);

    const ServerInfo &info = p.client.server();
    QCOMPARE(info.properties.find("product")->toBytes(), QByteArray("Warren"));
    QCOMPARE(info.heartbeatSeconds, std::uint16_t(30));
    QCOMPARE(p.server.heartbeatSeconds(), std::uint16_t(30));
    QCOMPARE(info.frameMax, std::uint32_t(131072));
    QCOMPARE(info.channelMax, std::uint16_t(2047));
    QVERIFY(p.recorder.closed.isEmpty());
}

void ClientConnectionTest::negotiation_data()
{
    QTest::addColumn<QList<int>>("server");   // channel_max, frame_max, heartbeat
    QTest::addColumn<QList<int>>("client");
    QTest::addColumn<QList<int>>("agreed");
    QTest::newRow("the lower proposal") << QList<int>{2047, 131072, 60} << QList<int>{100, 8192, 10}
                                        << QList<int>{100, 8192, 10};
    QTest::newRow("the server's lower") << QList<int>{10, 4096, 5} << QList<int>{2047, 131072, 60}
                                        << QList<int>{10, 4096, 5};
    QTest::newRow("client 0: no limit, heartbeats off") << QList<int>{2047, 131072, 60} << QList<int>{0, 0, 0}
                                                        << QList<int>{2047, 131072, 0};
    QTest::newRow("server 0: no limit, the client's heartbeat") << QList<int>{0, 0, 0} << QList<int>{64, 65536, 15}
                                                                << QList<int>{64, 65536, 15};
    QTest::newRow("both 0") << QList<int>{0, 0, 0} << QList<int>{0, 0, 0} << QList<int>{0, 0, 0};
    QTest::newRow("frame_max floor") << QList<int>{2047, 131072, 60} << QList<int>{2047, 1000, 60}
                                     << QList<int>{2047, 4096, 60};
}

void ClientConnectionTest::negotiation()
{
    QFETCH(QList<int>, server);
    QFETCH(QList<int>, client);
    QFETCH(QList<int>, agreed);
    ClientOptions options;
    options.channelMax = std::uint16_t(client[0]);
    options.frameMax = std::uint32_t(client[1]);
    options.heartbeatSeconds = std::uint16_t(client[2]);
    const amqp::ConnectionTuneOk ok = negotiate(
        amqp::ConnectionTune{std::uint16_t(server[0]), std::uint32_t(server[1]), std::uint16_t(server[2])}, options);
    QCOMPARE((QList<int>{ok.channelMax, int(ok.frameMax), ok.heartbeat}), agreed);
}

void ClientConnectionTest::wrongPasswordIsRefused()
{
    ClientOptions options;
    options.password = "wrong";
    Pipe p(*broker_, options);
    QVERIFY(!p.open());
    QCOMPARE(p.recorder.opened, 0);
    QCOMPARE(p.recorder.closed.size(), 1);
    const CloseReason &r = p.recorder.closed[0];
    QCOMPARE(r.replyCode, std::uint16_t(403));
    QVERIFY2(r.replyText.startsWith("ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN"),
             r.replyText.constData());
    QVERIFY(r.byServer);
    QCOMPARE(p.client.state(), ConnectionState::Closed);
    QVERIFY(p.transport.closed);
}

void ClientConnectionTest::declareAndBind()
{
    Pipe p(*broker_);
    QVERIFY(p.open());
    const std::uint16_t ch = p.openChannel();
    QCOMPARE(ch, std::uint16_t(1));
    const Reply ex = p.call(ch, amqp::ExchangeDeclare{0, "logs", "topic", false, false, false, false, false, {}});
    QVERIFY(ex.ok());
    QCOMPARE(ex.id, amqp::ExchangeDeclareOk::id);
    const QByteArray queue = p.declareQueue(ch);
    QVERIFY2(queue.startsWith("amq.gen-"), queue.constData());
    QVERIFY(p.call(ch, amqp::QueueBind{0, queue, "logs", "kern.*", false, {}}).ok());

    p.publish(ch, "logs", "kern.critical", "disk full");
    p.publish(ch, "logs", "auth.info", "login");
    p.pump();
    QCOMPARE(p.queue(queue)->readyCount(), 1);
    const auto declared = p.call(ch, amqp::QueueDeclare{0, queue, true, false, false, false, false, {}})
                              .as<amqp::QueueDeclareOk>();
    QVERIFY(declared);
    QCOMPARE(declared->messageCount, std::uint32_t(1));
    QVERIFY(!p.call(ch, amqp::QueueBind{0, queue, "logs", "x", false, {}}).as<amqp::QueueDeclareOk>());   // another id
}

void ClientConnectionTest::pipelinedRepliesInOrder()
{
    Pipe p(*broker_);
    QVERIFY(p.open());
    const std::uint16_t ch = p.openChannel();
    QList<QByteArray> answered;
    for (const char *name : {"a", "b", "c"}) {
        p.client.call(ch, amqp::QueueDeclare{0, name, false, false, false, false, false, {}}, [&](const Reply &r) {
            answered.append(r.as<amqp::QueueDeclareOk>()->queue);
        });
    }
    p.client.call(ch, amqp::QueueDeclare{0, "d", false, false, false, false, true, {}},   // no-wait: no reply
                  [&](const Reply &) { answered.append("no-wait answered"); });
    p.client.call(ch, amqp::BasicQos{0, 5, false}, [&](const Reply &r) { answered.append(r.ok() ? "qos" : "?"); });
    p.pump();
    QCOMPARE(answered, (QList<QByteArray>{"a", "b", "c", "qos"}));
    QVERIFY(p.queue("d"));
}

void ClientConnectionTest::manualAckMultiple()
{
    Pipe p(*broker_);
    QVERIFY(p.open());
    const std::uint16_t ch = p.openChannel();
    const QByteArray q = p.declareQueue(ch, "work");
    for (const char *body : {"one", "two", "three"})
        p.publish(ch, "", q, body);
    const QByteArray tag = p.consume(ch, q, false);
    QVERIFY(tag.startsWith("amq.ctag-"));
    QCOMPARE(bodies(p.recorder.deliveries), (QList<QByteArray>{"one", "two", "three"}));
    const Delivery &last = p.recorder.deliveries.last();
    QCOMPARE(last.consumerTag, tag);
    QCOMPARE(last.deliveryTag, std::uint64_t(3));
    QCOMPARE(last.routingKey, QByteArray("work"));
    QCOMPARE(last.channel, ch);
    QVERIFY(!last.redelivered);
    QCOMPARE(p.queue(q)->unackedCount(), 3);

    p.client.ack(ch, 2, true);   // one and two
    p.pump();
    QCOMPARE(p.queue(q)->unackedCount(), 1);
    p.client.ack(ch, 3);
    p.pump();
    QCOMPARE(p.queue(q)->unackedCount(), 0);
    QCOMPARE(p.queue(q)->readyCount(), 0);
}

void ClientConnectionTest::autoAck()
{
    Pipe p(*broker_);
    QVERIFY(p.open());
    const std::uint16_t ch = p.openChannel();
    const QByteArray q = p.declareQueue(ch);
    p.consume(ch, q, true);
    p.publish(ch, "", q, "fire and forget");
    p.pump();
    QCOMPARE(bodies(p.recorder.deliveries), QList<QByteArray>{"fire and forget"});
    QCOMPARE(p.queue(q)->unackedCount(), 0);
    QCOMPARE(p.queue(q)->readyCount(), 0);
}

void ClientConnectionTest::qosLimitsUnacked()
{
    Pipe p(*broker_);
    QVERIFY(p.open());
    const std::uint16_t ch = p.openChannel();
    const QByteArray q = p.declareQueue(ch);
    QVERIFY(p.call(ch, amqp::BasicQos{0, 2, false}).ok());
    for (int i = 1; i <= 5; ++i)
        p.publish(ch, "", q, QByteArray::number(i));
    p.consume(ch, q, false);
    QCOMPARE(bodies(p.recorder.deliveries), (QList<QByteArray>{"1", "2"}));
    p.client.ack(ch, 1);
    p.pump();
    QCOMPARE(bodies(p.recorder.deliveries), (QList<QByteArray>{"1", "2", "3"}));
    QCOMPARE(p.queue(q)->readyCount(), 2);
}

void ClientConnectionTest::nackAndRejectRequeue()
{
    Pipe p(*broker_);
    QVERIFY(p.open());
    const std::uint16_t ch = p.openChannel();
    const QByteArray q = p.declareQueue(ch);
    p.publish(ch, "", q, "again");
    p.consume(ch, q, false);
    QCOMPARE(p.recorder.deliveries.size(), 1);
    QVERIFY(!p.recorder.deliveries[0].redelivered);

    p.client.nack(ch, p.recorder.deliveries[0].deliveryTag, false, true);
    p.pump();
    QCOMPARE(p.recorder.deliveries.size(), 2);
    QVERIFY(p.recorder.deliveries[1].redelivered);
    QCOMPARE(p.recorder.deliveries[1].body, QByteArray("again"));

    p.client.reject(ch, p.recorder.deliveries[1].deliveryTag, true);
    p.pump();
    QCOMPARE(p.recorder.deliveries.size(), 3);
    QVERIFY(p.recorder.deliveries[2].redelivered);

    p.client.reject(ch, p.recorder.deliveries[2].deliveryTag, false);   // dropped
    p.pump();
    QCOMPARE(p.recorder.deliveries.size(), 3);
    QCOMPARE(p.queue(q)->readyCount() + p.queue(q)->unackedCount(), 0);
}

void ClientConnectionTest::basicGetAndGetEmpty()
{
    Pipe p(*broker_);
    QVERIFY(p.open());
    const std::uint16_t ch = p.openChannel();
    const QByteArray q = p.declareQueue(ch);
    const Reply empty = p.call(ch, amqp::BasicGet{0, q, false});
    QVERIFY(empty.ok());
    QCOMPARE(empty.id, amqp::BasicGetEmpty::id);
    QVERIFY(p.recorder.deliveries.isEmpty());

    p.publish(ch, "", q, "first");
    p.publish(ch, "", q, "second");
    p.recorder.order.clear();
    const Reply got = p.call(ch, amqp::BasicGet{0, q, false});
    const auto ok = got.as<amqp::BasicGetOk>();
    QVERIFY(ok);
    QCOMPARE(ok->messageCount, std::uint32_t(1));   // left in the queue
    QCOMPARE(p.recorder.order, (QStringList{QStringLiteral("delivered"), QStringLiteral("done")}));
    QCOMPARE(p.recorder.deliveries.size(), 1);
    const Delivery &d = p.recorder.deliveries[0];
    QCOMPARE(d.body, QByteArray("first"));
    QVERIFY(d.consumerTag.isEmpty());
    QCOMPARE(d.deliveryTag, ok->deliveryTag);
    QCOMPARE(p.queue(q)->unackedCount(), 1);
}

void ClientConnectionTest::confirmsNumberedFromOne()
{
    Pipe p(*broker_);
    QVERIFY(p.open());
    const std::uint16_t ch = p.openChannel();
    const QByteArray q = p.declareQueue(ch);
    QCOMPARE(p.publish(ch, "", q, "before"), std::uint64_t(0));   // not in confirm mode yet
    // Numbered from the moment confirm.select is sent, before its -ok.
    p.client.call(ch, amqp::ConfirmSelect{false});
    QCOMPARE(p.publish(ch, "", q, "a"), std::uint64_t(1));
    QCOMPARE(p.publish(ch, "", q, "b"), std::uint64_t(2));
    QCOMPARE(p.publish(ch, "", q, "c"), std::uint64_t(3));
    p.pump();
    QVERIFY(!p.recorder.confirms.isEmpty());
    for (qsizetype i = 1; i < p.recorder.confirms.size(); ++i)
        QVERIFY(p.recorder.confirms[i].tag > p.recorder.confirms[i - 1].tag);
    QCOMPARE(p.recorder.confirms[0].channel, ch);
    QVERIFY(p.recorder.allConfirmsAcks());
    QCOMPARE(p.recorder.confirmedUpTo(), std::uint64_t(3));
}

void ClientConnectionTest::mandatoryWithoutRouteIsReturned()
{
    Pipe p(*broker_);
    QVERIFY(p.open());
    const std::uint16_t ch = p.openChannel();
    QVERIFY(p.call(ch, amqp::ConfirmSelect{false}).ok());
    const std::uint64_t seq = p.publish(ch, "amq.direct", "nobody", "lost?", true);
    p.pump();
    QCOMPARE(p.recorder.returns.size(), 1);
    const ReturnedMessage &r = p.recorder.returns[0];
    QCOMPARE(r.replyCode, std::uint16_t(312));
    QCOMPARE(r.replyText, QByteArray("NO_ROUTE"));
    QCOMPARE(r.exchange, QByteArray("amq.direct"));
    QCOMPARE(r.routingKey, QByteArray("nobody"));
    QCOMPARE(r.body, QByteArray("lost?"));
    QCOMPARE(r.channel, ch);
    // An unroutable message is still confirmed (after its return).
    QCOMPARE(p.recorder.confirms.size(), 1);
    QCOMPARE(p.recorder.confirms[0].tag, seq);
    QVERIFY(p.recorder.confirms[0].ack);

    p.publish(ch, "amq.direct", "nobody", "silently dropped", false);
    p.pump();
    QCOMPARE(p.recorder.returns.size(), 1);
    QCOMPARE(p.recorder.confirms.size(), 2);
}

void ClientConnectionTest::serverClosesChannel()
{
    Pipe p(*broker_);
    QVERIFY(p.open());
    const std::uint16_t ch = p.openChannel();
    std::optional<Reply> passive, after;
    p.client.call(ch, amqp::QueueDeclare{0, "missing", true, false, false, false, false, {}},
                  [&](const Reply &r) { passive = r; });
    p.client.call(ch, amqp::QueueDeclare{0, "other", false, false, false, false, false, {}},
                  [&](const Reply &r) { after = r; });
    p.pump();
    QVERIFY(passive && after);
    QCOMPARE(passive->replyCode, std::uint16_t(404));
    QVERIFY2(passive->replyText.startsWith("NOT_FOUND - no queue 'missing'"), passive->replyText.constData());
    QCOMPARE(after->replyCode, std::uint16_t(404));   // pipelined behind it on the same channel
    QCOMPARE(p.recorder.channelClosed.size(), 1);
    QCOMPARE(p.recorder.channelClosed[0].first, ch);
    const CloseReason &reason = p.recorder.channelClosed[0].second;
    QCOMPARE(reason.replyCode, std::uint16_t(404));
    QCOMPARE(reason.failingMethod, amqp::QueueDeclare::id);
    QVERIFY(reason.byServer);
    QVERIFY(!p.queue("other"));

    // The closed channel refuses at once; the connection lives on, a new channel works.
    QCOMPARE(p.call(ch, amqp::BasicQos{0, 1, false}).replyCode, std::uint16_t(504));
    QCOMPARE(p.publish(ch, "", "other", "x"), std::uint64_t(0));
    QVERIFY(p.client.isOpen());
    const std::uint16_t again = p.openChannel();
    QVERIFY(again != 0);
    QCOMPARE(p.declareQueue(again, "other"), QByteArray("other"));
    QVERIFY(p.recorder.closed.isEmpty());

    // Closed by the client: close-ok answers, the number is free again.
    std::optional<Reply> closed;
    p.client.closeChannel(again, [&](const Reply &r) { closed = r; });
    p.pump();
    QVERIFY(closed && closed->ok());
    QCOMPARE(closed->id, amqp::ChannelCloseOk::id);
    QCOMPARE(p.openChannel(), std::uint16_t(1));
}

// The client closes a channel while the server closes it for an error: each side answers
// the other's close, and the channel ends with the close-ok to the client's.
void ClientConnectionTest::closesCross()
{
    Pipe p(*broker_);
    QVERIFY(p.open());
    const std::uint16_t ch = p.openChannel();
    std::optional<Reply> passive, closed;
    p.client.call(ch, amqp::QueueDeclare{0, "missing", true, false, false, false, false, {}},
                  [&](const Reply &r) { passive = r; });
    p.client.closeChannel(ch, [&](const Reply &r) { closed = r; });
    p.pump();
    QVERIFY(passive && closed);
    QCOMPARE(passive->replyCode, std::uint16_t(404));
    QVERIFY(closed->ok());
    QCOMPARE(closed->id, amqp::ChannelCloseOk::id);
    QCOMPARE(p.recorder.channelClosed.size(), 1);
    QVERIFY(p.client.isOpen());
    QCOMPARE(p.openChannel(), ch);   // free again, and the server agrees
    QCOMPARE(p.declareQueue(ch, "there"), QByteArray("there"));
    QVERIFY(p.recorder.closed.isEmpty());
}

void ClientConnectionTest::cancelByClientAndByServer()
{
    Pipe p(*broker_);
    QVERIFY(p.open());
    const std::uint16_t ch = p.openChannel();
    const QByteArray q = p.declareQueue(ch, "jobs");
    const QByteArray first = p.consume(ch, q, true);
    const auto cancelOk = p.call(ch, amqp::BasicCancel{first, false}).as<amqp::BasicCancelOk>();
    QVERIFY(cancelOk);
    QCOMPARE(cancelOk->consumerTag, first);
    QCOMPARE(p.queue(q)->consumerCount(), 0);
    p.publish(ch, "", q, "nobody listens");
    p.pump();
    QVERIFY(p.recorder.deliveries.isEmpty());

    const QByteArray second = p.consume(ch, q, true);
    QCOMPARE(p.recorder.deliveries.size(), 1);
    const std::uint16_t other = p.openChannel();
    QVERIFY(p.call(other, amqp::QueueDelete{0, q, false, false, false}).ok());
    QCOMPARE(p.recorder.cancelled, QList<QByteArray>{second});
    QVERIFY(p.client.isOpen());
}

void ClientConnectionTest::closeByClient()
{
    Pipe p(*broker_);
    QVERIFY(p.open());
    p.openChannel();
    p.client.close();
    QCOMPARE(p.client.state(), ConnectionState::Closing);
    QVERIFY(p.recorder.closed.isEmpty());   // until close-ok
    p.pump();
    QCOMPARE(p.client.state(), ConnectionState::Closed);
    QCOMPARE(p.recorder.closed.size(), 1);
    QCOMPARE(p.recorder.closed[0].replyCode, std::uint16_t(200));
    QVERIFY(!p.recorder.closed[0].byServer);
    // As RabbitMQ, the server leaves the socket to the client after close-ok, and closes it
    // itself only after a grace.
    QVERIFY(!p.transport.closed);
    QVERIFY(p.transport.closeAfterMs > 0);
    QCOMPARE(p.server.state(), server::Connection::State::Closed);
}

void ClientConnectionTest::closeByServer()
{
    Pipe p(*broker_);
    QVERIFY(p.open());
    const std::uint16_t ch = p.openChannel();
    std::optional<Reply> waiting;
    p.client.call(ch, amqp::QueueDeclare{0, "q", false, false, false, false, false, {}},
                  [&](const Reply &r) { waiting = r; });   // not sent to the server yet
    p.server.closeByServer(amqp::ReplyCode::ConnectionForced, "broker forced connection closure with reason 'shutdown'");
    p.client.feed(p.server.output().takeAll());
    QCOMPARE(p.recorder.closed.size(), 1);
    const CloseReason &r = p.recorder.closed[0];
    QCOMPARE(r.replyCode, std::uint16_t(320));
    QVERIFY2(r.replyText.startsWith("CONNECTION_FORCED - broker forced connection closure"), r.replyText.constData());
    QVERIFY(r.byServer);
    QVERIFY(waiting);
    QCOMPARE(waiting->replyCode, std::uint16_t(320));
    // The client answered with close-ok (and nothing the server would have to refuse).
    const QList<amqp::MethodId> sent = methodsIn(p.client.output().takeAll());
    QCOMPARE(sent.last(), amqp::ConnectionCloseOk::id);
    QCOMPARE(p.client.state(), ConnectionState::Closed);
    p.client.transportClosed("gone");   // reported once only
    QCOMPARE(p.recorder.closed.size(), 1);
}

void ClientConnectionTest::heartbeats()
{
    ClientOptions options;
    options.heartbeatSeconds = 1;
    Pipe p(*broker_, options);
    QVERIFY(p.open());
    QCOMPARE(p.client.server().heartbeatSeconds, std::uint16_t(1));
    QCOMPARE(p.server.heartbeatSeconds(), std::uint16_t(1));

    p.client.tick(0);
    QVERIFY(p.client.output().isEmpty());
    p.client.tick(400);
    QVERIFY(p.client.output().isEmpty());   // not yet half an interval of silence
    p.client.tick(600);
    const QByteArray sent = p.client.output().takeAll();
    QCOMPARE(sent, kHeartbeatFrame);
    QCOMPARE(p.server.receive(sent), sent.size());

    // The server's heartbeat keeps the client from giving up.
    QVERIFY(p.server.heartbeatTick(600, 600));
    p.pump();
    p.client.tick(1500);
    p.client.tick(3000);
    QVERIFY(p.client.isOpen());
    QVERIFY(p.recorder.closed.isEmpty());
    // Two intervals of silence from the server: given up, without a close to a dead peer.
    p.client.output().takeAll();
    p.client.tick(3600);
    QCOMPARE(p.client.state(), ConnectionState::Closed);
    QCOMPARE(p.recorder.closed.size(), 1);
    QCOMPARE(p.recorder.closed[0].replyText, QByteArray("missed heartbeats from the server"));
    QVERIFY(!p.recorder.closed[0].byServer);
    QVERIFY(!methodsIn(p.client.output().takeAll()).contains(amqp::ConnectionClose::id));
}

void ClientConnectionTest::bodyLargerThanFrameMax()
{
    broker_->settings.frameMax = 4096;
    Pipe p(*broker_);
    QVERIFY(p.open());
    QCOMPARE(p.client.server().frameMax, std::uint32_t(4096));
    const std::uint16_t ch = p.openChannel();
    const QByteArray q = p.declareQueue(ch);
    QByteArray body(10000, '\0');
    for (int i = 0; i < body.size(); ++i)
        body[i] = char(i * 7);

    // Published in three body frames; a frame larger than frame_max would close the connection.
    p.client.publish(ch, amqp::BasicPublish{0, "", q, false, false}, BasicProperties{}.encode(), body);
    const QByteArray out = p.client.output().takeAll();
    int bodyFrames = 0;
    for (QByteArray rest = out; !rest.isEmpty();) {
        const amqp::FrameParse f = amqp::parseFrame(rest, 4096);
        QCOMPARE(f.status, amqp::FrameStatus::Complete);
        bodyFrames += f.frame.type == amqp::FrameType::Body;
        rest.remove(0, f.consumed);
    }
    QCOMPARE(bodyFrames, 3);
    QCOMPARE(p.server.receive(out), out.size());

    p.consume(ch, q, true);
    QVERIFY(p.client.isOpen());
    QCOMPARE(p.recorder.deliveries.size(), 1);
    QCOMPARE(p.recorder.deliveries[0].body, body);
}

void ClientConnectionTest::malformedInput_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("code");
    QByteArray badEnd = kHeartbeatFrame;
    badEnd[7] = '\x00';
    QTest::newRow("bad frame end") << badEnd << 501;
    QTest::newRow("unknown frame type") << QByteArray("\x05\x00\x00\x00\x00\x00\x00\xCE", 8) << 501;
    QTest::newRow("body without a method") << QByteArray("\x03\x00\x01\x00\x00\x00\x01x\xCE", 9) << 505;
    QTest::newRow("an -ok nobody asked for") << frameOf(1, amqp::QueueDeclareOk{"q", 0, 0}) << 505;
    QByteArray truncated = frameOf(1, amqp::QueueDeclareOk{"q", 0, 0});
    truncated.remove(11, 1);   // one octet of the arguments missing
    truncated[6] = char(truncated[6] - 1);
    QTest::newRow("undecodable arguments") << truncated << 501;
    QTest::newRow("a channel never opened") << frameOf(9, amqp::ChannelOpenOk{}) << 504;
    QTest::newRow("a method frame too short for its ids") << rawFrame(amqp::FrameType::Method, 1, QByteArray("\x00\x3c", 2)) << 501;
    // As RabbitMQ treats it: more body than announced never completes the content, and the
    // next method frame is unexpected.
    QTest::newRow("a body longer than announced")
        << frameOf(1, amqp::BasicDeliver{"ctag", 1, false, "", "q"}) + contentHeader(1, 3)
               + rawFrame(amqp::FrameType::Body, 1, "abcd") + frameOf(1, amqp::BasicQosOk{})
        << 505;
    QTest::newRow("a second connection.start") << frameOf(0, amqp::ConnectionStart{}) << 505;
}

void ClientConnectionTest::malformedInput()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, code);
    Pipe p(*broker_);
    QVERIFY(p.open());
    QCOMPARE(p.openChannel(), std::uint16_t(1));
    std::optional<Reply> waiting;
    p.client.call(1, amqp::BasicQos{0, 1, false}, [&](const Reply &r) { waiting = r; });
    p.client.output().takeAll();

    p.client.feed(bytes);
    QCOMPARE(p.client.state(), ConnectionState::Closed);
    QCOMPARE(p.recorder.closed.size(), 1);
    QCOMPARE(int(p.recorder.closed[0].replyCode), code);
    QVERIFY(!p.recorder.closed[0].byServer);
    QVERIFY(waiting && waiting->replyCode == code);
    QList<QByteArray> arguments;
    QCOMPARE(methodsIn(p.client.output().takeAll(), &arguments), QList<amqp::MethodId>{amqp::ConnectionClose::id});
    amqp::ConnectionClose close;
    amqp::ByteReader in(arguments[0]);
    QCOMPARE(amqp::decodeMethodArguments(in, close), amqp::MethodDecodeStatus::Ok);
    QCOMPARE(int(close.replyCode), code);
    // Nothing more is read.
    p.client.feed(frameOf(0, amqp::ConnectionBlocked{"late"}));
    QVERIFY(p.recorder.blocked.isEmpty());
}

void ClientConnectionTest::blockedAndUnblocked()
{
    Pipe p(*broker_);
    QVERIFY(p.open());
    p.client.feed(frameOf(0, amqp::ConnectionBlocked{"low on memory"}) + frameOf(0, amqp::ConnectionUnblocked{}));
    using Blocked = std::pair<bool, QByteArray>;
    QCOMPARE(p.recorder.blocked, (QList<Blocked>{{true, "low on memory"}, {false, {}}}));
    QVERIFY(p.client.isOpen());
}

void ClientConnectionTest::url_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QByteArray>("user");
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<QByteArray>("vhost");
    QTest::newRow("everything") << QStringLiteral("amqp://alice:secret@broker.example:5673/orders") << QStringLiteral("broker.example") << 5673
                                << QByteArray("alice") << QByteArray("secret") << QByteArray("orders");
    QTest::newRow("defaults") << QStringLiteral("amqp://broker") << QStringLiteral("broker") << 5672 << QByteArray("guest") << QByteArray("guest")
                              << QByteArray("/");
    QTest::newRow("empty path") << QStringLiteral("amqp://broker/") << QStringLiteral("broker") << 5672 << QByteArray("guest") << QByteArray("guest")
                                << QByteArray("/");
    QTest::newRow("%2f is /") << QStringLiteral("amqp://broker/%2f") << QStringLiteral("broker") << 5672 << QByteArray("guest")
                              << QByteArray("guest") << QByteArray("/");
    QTest::newRow("percent-decoding") << QStringLiteral("amqp://us%40er:p%3Aa%2Fss@h:1/v%2Fh%20x") << QStringLiteral("h") << 1 << QByteArray("us@er")
                                      << QByteArray("p:a/ss") << QByteArray("v/h x");
    QTest::newRow("user without password") << QStringLiteral("amqp://bob@h") << QStringLiteral("h") << 5672 << QByteArray("bob")
                                           << QByteArray("guest") << QByteArray("/");
    QTest::newRow("IPv6") << QStringLiteral("amqp://[::1]:5600/x") << QStringLiteral("::1") << 5600 << QByteArray("guest") << QByteArray("guest")
                          << QByteArray("x");
    QTest::newRow("no host") << QStringLiteral("amqp://") << QStringLiteral("localhost") << 5672 << QByteArray("guest") << QByteArray("guest")
                             << QByteArray("/");
    QTest::newRow("query ignored") << QStringLiteral("amqp://h/v?heartbeat=10") << QStringLiteral("h") << 5672 << QByteArray("guest")
                                   << QByteArray("guest") << QByteArray("v");
}

void ClientConnectionTest::url()
{
    QFETCH(QString, text);
    QString error;
    const std::optional<AmqpUrl> url = AmqpUrl::parse(text, &error);
    QVERIFY2(url, qPrintable(error));
    QTEST(url->host, "host");
    QTEST(int(url->port), "port");
    QTEST(url->user, "user");
    QTEST(url->password, "password");
    QTEST(url->vhost, "vhost");
    // toString leaves the password out and reads back as the same place.
    const QString shown = url->toString();
    QVERIFY2(!shown.contains(QString::fromUtf8(url->password)) || url->password == url->user, qPrintable(shown));
    const std::optional<AmqpUrl> again = AmqpUrl::parse(shown);
    QVERIFY2(again, qPrintable(shown));
    QCOMPARE(again->host, url->host);
    QCOMPARE(again->port, url->port);
    QCOMPARE(again->user, url->user);
    QCOMPARE(again->vhost, url->vhost);
}

void ClientConnectionTest::urlRefusals_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("because");
    QTest::newRow("amqps") << QStringLiteral("amqps://h/") << QStringLiteral("not supported");
    QTest::newRow("http") << QStringLiteral("http://h/") << QStringLiteral("not an amqp:// URL");
    QTest::newRow("no scheme") << QStringLiteral("localhost:5672") << QStringLiteral("not an amqp:// URL");
    QTest::newRow("two path segments") << QStringLiteral("amqp://h/a/b") << QStringLiteral("one path segment");
    QTest::newRow("port 0") << QStringLiteral("amqp://h:0/") << QStringLiteral("port 0");
    QTest::newRow("bad port") << QStringLiteral("amqp://h:99999/") << QStringLiteral("not an amqp:// URL");
}

void ClientConnectionTest::urlRefusals()
{
    QFETCH(QString, text);
    QFETCH(QString, because);
    QString error;
    QVERIFY(!AmqpUrl::parse(text, &error));
    QVERIFY2(error.contains(because), qPrintable(error));
}

QTEST_GUILESS_MAIN(ClientConnectionTest)
#include "tst_clientconnection.moc"
