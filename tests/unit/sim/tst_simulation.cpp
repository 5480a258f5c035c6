// A headless simulation (SimulationController, its own thread, real TCP connections) against
// an in-process broker on a free port, seeded and judged by what the consumers report:
// - fair dispatch: three consumers, prefetch 1, manual ack, processing 1, 2 and 4 units of
//   50 ms: their received counts match fair dispatch within ±1, every message reaches
//   exactly one consumer (the first one included), none is redelivered;
// - crash before ack at the third message: the two before are acknowledged, the third
//   arrives at another consumer with redelivered=true, and every message is acknowledged
//   once in the end;
// - the Crash command cuts a consumer holding a message, which goes back to the queue, and
//   Restart brings the consumer back to take it again, redelivered; the first snapshot
//   that counts the command as applied already shows the crash;
// - automatic ack: the broker forgets a message once delivered, so a consumer that crashes
//   loses every message it held, and nobody else gets them;
// - prefetch: a slow consumer with prefetch 3 holds three unacknowledged messages and the
//   rest stays ready; one with prefetch 0 (unlimited) takes all that is left at once;
// - an exclusive consumer keeps every other consumer of its queue out (403 ACCESS_REFUSED);
// - consumer priority: of two consumers that can both take messages, the one with the
//   higher x-priority gets them all;
// - a stopped (cancelled) consumer never receives again while the others go on;
// - a hung consumer (stops reading and heartbeating) is given up on by the broker, which
//   redelivers its message to another consumer;
// - reject with requeue brings the same message back over and over (redelivered each time),
//   nack without requeue drops it; a removed consumer's connection is closed;
// - a producer's counts are exact: confirms for routable and unroutable messages, returns of
//   mandatory unroutable ones;
// - a producer's messages carry what its spec says (persistent, priority, expiration,
//   headers, reply_to, correlation_id, the body template rendered, the message number), as
//   the broker reads them back; a producer given none of them sends none;
// - RPC: a client awaiting replies sends each request with its own server-named exclusive
//   queue as reply_to and a correlation_id of its own; a server that replies answers every
//   request there; two clients each count the answers to their own requests only, and a
//   server that does not reply leaves them at 0;
// - a consumer with three channels has one connection and a consumer on each channel, takes
//   every message once and acknowledges each on its own channel (the broker leaves none
//   unacknowledged); stopped, it cancels all three;
// - a rate is kept (20 msg/s for as long as it runs), Pause stops publishing and keeps the
//   connection, Start goes on, Stop closes the connection;
// - a declaration the broker refuses fails the client with the broker's own reply;
// - a consuming client comes back by itself after the broker restarts, and a durable queue's
//   persistent messages are still there for it;
// - a lesson's topology is declared over AMQP (declareTopology): a direct and a topic
//   exchange, a queue whose integer arguments arrive as longs, a queue binding and an
//   exchange-to-exchange binding whose arguments keep every JSON type, the predefined amq.*
//   exchange skipped; the setup connection is closed after; declaring the queue again with
//   other arguments fails with the broker's 406; a fragment with users is refused at once,
//   without connecting; a broker that cannot be reached is reported, not waited for.
// With WARREN_SIM_URL set (e.g. amqp://guest:guest@127.0.0.1:5672/ of a rabbitmq-server), the
// same scenarios run against that broker instead, but the restart.
#include "BrokerController.h"
#include "sim/SimulationController.h"

#include "protocol/BasicProperties.h"

#include <QJsonDocument>
#include <QJsonObject>
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
    void crashAndRestartCommands();
    void automaticAckCrashLosesMessages();
    void prefetchLimitsUnacknowledged();
    void exclusiveConsumerKeepsOthersOut();
    void higherPriorityConsumerIsServedFirst();
    void stoppedConsumerNeverReceivesAgain();
    void hungConsumerIsGivenUpOn();
    void rejectAndNack();
    void producerCountsAreExact();
    void producerSetsProperties();
    void rpcRepliesReachTheirOwnClient();
    void consumerOnSeveralChannels();
    void rateAndPause();
    void refusedDeclarationFails();
    void reconnectsAfterBrokerRestart();
    void declaresTopology();

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
    // What the broker this test started reports (only with broker_).
    QueueSnapshot brokerQueue(const QString &name) const;   // empty when not listed
    std::optional<ConsumerSnapshot> brokerConsumer(const QString &connectionName) const;
    bool brokerListsConnection(const QString &name) const;
    ExchangeSnapshot brokerExchange(const QString &name) const;   // empty when not listed
    std::optional<BindingSnapshot> brokerBinding(const QString &source, const QString &destination) const;
    // declareTopology's answer, or "(no answer)" after 10 s.
    QString declareTopology(const QString &url, const QByteArray &definitionsJson);

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
    broker_->setSnapshotInterval(50);
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

QueueSnapshot SimulationTest::brokerQueue(const QString &name) const
{
    for (const QueueSnapshot &q : broker_->lastSnapshot().queues) {
        if (q.name == name)
            return q;
    }
    return {};
}

std::optional<ConsumerSnapshot> SimulationTest::brokerConsumer(const QString &connectionName) const
{
    for (const ConsumerSnapshot &c : broker_->lastSnapshot().consumers) {
        if (c.connectionName == connectionName)
            return c;
    }
    return std::nullopt;
}

bool SimulationTest::brokerListsConnection(const QString &name) const
{
    const QList<ConnectionSnapshot> &connections = broker_->lastSnapshot().connections;
    return std::any_of(connections.begin(), connections.end(),
                       [&](const ConnectionSnapshot &c) { return c.name == name; });
}

ExchangeSnapshot SimulationTest::brokerExchange(const QString &name) const
{
    for (const ExchangeSnapshot &x : broker_->lastSnapshot().exchanges) {
        if (x.name == name)
            return x;
    }
    return {};
}

std::optional<BindingSnapshot> SimulationTest::brokerBinding(const QString &source, const QString &destination) const
{
    for (const BindingSnapshot &b : broker_->lastSnapshot().bindings) {
        if (b.source == source && b.destination == destination)
            return b;
    }
    return std::nullopt;
}

QString SimulationTest::declareTopology(const QString &url, const QByteArray &definitionsJson)
{
    const QJsonObject definitions = QJsonDocument::fromJson(definitionsJson).object();
    auto answer = std::make_shared<std::optional<QString>>();
    sim_->declareTopology(url, definitions, this, [answer](const QString &error) { *answer = error; });
    if (!QTest::qWaitFor([&] { return answer->has_value(); }, 10000))
        return QStringLiteral("(no answer)");
    return **answer;
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
    crashing.failAfter = 3;
    const quint32 x = sim_->addConsumer(crashing);
    QVERIFY(waitConsuming({x}));
    // The others join later, so the crashing worker surely gets its three messages first.
    const quint32 p = sim_->addProducer(producer(QStringLiteral("producer P1"), QStringLiteral("crash"), 6));
    QTRY_COMPARE_WITH_TIMEOUT(consumerStatus(x).received, quint64(3), 10000);
    const quint32 a = sim_->addConsumer(consumer(QStringLiteral("worker a"), QStringLiteral("crash"), 20));
    const quint32 b = sim_->addConsumer(consumer(QStringLiteral("worker b"), QStringLiteral("crash"), 20));

    QTRY_COMPARE_WITH_TIMEOUT(consumerStatus(x).state, ClientState::Crashed, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(settled({a, b}), quint64(4), 10000);
    const ConsumerStatus crashed = consumerStatus(x);
    QCOMPARE(crashed.received, quint64(3));
    QCOMPARE(crashed.acked, quint64(2));   // the two before the crash
    const quint64 lost = crashed.recent.back().number;
    int redeliveries = 0;
    for (quint32 id : {a, b}) {
        const ConsumerStatus other = consumerStatus(id);
        for (const ReceivedMessage &m : other.recent) {
            QVERIFY2(m.number != crashed.recent[0].number && m.number != crashed.recent[1].number,
                     "an acknowledged message came again");
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

void SimulationTest::crashAndRestartCommands()
{
    const quint32 w = sim_->addConsumer(consumer(QStringLiteral("worker slow"), QStringLiteral("commands"), 60000));
    QVERIFY(waitConsuming({w}));
    sim_->addProducer(producer(QStringLiteral("producer P1"), QStringLiteral("commands"), 1));
    QTRY_COMPARE_WITH_TIMEOUT(consumerStatus(w).pending, 1, 10000);   // working on it for a minute

    // A snapshot says which commands it reflects: the first one after Crash shows it.
    sim_->command(w, ClientCommand::Crash);
    const quint64 crash = sim_->commandsSent();
    QCOMPARE(crash, quint64(3));   // two adds, one command
    QTRY_VERIFY_WITH_TIMEOUT(sim_->lastSnapshot().commandsApplied == crash, 5000);
    QCOMPARE(consumerStatus(w).state, ClientState::Crashed);
    QCOMPARE(consumerStatus(w).pending, 0);
    if (broker_) {
        QTRY_VERIFY_WITH_TIMEOUT(!brokerListsConnection(QStringLiteral("worker slow")), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(brokerQueue(QStringLiteral("commands")).ready, qint64(1), 5000);
    }

    sim_->command(w, ClientCommand::Restart);
    QTRY_COMPARE_WITH_TIMEOUT(consumerStatus(w).received, quint64(2), 10000);
    const ConsumerStatus again = consumerStatus(w);
    QCOMPARE(again.state, ClientState::Running);
    QCOMPARE(again.recent.back().number, quint64(1));
    QVERIFY(again.recent.back().redelivered);
    QCOMPARE(again.acked, quint64(0));
}

void SimulationTest::automaticAckCrashLosesMessages()
{
    ConsumerSpec automatic = consumer(QStringLiteral("worker auto"), QStringLiteral("autoack"), 300);
    automatic.ackMode = AckMode::Automatic;
    automatic.outcome = Outcome::CrashBeforeAck;
    automatic.failAfter = 1;
    const quint32 x = sim_->addConsumer(automatic);
    QVERIFY(waitConsuming({x}));
    if (broker_) {
        QTRY_VERIFY_WITH_TIMEOUT(brokerConsumer(QStringLiteral("worker auto")).has_value(), 5000);
        QVERIFY(!brokerConsumer(QStringLiteral("worker auto"))->ackRequired);
    }
    // Prefetch does not hold back automatic ack: all three arrive while it works on the first.
    sim_->addProducer(producer(QStringLiteral("producer P1"), QStringLiteral("autoack"), 3));
    QTRY_COMPARE_WITH_TIMEOUT(consumerStatus(x).state, ClientState::Crashed, 10000);
    QCOMPARE(consumerStatus(x).received, quint64(3));
    QCOMPARE(consumerStatus(x).acked, quint64(0));

    const quint32 other = sim_->addConsumer(consumer(QStringLiteral("worker 2"), QStringLiteral("autoack"), 10));
    QVERIFY(waitConsuming({other}));
    QTest::qWait(500);
    QCOMPARE(consumerStatus(other).received, quint64(0));   // lost: nothing came back
    if (broker_)
        QCOMPARE(brokerQueue(QStringLiteral("autoack")).ready, qint64(0));
}

void SimulationTest::prefetchLimitsUnacknowledged()
{
    ConsumerSpec three = consumer(QStringLiteral("worker three"), QStringLiteral("prefetch"), 60000);
    three.prefetch = 3;
    const quint32 t = sim_->addConsumer(three);
    QVERIFY(waitConsuming({t}));
    sim_->addProducer(producer(QStringLiteral("producer P1"), QStringLiteral("prefetch"), 10));
    QTRY_COMPARE_WITH_TIMEOUT(consumerStatus(t).received, quint64(3), 10000);
    QTest::qWait(300);
    QCOMPARE(consumerStatus(t).received, quint64(3));   // no fourth while three are unacknowledged
    QCOMPARE(consumerStatus(t).pending, 3);
    if (broker_) {
        QTRY_COMPARE_WITH_TIMEOUT(brokerQueue(QStringLiteral("prefetch")).ready, qint64(7), 5000);
        QCOMPARE(brokerQueue(QStringLiteral("prefetch")).unacked, qint64(3));
        QCOMPARE(brokerConsumer(QStringLiteral("worker three")).value_or(ConsumerSnapshot{}).prefetch, 3);
    }

    ConsumerSpec unlimited = consumer(QStringLiteral("worker unlimited"), QStringLiteral("prefetch"), 60000);
    unlimited.prefetch = 0;
    const quint32 u = sim_->addConsumer(unlimited);
    QTRY_COMPARE_WITH_TIMEOUT(consumerStatus(u).received, quint64(7), 10000);
    QCOMPARE(consumerStatus(u).pending, 7);
    QCOMPARE(consumerStatus(t).received, quint64(3));
}

void SimulationTest::exclusiveConsumerKeepsOthersOut()
{
    ConsumerSpec alone = consumer(QStringLiteral("worker alone"), QStringLiteral("exclusive"), 10);
    alone.exclusive = true;
    const quint32 a = sim_->addConsumer(alone);
    QVERIFY(waitConsuming({a}));
    if (broker_) {
        QTRY_VERIFY_WITH_TIMEOUT(brokerConsumer(QStringLiteral("worker alone")).has_value(), 5000);
        QVERIFY(brokerConsumer(QStringLiteral("worker alone"))->exclusive);
    }
    const quint32 b = sim_->addConsumer(consumer(QStringLiteral("worker 2"), QStringLiteral("exclusive"), 10));
    QTRY_COMPARE_WITH_TIMEOUT(consumerStatus(b).state, ClientState::Failed, 10000);
    QVERIFY2(consumerStatus(b).error.startsWith(QLatin1String("403 ACCESS_REFUSED")), qPrintable(consumerStatus(b).error));
    QCOMPARE(consumerStatus(a).state, ClientState::Running);
}

void SimulationTest::higherPriorityConsumerIsServedFirst()
{
    // Both can always take more (prefetch 0): priority alone decides.
    ConsumerSpec low = consumer(QStringLiteral("worker low"), QStringLiteral("priority"), 10);
    low.prefetch = 0;
    ConsumerSpec high = consumer(QStringLiteral("worker high"), QStringLiteral("priority"), 10);
    high.prefetch = 0;
    high.priority = 5;
    const quint32 l = sim_->addConsumer(low);
    const quint32 h = sim_->addConsumer(high);
    QVERIFY(waitConsuming({l, h}));
    if (broker_) {
        QTRY_VERIFY_WITH_TIMEOUT(brokerConsumer(QStringLiteral("worker high")).has_value(), 5000);
        QCOMPARE(brokerConsumer(QStringLiteral("worker high"))->priority, 5);
    }
    sim_->addProducer(producer(QStringLiteral("producer P1"), QStringLiteral("priority"), 10));
    QTRY_COMPARE_WITH_TIMEOUT(consumerStatus(h).acked, quint64(10), 10000);
    QCOMPARE(consumerStatus(l).received, quint64(0));
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

void SimulationTest::producerSetsProperties()
{
    if (!broker_)
        QSKIP("reads the messages back from the broker this test started");
    ProducerSpec spec = producer(QStringLiteral("producer props"), QStringLiteral("properties"), 2);
    spec.body = QStringLiteral("task {n} of {choice:a|b}");
    MessageProperties &p = spec.properties;
    p.persistent = true;
    p.priority = 5;
    p.expiration = QStringLiteral("600000");
    p.headers = {{QStringLiteral("team"), QStringLiteral("blue")}};
    p.replyTo = QStringLiteral("replies");
    p.correlationId = QStringLiteral("request-7");
    const quint32 id = sim_->addProducer(spec);
    ProducerSpec plain = producer(QStringLiteral("producer plain"), QStringLiteral("plain"), 1);
    const quint32 plainId = sim_->addProducer(plain);
    QTRY_COMPARE_WITH_TIMEOUT(producerStatus(id).state, ClientState::Finished, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(producerStatus(plainId).state, ClientState::Finished, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(brokerQueue(QStringLiteral("properties")).ready, qint64(2), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(brokerQueue(QStringLiteral("plain")).ready, qint64(1), 5000);

    const auto get = [this](const QString &queue, int count) {
        auto result = std::make_shared<std::optional<management::GetResult>>();
        broker_->call(&management::ManagementService::getMessages, this,
                      std::function<void(const management::GetResult &)>([result](const management::GetResult &r) {
                          *result = r;
                      }),
                      QStringLiteral("/"), queue, count, management::GetMode::Ack);
        const bool answered = QTest::qWaitFor([&] { return result->has_value(); }, 5000);
        return answered ? (*result)->messages : QList<management::MessageView>{};
    };
    const QList<management::MessageView> messages = get(QStringLiteral("properties"), 2);
    QCOMPARE(messages.size(), 2);
    for (int i = 0; i < messages.size(); ++i) {
        const amqp::BasicProperties &m = messages[i].properties;
        QCOMPARE(messages[i].body, i == 0 ? QByteArray("task 1 of a") : QByteArray("task 2 of b"));
        QCOMPARE(int(m.deliveryMode.value_or(0)), 2);
        QCOMPARE(int(m.priority.value_or(0)), 5);
        QCOMPARE(m.expiration.value_or(QByteArray()), QByteArray("600000"));
        QCOMPARE(m.replyTo.value_or(QByteArray()), QByteArray("replies"));
        QCOMPARE(m.correlationId.value_or(QByteArray()), QByteArray("request-7"));
        const amqp::FieldTable headers = m.headers.value_or(amqp::FieldTable{});
        const amqp::FieldValue *team = headers.find("team");
        const amqp::FieldValue *number = headers.find(kNumberHeader);
        const amqp::FieldValue *producer = headers.find(kProducerHeader);
        QVERIFY(team && number && producer);
        QCOMPARE(team->toBytes(), QByteArray("blue"));
        QCOMPARE(number->toInteger(), qint64(i + 1));
        QCOMPARE(producer->toBytes(), QByteArray("producer props"));
    }

    const QList<management::MessageView> plainMessages = get(QStringLiteral("plain"), 1);
    QCOMPARE(plainMessages.size(), 1);
    const amqp::BasicProperties &m = plainMessages.front().properties;
    QCOMPARE(plainMessages.front().body, QByteArray("Hello World! 1"));
    QVERIFY(!m.deliveryMode && !m.priority && !m.expiration && !m.replyTo && !m.correlationId);
    QCOMPARE(m.headers.value_or(amqp::FieldTable{}).size(), qsizetype(2));   // number and producer only
}

void SimulationTest::rpcRepliesReachTheirOwnClient()
{
    ConsumerSpec server = consumer(QStringLiteral("rpc server"), QStringLiteral("rpc_queue"), 10);
    server.reply = true;
    const quint32 s = sim_->addConsumer(server);
    ConsumerSpec silent = consumer(QStringLiteral("silent server"), QStringLiteral("rpc_silent"), 10);
    const quint32 quiet = sim_->addConsumer(silent);
    QVERIFY(waitConsuming({s, quiet}));

    const auto client = [&](const QString &name, const QString &queue, int requests) {
        ProducerSpec spec = producer(name, queue, requests);
        spec.queue.declare = false;
        spec.awaitReplies = true;
        return sim_->addProducer(spec);
    };
    const quint32 first = client(QStringLiteral("rpc client 1"), QStringLiteral("rpc_queue"), 3);
    const quint32 second = client(QStringLiteral("rpc client 2"), QStringLiteral("rpc_queue"), 2);
    const quint32 unanswered = client(QStringLiteral("rpc client 3"), QStringLiteral("rpc_silent"), 2);
    QTRY_COMPARE_WITH_TIMEOUT(producerStatus(first).replies, quint64(3), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(producerStatus(second).replies, quint64(2), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(consumerStatus(s).acked, quint64(5), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(consumerStatus(quiet).acked, quint64(2), 10000);
    QTest::qWait(300);   // no answer comes twice, nor to the wrong client
    QCOMPARE(producerStatus(first).replies, quint64(3));
    QCOMPARE(producerStatus(second).replies, quint64(2));
    QCOMPARE(producerStatus(unanswered).replies, quint64(0));
    // Each client's reply queue is its own, server-named and exclusive.
    if (broker_) {
        const QList<QueueSnapshot> &queues = broker_->lastSnapshot().queues;
        QCOMPARE(std::count_if(queues.begin(), queues.end(), [](const QueueSnapshot &q) {
                     return q.name.startsWith(QLatin1String("amq.gen-")) && q.exclusive;
                 }),
                 qsizetype(3));
    }
}

void SimulationTest::consumerOnSeveralChannels()
{
    ConsumerSpec spec = consumer(QStringLiteral("three channels"), QStringLiteral("channels"), 20);
    spec.channels = 3;
    const quint32 c = sim_->addConsumer(spec);
    QVERIFY(waitConsuming({c}));
    if (broker_) {
        QTRY_COMPARE_WITH_TIMEOUT(brokerQueue(QStringLiteral("channels")).consumers, qint64(3), 5000);
        const QList<ConnectionSnapshot> &connections = broker_->lastSnapshot().connections;
        QCOMPARE(std::count_if(connections.begin(), connections.end(),
                               [](const ConnectionSnapshot &s) { return s.name == QLatin1String("three channels"); }),
                 qsizetype(1));
        const auto it = std::find_if(connections.begin(), connections.end(),
                                     [](const ConnectionSnapshot &s) { return s.name == QLatin1String("three channels"); });
        QCOMPARE(it->channels, qint64(3));
    }
    const quint32 p = sim_->addProducer(producer(QStringLiteral("six"), QStringLiteral("channels"), 6));
    QTRY_COMPARE_WITH_TIMEOUT(consumerStatus(c).acked, quint64(6), 10000);
    QCOMPARE(consumerStatus(c).received, quint64(6));
    QCOMPARE(consumerStatus(c).redelivered, quint64(0));
    QCOMPARE(producerStatus(p).published, quint64(6));
    if (broker_) {
        QTRY_COMPARE_WITH_TIMEOUT(brokerQueue(QStringLiteral("channels")).unacked, qint64(0), 5000);
        QCOMPARE(brokerQueue(QStringLiteral("channels")).ready, qint64(0));
    }
    sim_->command(c, ClientCommand::Stop);
    QTRY_COMPARE_WITH_TIMEOUT(consumerStatus(c).state, ClientState::Stopped, 5000);
    if (broker_)
        QTRY_COMPARE_WITH_TIMEOUT(brokerQueue(QStringLiteral("channels")).consumers, qint64(0), 5000);
}

void SimulationTest::rateAndPause()
{
    ProducerSpec spec = producer(QStringLiteral("producer rate"), QStringLiteral("rate"), 1);
    spec.burstMode = false;
    spec.ratePerSecond = 20;
    const quint32 p = sim_->addProducer(spec);
    QTRY_VERIFY_WITH_TIMEOUT(producerStatus(p).published >= 2, 10000);
    // Counted from a moment it is publishing, so the time taken to connect does not count
    // (the snapshots, every 50 ms, may be a message behind at either end).
    QElapsedTimer clock;
    clock.start();
    const quint64 before = producerStatus(p).published;
    QTest::qWait(1500);
    const qint64 sent = qint64(producerStatus(p).published - before);
    const qint64 due = clock.elapsed() * 20 / 1000;
    QVERIFY2(qAbs(sent - due) <= 4, qPrintable(QStringLiteral("%1 sent, %2 due at 20 msg/s").arg(sent).arg(due)));
    QCOMPARE(producerStatus(p).state, ClientState::Running);   // a rate never finishes

    sim_->command(p, ClientCommand::Pause);
    QTRY_COMPARE_WITH_TIMEOUT(producerStatus(p).state, ClientState::Paused, 5000);
    const quint64 paused = producerStatus(p).published;
    QTest::qWait(500);
    QCOMPARE(producerStatus(p).published, paused);
    if (broker_)
        QVERIFY(brokerListsConnection(QStringLiteral("producer rate")));   // still connected

    sim_->command(p, ClientCommand::Start);
    QTRY_VERIFY_WITH_TIMEOUT(producerStatus(p).published >= paused + 5, 5000);
    QCOMPARE(producerStatus(p).state, ClientState::Running);

    sim_->command(p, ClientCommand::Stop);
    QTRY_COMPARE_WITH_TIMEOUT(producerStatus(p).state, ClientState::Stopped, 5000);
    const quint64 stopped = producerStatus(p).published;
    if (broker_)
        QTRY_VERIFY_WITH_TIMEOUT(!brokerListsConnection(QStringLiteral("producer rate")), 5000);
    QTest::qWait(300);
    QCOMPARE(producerStatus(p).published, stopped);
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

void SimulationTest::declaresTopology()
{
    const QByteArray fragment = R"({
        "exchanges": [
            {"name": "setup.direct", "vhost": "/", "type": "direct", "durable": true, "auto_delete": false,
             "internal": false, "arguments": {}},
            {"name": "setup.topic", "vhost": "/", "type": "topic", "durable": false, "auto_delete": false,
             "internal": false, "arguments": {}},
            {"name": "amq.direct", "vhost": "/", "type": "direct", "durable": true}
        ],
        "queues": [
            {"name": "setup.capped", "vhost": "/", "durable": true, "auto_delete": false,
             "arguments": {"x-max-length": 2, "x-message-ttl": 60000}}
        ],
        "bindings": [
            {"source": "setup.direct", "vhost": "/", "destination": "setup.capped", "destination_type": "queue",
             "routing_key": "capped", "arguments": {}},
            {"source": "setup.topic", "vhost": "/", "destination": "setup.direct", "destination_type": "exchange",
             "routing_key": "orders.#",
             "arguments": {"note": "lesson", "weight": 0.5, "flags": [true, 1], "nested": {"k": "v"}}}
        ]
    })";
    QCOMPARE(declareTopology(url(), fragment), QString());

    if (broker_) {
        QTRY_COMPARE_WITH_TIMEOUT(brokerQueue(QStringLiteral("setup.capped")).name, QStringLiteral("setup.capped"), 5000);
        const QueueSnapshot capped = brokerQueue(QStringLiteral("setup.capped"));
        QVERIFY(capped.durable && !capped.exclusive && !capped.autoDelete);
        const amqp::FieldValue *maxLength = capped.arguments.find("x-max-length");
        const amqp::FieldValue *ttl = capped.arguments.find("x-message-ttl");
        QVERIFY(maxLength && ttl);
        QCOMPARE(maxLength->type(), amqp::FieldValue::Type::Int64);   // a long, as RabbitMQ wants
        QCOMPARE(maxLength->toInteger(), qint64(2));
        QCOMPARE(ttl->type(), amqp::FieldValue::Type::Int64);
        QCOMPARE(ttl->toInteger(), qint64(60000));

        QCOMPARE(brokerExchange(QStringLiteral("setup.direct")).type, QStringLiteral("direct"));
        QVERIFY(brokerExchange(QStringLiteral("setup.direct")).durable);
        QCOMPARE(brokerExchange(QStringLiteral("setup.topic")).type, QStringLiteral("topic"));
        QVERIFY(!brokerExchange(QStringLiteral("setup.topic")).durable);

        const std::optional<BindingSnapshot> toQueue = brokerBinding(QStringLiteral("setup.direct"), QStringLiteral("setup.capped"));
        QVERIFY(toQueue);
        QVERIFY(!toQueue->toExchange);
        QCOMPARE(toQueue->routingKey, QStringLiteral("capped"));
        const std::optional<BindingSnapshot> toExchange = brokerBinding(QStringLiteral("setup.topic"), QStringLiteral("setup.direct"));
        QVERIFY(toExchange);
        QVERIFY(toExchange->toExchange);
        QCOMPARE(toExchange->routingKey, QStringLiteral("orders.#"));
        // Typed as RabbitMQ types a definitions file (the order is QJsonObject's, by name).
        const amqp::FieldTable expected{
            {"flags", amqp::FieldValue::array({amqp::FieldValue::boolean(true), amqp::FieldValue::integer(1)})},
            {"nested", amqp::FieldValue::table({{"k", amqp::FieldValue::string("v")}})},
            {"note", amqp::FieldValue::string("lesson")},
            {"weight", amqp::FieldValue::floating(0.5)},
        };
        QVERIFY(toExchange->arguments == expected);
        // The setup's own connection does not stay.
        QTRY_VERIFY_WITH_TIMEOUT(!brokerListsConnection(QStringLiteral("warren lesson setup")), 5000);
    }

    // The same queue with other arguments: refused as a client's declaration would be.
    const QString refused = declareTopology(url(), R"({"queues": [{"name": "setup.capped", "durable": true,
        "arguments": {"x-max-length": 3, "x-message-ttl": 60000}}]})");
    QVERIFY2(refused.startsWith(QLatin1String("406 PRECONDITION_FAILED")), qPrintable(refused));
    QVERIFY2(refused.contains(QLatin1String("x-max-length")), qPrintable(refused));

    // Users need the management API or a broker of Warren's own: refused before connecting
    // (nothing listens at this port, so an attempt would fail otherwise).
    const QString nowhere = QStringLiteral("amqp://guest:guest@127.0.0.1:%1/").arg(freePort());
    QCOMPARE(declareTopology(nowhere, R"({"users": [{"name": "alice"}], "queues": [{"name": "q"}]})"),
             QStringLiteral("the topology creates virtual hosts or users: only Warren's own scratch broker can do that"));
    const QString unreachable = declareTopology(nowhere, R"({"queues": [{"name": "q"}]})");
    QVERIFY2(!unreachable.isEmpty() && unreachable != QLatin1String("(no answer)"), qPrintable(unreachable));
}

QTEST_GUILESS_MAIN(SimulationTest)
#include "tst_simulation.moc"
