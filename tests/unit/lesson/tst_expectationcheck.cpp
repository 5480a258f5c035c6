// Unit tests of ExpectationCheck on hand-made snapshots: each kind of expectation met, and
// not met when one observed value differs (every ✓ can turn ✗), with what was observed:
// - received: count, redelivered, acked; a client not started yet;
// - sent: each counter;
// - state: the state, and the reply code its error starts with;
// - queue: depth, consumers, durability, existence and absence;
// - routed, and the per-vhost fates (returned, unroutable, dead-lettered, expired);
// - broker-observed expectations are skipped without a broker snapshot, client-observed
//   ones are not;
// - describe(): the sentence shown beside ✓ / ✗.
#include "lesson/ExpectationCheck.h"

#include <QtTest/QTest>

using namespace warren;
using namespace warren::lesson;
using Kind = Expectation::Kind;
using Result = Verdict::Result;

Q_DECLARE_METATYPE(warren::lesson::Expectation)

namespace {

sim::SimulationSnapshot clients()
{
    sim::SimulationSnapshot s;
    sim::ConsumerStatus c;
    c.spec.name = QStringLiteral("worker");
    c.state = sim::ClientState::Running;
    c.received = 3;
    c.redelivered = 1;
    c.acked = 2;
    // Oldest first: one from "a", then two from "b".
    for (const char *producer : {"a", "b", "b"})
        c.recent.append(sim::ReceivedMessage{1, QString::fromLatin1(producer), false});
    s.consumers.append(c);
    sim::ConsumerStatus refused;
    refused.spec.name = QStringLiteral("refused");
    refused.state = sim::ClientState::Failed;
    refused.error = QStringLiteral("404 NOT_FOUND - no queue 'hello' in vhost '/'");
    s.consumers.append(refused);
    sim::ProducerStatus p;
    p.spec.name = QStringLiteral("sender");
    p.state = sim::ClientState::Finished;
    p.published = 5;
    p.confirmed = 4;
    p.nacked = 1;
    p.returned = 2;
    s.producers.append(p);
    return s;
}

BrokerSnapshot broker()
{
    BrokerSnapshot b;
    QueueSnapshot q;
    q.vhost = QStringLiteral("/");
    q.name = QStringLiteral("hello");
    q.durable = true;
    q.ready = 2;
    q.unacked = 1;
    q.consumers = 1;
    b.queues.append(q);
    ConnectionSnapshot worker;
    worker.name = QStringLiteral("worker");
    worker.channels = 3;
    b.connections.append(worker);
    ConnectionSnapshot twice;
    twice.name = QStringLiteral("twice");
    b.connections += {twice, twice};
    b.routes.append(RouteEdgeSnapshot{QStringLiteral("/"), QString(), QStringLiteral("hello"), false, 7});
    VHostSnapshot v;
    v.name = QStringLiteral("/");
    v.fates.returned = 1;
    v.fates.unroutable = 2;
    v.fates.deadLettered = 3;
    v.fates.expired = 4;
    b.vhosts.append(v);
    return b;
}

Expectation make(Kind kind, const QString &client = {})
{
    Expectation e;
    e.kind = kind;
    e.client = client;
    return e;
}

} // namespace

class ExpectationCheckTest : public QObject {
    Q_OBJECT
private slots:
    void verdicts_data();
    void verdicts();
    void skippedWithoutBroker();
    void describe();
};

void ExpectationCheckTest::verdicts_data()
{
    QTest::addColumn<Expectation>("expectation");
    QTest::addColumn<int>("result");
    QTest::addColumn<QString>("observed");
    const int met = int(Result::Met), notMet = int(Result::NotMet);

    Expectation e = make(Kind::Received, QStringLiteral("worker"));
    e.count = 3;
    QTest::newRow("received") << e << met << QStringLiteral("3 received");
    e.redelivered = 1;
    e.acked = 2;
    QTest::newRow("received, redelivered, acked") << e << met << QStringLiteral("3 received, 1 redelivered, 2 acknowledged");
    e.acked = 3;
    QTest::newRow("acked differs") << e << notMet << QStringLiteral("3 received, 1 redelivered, 2 acknowledged");
    e = make(Kind::Received, QStringLiteral("worker"));
    e.count = 4;
    QTest::newRow("count differs") << e << notMet << QStringLiteral("3 received");
    e.client = QStringLiteral("nobody");
    QTest::newRow("not started") << e << notMet << QStringLiteral("nobody has not been started");
    e = make(Kind::Received, QStringLiteral("worker"));
    e.lastFrom = QStringList{QStringLiteral("b"), QStringLiteral("b")};
    QTest::newRow("last from, in order") << e << met << QStringLiteral("3 received, last: 2 from b");
    e.lastFrom = QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("b")};
    QTest::newRow("last from, all") << e << met << QStringLiteral("3 received, last: 1 from a, then 2 from b");
    e.lastFrom = QStringList{QStringLiteral("b"), QStringLiteral("a")};
    QTest::newRow("last from, out of order") << e << notMet << QStringLiteral("3 received, last: 2 from b");
    e.lastFrom = QStringList{QStringLiteral("x"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("b")};
    QTest::newRow("last from, more than received") << e << notMet << QStringLiteral("3 received, last: 1 from a, then 2 from b");

    e = make(Kind::Sent, QStringLiteral("sender"));
    e.count = 2;
    e.counter = Expectation::Counter::Returned;
    QTest::newRow("returned to the producer") << e << met << QStringLiteral("2 returned");
    e.counter = Expectation::Counter::Confirmed;
    QTest::newRow("confirmed differs") << e << notMet << QStringLiteral("4 confirmed");

    e = make(Kind::State, QStringLiteral("refused"));
    e.state = sim::ClientState::Failed;
    e.replyCode = 404;
    QTest::newRow("failed with 404") << e << met
                                     << QStringLiteral("failed: 404 NOT_FOUND - no queue 'hello' in vhost '/'");
    e.replyCode = 406;
    QTest::newRow("another reply code") << e << notMet
                                        << QStringLiteral("failed: 404 NOT_FOUND - no queue 'hello' in vhost '/'");
    e = make(Kind::State, QStringLiteral("worker"));
    e.state = sim::ClientState::Crashed;
    QTest::newRow("another state") << e << notMet << QStringLiteral("running");

    e = make(Kind::Queue);
    e.queue = QStringLiteral("hello");
    e.ready = 2;
    e.durable = true;
    QTest::newRow("queue depth") << e << met << QStringLiteral("2 ready, 1 unacknowledged, consumers: 1, durable");
    e.durable = false;
    QTest::newRow("durability differs") << e << notMet << QStringLiteral("2 ready, 1 unacknowledged, consumers: 1, durable");
    e = make(Kind::Queue);
    e.queue = QStringLiteral("hello");
    e.exists = false;
    QTest::newRow("exists after all") << e << notMet << QStringLiteral("the queue exists");
    e.queue = QStringLiteral("temp");
    QTest::newRow("absent") << e << met << QStringLiteral("no such queue");
    e.exists = true;
    QTest::newRow("missing") << e << notMet << QStringLiteral("no such queue");

    e = make(Kind::Routed);
    e.queue = QStringLiteral("hello");
    e.count = 7;
    QTest::newRow("routed by the default exchange") << e << met << QStringLiteral("7 routed");
    e.exchange = QStringLiteral("amq.direct");
    QTest::newRow("routed by another exchange") << e << notMet << QStringLiteral("0 routed");

    e = make(Kind::Connection, QStringLiteral("worker"));
    QTest::newRow("one connection") << e << met << QStringLiteral("connections: 1, channels: 3");
    e.channels = 3;
    QTest::newRow("one connection, its channels") << e << met << QStringLiteral("connections: 1, channels: 3");
    e.channels = 1;
    QTest::newRow("other channels") << e << notMet << QStringLiteral("connections: 1, channels: 3");
    e.client = QStringLiteral("twice");
    e.channels.reset();
    QTest::newRow("two connections of one name") << e << notMet << QStringLiteral("connections: 2, channels: 0");
    e.client = QStringLiteral("nobody");
    QTest::newRow("no connection") << e << notMet << QStringLiteral("connections: 0, channels: 0");

    for (const auto &[kind, count, text] : {std::tuple{Kind::Returned, 1, "1 returned"},
                                            std::tuple{Kind::Unroutable, 2, "2 dropped as unroutable"},
                                            std::tuple{Kind::DeadLettered, 3, "3 dead-lettered"},
                                            std::tuple{Kind::Expired, 4, "4 expired"}}) {
        e = make(kind);
        e.count = count;
        QTest::newRow(text) << e << met << QString::fromUtf8(text);
        e.vhost = QStringLiteral("other");
        QTest::newRow(qPrintable(QStringLiteral("%1 elsewhere").arg(QLatin1String(text)))) << e << notMet
                                                                                           << QStringLiteral("0") + QString::fromUtf8(text).mid(1);
    }
}

void ExpectationCheckTest::verdicts()
{
    QFETCH(Expectation, expectation);
    QFETCH(int, result);
    QFETCH(QString, observed);
    const BrokerSnapshot b = broker();
    const Verdict v = ExpectationCheck::check(expectation, &b, clients());
    QCOMPARE(v.observed, observed);
    QCOMPARE(int(v.result), result);
}

void ExpectationCheckTest::skippedWithoutBroker()
{
    Expectation queue = make(Kind::Queue);
    queue.queue = QStringLiteral("hello");
    QCOMPARE(ExpectationCheck::check(queue, nullptr, clients()).result, Result::Skipped);
    Expectation received = make(Kind::Received, QStringLiteral("worker"));
    received.count = 3;
    QCOMPARE(ExpectationCheck::check(received, nullptr, clients()).result, Result::Met);
}

void ExpectationCheckTest::describe()
{
    Expectation e = make(Kind::Received, QStringLiteral("worker"));
    e.count = 1;
    e.redelivered = 1;
    QCOMPARE(ExpectationCheck::describe(e), QStringLiteral("worker has received 1 (1 redelivered)"));
    e = make(Kind::State, QStringLiteral("receive.py"));
    e.state = sim::ClientState::Failed;
    e.replyCode = 404;
    QCOMPARE(ExpectationCheck::describe(e), QStringLiteral("receive.py is failed, with reply code 404"));
    e = make(Kind::Queue);
    e.queue = QStringLiteral("temp");
    e.exists = false;
    QCOMPARE(ExpectationCheck::describe(e), QStringLiteral("queue 'temp' does not exist"));
    e.vhost = QStringLiteral("shop");
    e.exists = true;
    e.consumers = 1;
    QCOMPARE(ExpectationCheck::describe(e), QStringLiteral("queue 'temp' in vhost 'shop': consumers: 1"));
    e = make(Kind::Routed);
    e.queue = QStringLiteral("hello");
    e.count = 2;
    QCOMPARE(ExpectationCheck::describe(e), QStringLiteral("the default exchange has routed 2 to queue 'hello'"));
    e = make(Kind::Connection, QStringLiteral("worker.py"));
    QCOMPARE(ExpectationCheck::describe(e), QStringLiteral("worker.py has one connection"));
    e.channels = 3;
    QCOMPARE(ExpectationCheck::describe(e), QStringLiteral("worker.py has one connection, with 3 channels"));
}

QTEST_APPLESS_MAIN(ExpectationCheckTest)
#include "tst_expectationcheck.moc"
