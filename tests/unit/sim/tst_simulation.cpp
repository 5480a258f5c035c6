// A headless simulation (SimulationController, its own thread, real TCP connections) against
// an in-process broker on a free port, seeded and judged by what the consumers report:
// - fair dispatch: three consumers, prefetch 1, manual ack, processing 1, 2 and 4 units of
//   50 ms: their received counts match fair dispatch within ±1, every message reaches
//   exactly one consumer (the first one included), none is redelivered;
// - crash before ack: the crashing consumer's message arrives at another consumer with
//   redelivered=true, and every message is acknowledged once in the end;
// - a stopped (cancelled) consumer never receives again while the others go on;
// - a hung consumer (stops reading and heartbeating) is given up on by the broker, which
//   redelivers its message to another consumer;
// - reject with requeue brings the same message back over and over (redelivered each time),
//   nack without requeue drops it; a removed consumer's connection is closed;
// - a producer's counts are exact: confirms for routable and unroutable messages, returns of
//   mandatory unroutable ones;
// - a declaration the broker refuses fails the client with the broker's own reply;
// - a consuming client comes back by itself after the broker restarts, and a durable queue's
//   persistent messages are still there for it.
// With WARREN_SIM_URL set (e.g. amqp://guest:guest@127.0.0.1:5672/ of a rabbitmq-server), the
// same scenarios run against that broker instead, but the restart.
#include "BrokerController.h"
#include "sim/SimulationController.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <memory>
#include "TestSupport.h"

using namespace warren;
using namespace warren::sim;

using warren::test::freePort;

namespace {

// How many of `messages` each consumer gets under fair dispatch (prefetch 1) when all start
// together with a backlog: the next message goes to whoever is free first.
QList<int> fairShares(const QList<int> &processingMs, int messages)
{
    QList<int> shares(processingMs.size(), 0);
    QList<qint64> freeAt(processingMs.size(), 0);
    for (int m = 0; m < messages; ++m) {
        const auto next = int(std::min_element(freeAt.begin(), freeAt.end()) - freeAt.begin());
        ++shares[next];
        freeAt[next] += processingMs[next];
    }
    return shares;
}

} // namespace

class SimulationTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void fairDispatch();
    void crashBeforeAckIsRedelivered();
    void stoppedConsumerNeverReceivesAgain();
    void hungConsumerIsGivenUpOn();
    void rejectAndNack();
    void producerCountsAreExact();
    void refusedDeclarationFails();
    void reconnectsAfterBrokerRestart();

private:
    void startBroker();
    QString url() const;
    ConsumerSpec consumer(const QString &name, const QString &queue, int processingMs) const;
    ProducerSpec producer(const QString &name, const QString &queue, int burst) const;
    // The last status of a client, or an empty one (state Stopped) before it is listed.
    ConsumerStatus consumerStatus(quint32 id) const;
    ProducerStatus producerStatus(quint32 id) const;
    bool waitConsuming(const QList<quint32> &ids);
    quint64 settled(const QList<quint32> &ids) const;

    QTemporaryDir dataDir_;
    quint16 port_ = 0;
    std::unique_ptr<BrokerController> broker_;
    std::unique_ptr<SimulationController> sim_;
};

void SimulationTest::initTestCase()
{
    if (!qEnvironmentVariableIsEmpty("WARREN_SIM_URL"))
        return;   // another broker
    port_ = freePort();
    startBroker();
}

QString SimulationTest::url() const
{
    return broker_ ? QStringLiteral("amqp://guest:guest@127.0.0.1:%1/").arg(port_)
                   : qEnvironmentVariable("WARREN_SIM_URL");
}

void SimulationTest::startBroker()
{
    BrokerConfig config;
    config.bindAddresses = {QHostAddress(QHostAddress::LocalHost)};
    config.port = port_;
    config.dataDir = dataDir_.path();
    if (!broker_)
        broker_ = std::make_unique<BrokerController>();
    QSignalSpy started(broker_.get(), &BrokerController::started);
    broker_->start(config);
    QVERIFY(started.wait(10000));
}

void SimulationTest::init()
{
    sim_ = std::make_unique<SimulationController>();
    sim_->setSnapshotInterval(50);
}

void SimulationTest::cleanup()
{
    sim_.reset();
}

ConsumerSpec SimulationTest::consumer(const QString &name, const QString &queue, int processingMs) const
{
    ConsumerSpec spec;
    spec.name = name;
    spec.url = url();
    spec.queue.name = queue;
    spec.prefetch = 1;
    spec.ackMode = AckMode::Manual;
    spec.processingMinMs = spec.processingMaxMs = processingMs;
    spec.seed = 7;
    return spec;
}

ProducerSpec SimulationTest::producer(const QString &name, const QString &queue, int burst) const
{
    ProducerSpec spec;
    spec.name = name;
    spec.url = url();
    spec.routingKey = queue;
    spec.queue.name = queue;
    spec.burstMode = true;
    spec.burst = burst;
    return spec;
}

ConsumerStatus SimulationTest::consumerStatus(quint32 id) const
{
    for (const ConsumerStatus &c : sim_->lastSnapshot().consumers) {
        if (c.id == id)
            return c;
    }
    return {};
}

ProducerStatus SimulationTest::producerStatus(quint32 id) const
{
    for (const ProducerStatus &p : sim_->lastSnapshot().producers) {
        if (p.id == id)
            return p;
    }
    return {};
}

bool SimulationTest::waitConsuming(const QList<quint32> &ids)
{
    return QTest::qWaitFor([&] {
        return std::all_of(ids.begin(), ids.end(), [&](quint32 id) {
            return consumerStatus(id).state == ClientState::Running;
        });
    }, 10000);
}

// Messages the consumers acknowledged, rejected or discarded, together.
quint64 SimulationTest::settled(const QList<quint32> &ids) const
{
    quint64 total = 0;
    for (quint32 id : ids) {
        const ConsumerStatus c = consumerStatus(id);
        total += c.acked + c.requeued + c.discarded;
    }
    return total;
}

void SimulationTest::fairDispatch()
{
    const QList<int> processingMs{50, 100, 200};
    QList<quint32> ids;
    for (int i = 0; i < processingMs.size(); ++i)
        ids << sim_->addConsumer(consumer(QStringLiteral("worker %1").arg(i + 1), QStringLiteral("fair"), processingMs[i]));
    QVERIFY(waitConsuming(ids));

    // 35 messages take 1 s of the fastest worker's time: no tie at the end.
    const int messages = 35;
    const quint32 p = sim_->addProducer(producer(QStringLiteral("producer P1"), QStringLiteral("fair"), messages));
    QTRY_COMPARE_WITH_TIMEOUT(settled(ids), quint64(messages), 20000);
    QCOMPARE(producerStatus(p).published, quint64(messages));
    QCOMPARE(producerStatus(p).state, ClientState::Finished);

    const QList<int> expected = fairShares(processingMs, messages);
    QList<int> seen(messages + 1, 0);
    for (int i = 0; i < ids.size(); ++i) {
        const ConsumerStatus c = consumerStatus(ids[i]);
        QVERIFY2(qAbs(int(c.received) - expected[i]) <= 1,
                 qPrintable(QStringLiteral("%1 received %2, fair dispatch gives %3")
                                .arg(c.spec.name).arg(c.received).arg(expected[i])));
        QCOMPARE(c.acked, c.received);
        QCOMPARE(c.redelivered, quint64(0));
        for (const ReceivedMessage &m : c.recent) {
            QVERIFY(m.number >= 1 && m.number <= quint64(messages));
            QCOMPARE(m.producer, QStringLiteral("producer P1"));
            ++seen[int(m.number)];
        }
    }
    QCOMPARE(seen[1], 1);   // the first message reached exactly one consumer
    QCOMPARE(std::count(seen.begin() + 1, seen.end(), 1), qsizetype(messages));
}

void SimulationTest::crashBeforeAckIsRedelivered()
{
    ConsumerSpec crashing = consumer(QStringLiteral("worker crash"), QStringLiteral("crash"), 50);
    crashing.outcome = Outcome::CrashBeforeAck;
    crashing.failAfter = 1;
    const quint32 x = sim_->addConsumer(crashing);
    QVERIFY(waitConsuming({x}));
    // The others join later, so the crashing worker surely gets a message first.
    const quint32 p = sim_->addProducer(producer(QStringLiteral("producer P1"), QStringLiteral("crash"), 6));
    QTRY_COMPARE_WITH_TIMEOUT(consumerStatus(x).received, quint64(1), 10000);
    const quint32 a = sim_->addConsumer(consumer(QStringLiteral("worker a"), QStringLiteral("crash"), 20));
    const quint32 b = sim_->addConsumer(consumer(QStringLiteral("worker b"), QStringLiteral("crash"), 20));

    QTRY_COMPARE_WITH_TIMEOUT(consumerStatus(x).state, ClientState::Crashed, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(settled({a, b}), quint64(6), 10000);
    const ConsumerStatus crashed = consumerStatus(x);
    QCOMPARE(crashed.received, quint64(1));
    QCOMPARE(crashed.acked, quint64(0));
    const quint64 lost = crashed.recent.front().number;
    int redeliveries = 0;
    for (quint32 id : {a, b}) {
        const ConsumerStatus other = consumerStatus(id);
        for (const ReceivedMessage &m : other.recent) {
            if (m.number == lost) {
                QVERIFY2(m.redelivered, "the crashed consumer's message came back without redelivered=true");
                ++redeliveries;
            } else {
                QVERIFY(!m.redelivered);
            }
        }
    }
    QCOMPARE(redeliveries, 1);
    QCOMPARE(producerStatus(p).published, quint64(6));
}

void SimulationTest::stoppedConsumerNeverReceivesAgain()
{
    const quint32 a = sim_->addConsumer(consumer(QStringLiteral("worker a"), QStringLiteral("cancel"), 20));
    const quint32 b = sim_->addConsumer(consumer(QStringLiteral("worker b"), QStringLiteral("cancel"), 20));
    QVERIFY(waitConsuming({a, b}));
    const quint32 p = sim_->addProducer(producer(QStringLiteral("producer P1"), QStringLiteral("cancel"), 10));
    QTRY_COMPARE_WITH_TIMEOUT(settled({a, b}), quint64(10), 10000);
    QVERIFY(consumerStatus(b).received > 0);

    sim_->command(b, ClientCommand::Stop);
    QTRY_COMPARE_WITH_TIMEOUT(consumerStatus(b).state, ClientState::Stopped, 5000);
    QTest::qWait(300);   // whatever was on its way has arrived by now
    const quint64 before = consumerStatus(b).received;
    const quint64 settledBefore = settled({a, b});

    sim_->command(p, ClientCommand::Start);   // another burst of 10
    QTRY_COMPARE_WITH_TIMEOUT(producerStatus(p).published, quint64(20), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(settled({a, b}) >= settledBefore + 10, 10000);
    QTest::qWait(200);
    QCOMPARE(consumerStatus(b).received, before);
    QCOMPARE(consumerStatus(b).state, ClientState::Stopped);
}

void SimulationTest::hungConsumerIsGivenUpOn()
{
    ConsumerSpec hanging = consumer(QStringLiteral("worker hang"), QStringLiteral("hang"), 10);
    hanging.outcome = Outcome::Hang;
    hanging.heartbeatSeconds = 1;   // given up on after two missed heartbeats
    const quint32 h = sim_->addConsumer(hanging);
    QVERIFY(waitConsuming({h}));
    sim_->addProducer(producer(QStringLiteral("producer P1"), QStringLiteral("hang"), 1));
    QTRY_COMPARE_WITH_TIMEOUT(consumerStatus(h).state, ClientState::Hung, 10000);
    const quint32 other = sim_->addConsumer(consumer(QStringLiteral("worker 2"), QStringLiteral("hang"), 10));
    QTRY_COMPARE_WITH_TIMEOUT(consumerStatus(other).acked, quint64(1), 15000);
    const ConsumerStatus redelivered = consumerStatus(other);
    QCOMPARE(redelivered.recent.size(), 1);
    QCOMPARE(redelivered.recent.front().number, quint64(1));
    QVERIFY(redelivered.recent.front().redelivered);
    QCOMPARE(consumerStatus(h).state, ClientState::Hung);   // hung, whatever the broker did
    QCOMPARE(consumerStatus(h).acked, quint64(0));
}

void SimulationTest::rejectAndNack()
{
    ConsumerSpec rejecting = consumer(QStringLiteral("worker reject"), QStringLiteral("reject"), 20);
    rejecting.outcome = Outcome::RejectRequeue;
    const quint32 r = sim_->addConsumer(rejecting);
    QVERIFY(waitConsuming({r}));
    sim_->addProducer(producer(QStringLiteral("producer P1"), QStringLiteral("reject"), 1));
    QTRY_VERIFY_WITH_TIMEOUT(consumerStatus(r).requeued >= 3, 10000);
    const ConsumerStatus looped = consumerStatus(r);
    QCOMPARE(looped.redelivered, looped.received - 1);   // the same message, back each time
    for (const ReceivedMessage &m : looped.recent)
        QCOMPARE(m.number, quint64(1));
    sim_->command(r, ClientCommand::Remove);
    QTRY_VERIFY_WITH_TIMEOUT(consumerStatus(r).id == 0, 5000);

    ConsumerSpec nacking = consumer(QStringLiteral("worker nack"), QStringLiteral("reject"), 20);
    nacking.outcome = Outcome::NackDiscard;
    const quint32 n = sim_->addConsumer(nacking);
    QTRY_COMPARE_WITH_TIMEOUT(consumerStatus(n).discarded, quint64(1), 10000);
    const ConsumerStatus dropped = consumerStatus(n);
    QCOMPARE(dropped.received, quint64(1));
    QCOMPARE(dropped.redelivered, quint64(1));   // it came back once more after the removal
    QCOMPARE(dropped.recent.front().number, quint64(1));
    QTest::qWait(300);
    QCOMPARE(consumerStatus(n).received, quint64(1));   // dropped: it does not come back
}

void SimulationTest::producerCountsAreExact()
{
    ProducerSpec routable = producer(QStringLiteral("producer routed"), QStringLiteral("counted"), 25);
    routable.confirms = true;
    ProducerSpec unroutable = producer(QStringLiteral("producer lost"), QStringLiteral("counted"), 7);
    unroutable.routingKey = QStringLiteral("nowhere.{n}");
    unroutable.mandatory = true;
    unroutable.confirms = true;
    const quint32 r = sim_->addProducer(routable);
    const quint32 u = sim_->addProducer(unroutable);
    QTRY_COMPARE_WITH_TIMEOUT(producerStatus(r).confirmed, quint64(25), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(producerStatus(u).returned, quint64(7), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(producerStatus(u).confirmed, quint64(7), 10000);   // as RabbitMQ: ack after the return
    QCOMPARE(producerStatus(r).published, quint64(25));
    QCOMPARE(producerStatus(r).returned, quint64(0));
    QCOMPARE(producerStatus(r).nacked, quint64(0));
    QCOMPARE(producerStatus(u).published, quint64(7));
    QCOMPARE(producerStatus(u).nacked, quint64(0));
}

void SimulationTest::refusedDeclarationFails()
{
    const quint32 p = sim_->addProducer(producer(QStringLiteral("producer P1"), QStringLiteral("transient"), 1));
    QTRY_COMPARE_WITH_TIMEOUT(producerStatus(p).state, ClientState::Finished, 10000);
    ConsumerSpec durable = consumer(QStringLiteral("worker 1"), QStringLiteral("transient"), 10);
    durable.queue.durable = true;
    const quint32 c = sim_->addConsumer(durable);
    QTRY_COMPARE_WITH_TIMEOUT(consumerStatus(c).state, ClientState::Failed, 10000);
    QVERIFY2(consumerStatus(c).error.startsWith(QLatin1String("406 PRECONDITION_FAILED")),
             qPrintable(consumerStatus(c).error));
}

void SimulationTest::reconnectsAfterBrokerRestart()
{
    if (!broker_)
        QSKIP("restarts only the broker this test started");
    ConsumerSpec spec = consumer(QStringLiteral("worker 1"), QStringLiteral("durable"), 10);
    spec.queue.durable = true;
    const quint32 c = sim_->addConsumer(spec);
    QVERIFY(waitConsuming({c}));
    sim_->command(c, ClientCommand::Stop);
    QTRY_COMPARE_WITH_TIMEOUT(consumerStatus(c).state, ClientState::Stopped, 5000);

    ProducerSpec persistent = producer(QStringLiteral("producer P1"), QStringLiteral("durable"), 3);
    persistent.queue.durable = true;
    persistent.properties.persistent = true;
    persistent.confirms = true;   // confirmed once on disk
    const quint32 p = sim_->addProducer(persistent);
    QTRY_COMPARE_WITH_TIMEOUT(producerStatus(p).confirmed, quint64(3), 10000);
    sim_->command(p, ClientCommand::Stop);

    QVERIFY(broker_->stopAndWait(10000));
    startBroker();
    sim_->command(c, ClientCommand::Start);
    QTRY_COMPARE_WITH_TIMEOUT(consumerStatus(c).acked, quint64(3), 10000);
    QCOMPARE(consumerStatus(c).recent.back().number, quint64(3));

    // Consuming while the broker restarts: it comes back by itself.
    QVERIFY(broker_->stopAndWait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(consumerStatus(c).state, ClientState::Reconnecting, 5000);
    QVERIFY(consumerStatus(c).error.startsWith(QLatin1String("320 CONNECTION_FORCED")));
    startBroker();
    QVERIFY(waitConsuming({c}));
    sim_->command(p, ClientCommand::Start);
    QTRY_COMPARE_WITH_TIMEOUT(consumerStatus(c).acked, quint64(6), 10000);
    QCOMPARE(consumerStatus(c).recent.back().number, quint64(6));
}

QTEST_GUILESS_MAIN(SimulationTest)
#include "tst_simulation.moc"
