// The client library over TCP (client::TcpClient) against a real broker: Warren, or
// Debian's rabbitmq-server as the reference. The broker is given by AMQP_URL; run through
// run_program.py (ctest: client_warren, client_rabbitmq), the test may also stop, kill and
// start it (WARREN_BROKER_CONTROL=stdio); run by hand against any broker, the cases that
// need that are skipped.
// - returns: a mandatory publish nobody is bound for comes back 312 NO_ROUTE, then is confirmed
// - confirms: persistent messages to a durable queue are confirmed; after the last confirm
//   the broker is killed (SIGKILL) and started again, and every confirmed message is there:
//   a confirm is only sent once the message is on disk
// - heartbeats: 1 s negotiated, 3 s idle, the connection is still open and answers
// - a crash (the socket aborted, no connection.close) with an unacknowledged delivery: the
//   broker requeues it and another consumer gets it with redelivered set
// - a hang (no reading, no heartbeats): the broker drops the connection after missed
//   heartbeats, and the client hears the socket close
// - the broker stopped (SIGTERM) closes the connection with 320 CONNECTION_FORCED; with
//   reconnect on, the client is open again once the broker is back
#include "ClientEventRecorder.h"

#include "client/TcpClient.h"
#include "protocol/BasicProperties.h"

#include <QElapsedTimer>
#include <QTextStream>
#include <QUuid>
#include <QtTest>

#include <cstdio>
#include <memory>
#include <optional>

using namespace warren;
using namespace warren::client;

namespace {

constexpr int kTimeoutMs = 10000;

AmqpUrl brokerUrl()
{
    const QString text = qEnvironmentVariable("AMQP_URL", QStringLiteral("amqp://guest:guest@127.0.0.1:5672/%2F"));
    return AmqpUrl::parse(text).value_or(AmqpUrl{});
}

bool isRabbitMq()
{
    return qEnvironmentVariable("WARREN_TEST_TARGET") == QLatin1String("rabbitmq");
}

QByteArray uniqueName(const char *what)
{
    return "it.client." + QByteArray(what) + '.' + QUuid::createUuid().toByteArray(QUuid::Id128).left(12);
}

// The runner's control of the broker (run_program.py): one request line out, one answer in.
bool brokerControlled()
{
    return qEnvironmentVariable("WARREN_BROKER_CONTROL") == QLatin1String("stdio");
}

QByteArray controlBroker(const char *command)
{
    std::fflush(stdout);   // QtTest's own lines first
    std::printf("@broker %s\n", command);
    std::fflush(stdout);
    char answer[1024] = {};
    if (!std::fgets(answer, sizeof answer, stdin))
        return "error: no answer from the runner";
    return QByteArray(answer).trimmed();
}

// One TcpClient and what it reported.
class Session {
public:
    explicit Session(ClientOptions options = {})
        : client(brokerUrl(), withName(std::move(options)), recorder.events())
    {
    }

    bool open()
    {
        client.open();
        return QTest::qWaitFor([&] { return client.isOpen(); }, timeoutMs);
    }
    std::uint16_t channel()
    {
        auto reply = std::make_shared<std::optional<Reply>>();
        const std::uint16_t number = client.connection().openChannel([reply](const Reply &r) { *reply = r; });
        const bool answered = QTest::qWaitFor([&] { return reply->has_value(); }, timeoutMs);
        return answered && (*reply)->ok() ? number : 0;
    }
    // A request and its answer; the answer may outlive the wait, so it is shared.
    template <class M> Reply call(std::uint16_t channel, const M &method)
    {
        auto reply = std::make_shared<std::optional<Reply>>();
        client.connection().call(channel, method, [reply](const Reply &r) { *reply = r; });
        if (!QTest::qWaitFor([&] { return reply->has_value(); }, timeoutMs))
            return Reply{0, {}, 65535, "no answer within the timeout"};
        return **reply;
    }
    bool declareQueue(std::uint16_t channel, const QByteArray &name, bool durable = false)
    {
        return call(channel, amqp::QueueDeclare{0, name, false, durable, false, false, false, {}}).ok();
    }
    bool consume(std::uint16_t channel, const QByteArray &queue, bool noAck)
    {
        return call(channel, amqp::BasicConsume{0, queue, {}, false, noAck, false, false, {}}).ok();
    }
    bool waitClosed(int withinMs = kTimeoutMs)
    {
        return QTest::qWaitFor([&] { return !recorder.closed.isEmpty(); }, withinMs);
    }

    testing::ClientEventRecorder recorder;
    TcpClient client;
    int timeoutMs = kTimeoutMs;   // for each answer

private:
    static ClientOptions withName(ClientOptions options)
    {
        if (options.connectionName.isEmpty())
            options.connectionName = QStringLiteral("tst_clienttcp");
        return options;
    }
};

QByteArray persistent()
{
    amqp::BasicProperties p;
    p.deliveryMode = 2;
    return p.encode();
}

} // namespace

class ClientTcpTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void returns();
    void confirmsOnlyOnceOnDisk();
    void heartbeatsKeepAnIdleConnection();
    void crashRequeuesUnacked();
    void hangIsDroppedByTheBroker();
    void brokerStopClosesWith320AndReconnects();
};

void ClientTcpTest::initTestCase()
{
    qInfo("broker %s (%s)", qPrintable(brokerUrl().toString()),
          isRabbitMq() ? "rabbitmq-server" : "Warren, or whatever listens there");
    Session s;
    QVERIFY2(s.open(), "cannot connect to the broker");
    QVERIFY(s.recorder.closed.isEmpty());
}

void ClientTcpTest::returns()
{
    Session s;
    QVERIFY(s.open());
    const std::uint16_t ch = s.channel();
    QVERIFY(s.call(ch, amqp::ConfirmSelect{false}).ok());
    const QByteArray key = uniqueName("nobody");
    const std::uint64_t seq = s.client.connection().publish(ch, amqp::BasicPublish{0, "amq.direct", key, true, false},
                                                            {}, "come back");
    QCOMPARE(seq, std::uint64_t(1));
    QVERIFY(QTest::qWaitFor([&] { return s.recorder.confirmedUpTo() >= seq; }, kTimeoutMs));
    QCOMPARE(s.recorder.returns.size(), 1);   // before its confirm, as the spec orders them
    const ReturnedMessage &r = s.recorder.returns[0];
    QCOMPARE(r.replyCode, std::uint16_t(312));
    QCOMPARE(r.replyText, QByteArray("NO_ROUTE"));
    QCOMPARE(r.exchange, QByteArray("amq.direct"));
    QCOMPARE(r.routingKey, key);
    QCOMPARE(r.body, QByteArray("come back"));
    QVERIFY(s.recorder.allConfirmsAcks());
}

void ClientTcpTest::confirmsOnlyOnceOnDisk()
{
    constexpr int kMessages = 50;
    const QByteArray queue = uniqueName("durable");
    {
        Session s;
        QVERIFY(s.open());
        const std::uint16_t ch = s.channel();
        QVERIFY(s.declareQueue(ch, queue, true));
        // RabbitMQ writes its queue metadata (Mnesia's log) in the background: a kill -9 soon
        // after declare-ok has lost the queue here under load. The test is about the
        // messages' confirms, so the reference broker gets time to write the queue first.
        if (isRabbitMq())
            QTest::qWait(3000);
        QVERIFY(s.call(ch, amqp::ConfirmSelect{false}).ok());
        for (int i = 1; i <= kMessages; ++i)
            s.client.connection().publish(ch, amqp::BasicPublish{0, "", queue, false, false}, persistent(),
                                          "persistent " + QByteArray::number(i));
        QVERIFY(QTest::qWaitFor([&] { return s.recorder.confirmedUpTo() == kMessages; }, kTimeoutMs));
        QVERIFY(s.recorder.allConfirmsAcks());
        if (!brokerControlled())
            QSKIP("the broker cannot be killed here (run through run_program.py)");
        // At once after the last confirm, before anything else can reach the disk.
        QCOMPARE(controlBroker("kill"), QByteArray("ok"));
        QVERIFY(s.waitClosed());
        QVERIFY(s.recorder.closed[0].byServer);
    }
    QCOMPARE(controlBroker("start"), QByteArray("ok"));
    Session after;
    after.timeoutMs = 30000;   // a broker recovering from a crash may be slow to answer at first
    QVERIFY(after.open());
    const std::uint16_t ch = after.channel();
    const Reply passive = after.call(ch, amqp::QueueDeclare{0, queue, true, false, false, false, false, {}});
    const auto declared = passive.as<amqp::QueueDeclareOk>();
    QVERIFY2(declared, passive.replyText.constData());
    QCOMPARE(declared->messageCount, std::uint32_t(kMessages));
    QVERIFY(after.consume(ch, queue, true));
    QVERIFY(QTest::qWaitFor([&] { return after.recorder.deliveries.size() == kMessages; }, kTimeoutMs));
    QCOMPARE(after.recorder.deliveries.first().body, QByteArray("persistent 1"));
    QCOMPARE(after.recorder.deliveries.last().body, "persistent " + QByteArray::number(kMessages));
    QVERIFY(after.call(ch, amqp::QueueDelete{0, queue, false, false, false}).ok());
}

void ClientTcpTest::heartbeatsKeepAnIdleConnection()
{
    ClientOptions options;
    options.heartbeatSeconds = 1;
    Session s(options);
    QVERIFY(s.open());
    QCOMPARE(s.client.connection().server().heartbeatSeconds, std::uint16_t(1));
    QTest::qWait(3000);   // idle but for heartbeats, both ways
    QVERIFY(s.recorder.closed.isEmpty());
    QVERIFY(s.client.isOpen());
    const std::uint16_t ch = s.channel();
    QVERIFY(ch != 0);
    QVERIFY(s.call(ch, amqp::BasicQos{0, 1, false}).ok());
}

void ClientTcpTest::crashRequeuesUnacked()
{
    const QByteArray queue = uniqueName("work");
    Session crashing;
    QVERIFY(crashing.open());
    const std::uint16_t ch = crashing.channel();
    QVERIFY(crashing.declareQueue(ch, queue));
    QVERIFY(crashing.call(ch, amqp::BasicQos{0, 1, false}).ok());
    QVERIFY(crashing.consume(ch, queue, false));
    crashing.client.connection().publish(ch, amqp::BasicPublish{0, "", queue, false, false}, {}, "task 1");
    QVERIFY(QTest::qWaitFor([&] { return crashing.recorder.deliveries.size() == 1; }, kTimeoutMs));
    QVERIFY(!crashing.recorder.deliveries[0].redelivered);

    Session other;
    QVERIFY(other.open());
    const std::uint16_t och = other.channel();
    QVERIFY(other.consume(och, queue, false));
    QTest::qWait(200);
    QVERIFY(other.recorder.deliveries.isEmpty());   // the task is out, unacknowledged

    crashing.client.crash();
    QCOMPARE(crashing.recorder.closed.size(), 1);
    QVERIFY(!crashing.recorder.closed[0].byServer);
    QVERIFY(QTest::qWaitFor([&] { return !other.recorder.deliveries.isEmpty(); }, kTimeoutMs));
    const Delivery &d = other.recorder.deliveries[0];
    QCOMPARE(d.body, QByteArray("task 1"));
    QVERIFY(d.redelivered);
    other.client.connection().ack(och, d.deliveryTag);
    QVERIFY(other.call(och, amqp::QueueDelete{0, queue, false, false, false}).ok());
}

void ClientTcpTest::hangIsDroppedByTheBroker()
{
    ClientOptions options;
    options.heartbeatSeconds = 1;
    Session s(options);
    QVERIFY(s.open());
    QElapsedTimer hung;
    hung.start();
    s.client.hang();
    // Two missed heartbeat intervals, and the broker's own tick.
    QVERIFY(s.waitClosed(8000));
    const CloseReason &r = s.recorder.closed[0];
    QVERIFY(r.byServer);
    QCOMPARE(r.replyCode, std::uint16_t(0));   // dropped, not closed with a method
    QVERIFY2(hung.elapsed() >= 1500, qPrintable(QString::number(hung.elapsed())));
    QVERIFY(!s.client.isOpen());
}

void ClientTcpTest::brokerStopClosesWith320AndReconnects()
{
    if (!brokerControlled())
        QSKIP("the broker cannot be stopped here (run through run_program.py)");
    Session s;
    s.client.setReconnect(true, 200);
    QVERIFY(s.open());
    QCOMPARE(controlBroker("stop"), QByteArray("ok"));
    QVERIFY(s.waitClosed());
    const CloseReason &r = s.recorder.closed[0];
    QCOMPARE(r.replyCode, std::uint16_t(320));
    QVERIFY2(r.replyText.startsWith("CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'"),
             r.replyText.constData());
    QVERIFY(r.byServer);

    QTest::qWait(1000);   // attempts refused meanwhile, each reported and retried later
    QVERIFY(s.recorder.closed.size() >= 2);
    QCOMPARE(s.recorder.opened, 1);
    QCOMPARE(controlBroker("start"), QByteArray("ok"));
    QVERIFY(QTest::qWaitFor([&] { return s.recorder.opened == 2; }, 15000));
    QVERIFY(s.client.isOpen());
    const std::uint16_t ch = s.channel();
    QVERIFY(ch != 0);
    QVERIFY(s.call(ch, amqp::BasicQos{0, 1, false}).ok());
}

QTEST_GUILESS_MAIN(ClientTcpTest)
#include "tst_clienttcp.moc"
