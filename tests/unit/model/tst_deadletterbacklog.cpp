// Unit tests of model::DeadLetterBacklog and of the virtual host delivering dead letters
// through it: without recursion, in RabbitMQ's order, time-boxed, and safe for the store.
//
// Concerns:
//  - the backlog alone: the copies of one death are all delivered before any death they
//    cause, and caused deaths come in the order they happened, each with what it causes;
//    a binary fan-out of depth 16 (131,070 copies) never has more than a few dozen waiting;
//    a turn stops when its budget is spent but never before kMinimumPerTurn copies, and a
//    later turn finishes the rest; isDelivering() only within a turn; forEach() lists what
//    is left
//  - through a VHost: a chain of 3,000 queues with a TTL of 0 run on a thread with a
//    256 KiB stack (recursion would overflow it) ends in the last queue with 2,999 x-death
//    entries, newest first; a death's copies reach all their queues before the deaths they
//    cause (RabbitMQ's order: an audit queue sees the direct copy first); messages that
//    expire together while a dead letter arrives are dead-lettered in their order
//  - a budget of 0: the publish delivers kMinimumPerTurn copies, says once per turn that
//    copies are left, and later turns finish the chain; a queue deleted while a copy waits
//    for it is skipped, and the cascade ends there
//  - the store: a persistent copy for a durable queue is written before its source's
//    removal is journalled, hop by hop; a copy waiting for a queue that is deleted has its
//    record released with the queue
//  - cycles: a ring of 50 queues with a TTL of 0 stops when the message would re-enter the
//    first queue (50 deaths, nothing left anywhere)

#include "model/DeadLetterBacklog.h"
#include "model/QueuePolicy.h"
#include "model/VHost.h"
#include "protocol/BasicProperties.h"

#include <QThread>
#include <QtTest/QTest>

using namespace warren::model;
using warren::amqp::BasicProperties;
using warren::amqp::FieldArray;
using warren::amqp::FieldTable;
using warren::amqp::FieldValue;
using Letter = DeadLetterBacklog::Letter;

namespace {

class ManualClock : public Clock {
public:
    qint64 nowMs() const override { return now; }
    qint64 now = 1000;
};

// Records what the queues and the virtual host ask of the store, in order.
class RecordingStorage : public QueueStorage {
public:
    void delivered(const Queue &, std::uint64_t) override {}
    void removed(const Queue &queue, std::uint64_t id) override { log.append("removed " + queue.name() + " " + n(id)); }
    void queueDeleted(const Queue &queue) override { log.append("deleted " + queue.name()); }
    void keep(Message &message, const QList<quint64> &queueIds) override
    {
        message.storeId = nextId++;
        QByteArrayList ids;
        for (quint64 id : queueIds)
            ids.append(n(id));
        log.append("keep " + n(message.storeId) + " for " + ids.join(','));
    }
    std::uint64_t pageOut(const Queue &, const Message &) override { return 0; }
    MessageRef pageIn(std::uint64_t) override { return {}; }

    static QByteArray n(std::uint64_t v) { return QByteArray::number(qulonglong(v)); }
    QByteArrayList log;
    std::uint64_t nextId = 100;
};

Letter letter(std::uint64_t label) { return Letter{label, MessageRef(new Message)}; }

std::vector<Letter> copies(std::initializer_list<std::uint64_t> labels)
{
    std::vector<Letter> out;
    for (std::uint64_t l : labels)
        out.push_back(letter(l));
    return out;
}

FieldTable deadLetterTo(const QByteArray &queue, std::optional<qint64> ttl)
{
    FieldTable args{{"x-dead-letter-exchange", FieldValue::string("")},
                    {"x-dead-letter-routing-key", FieldValue::string(queue)}};
    if (ttl)
        args.append("x-message-ttl", FieldValue::integer(*ttl));
    return args;
}

Queue *declare(VHost &vh, const QByteArray &name, const FieldTable &args, bool durable = false)
{
    const PolicyOrError parsed = parseQueuePolicy(args, durable, false, false, "queue '" + name + "'");
    Q_ASSERT(parsed.policy);
    QueueOptions options;
    options.durable = durable;
    options.arguments = args;
    options.policy = *parsed.policy;
    return vh.addQueue(name, options);
}

QByteArray name(const char *prefix, int i) { return prefix + QByteArray::number(i); }

// q0 … q{n-1}: each with a TTL of 0, dead-lettering to the next through the default
// exchange; the last one keeps what it gets.
std::vector<Queue *> declareChain(VHost &vh, int n, bool durable = false)
{
    std::vector<Queue *> chain;
    for (int i = 0; i < n; ++i) {
        const bool last = i == n - 1;
        chain.push_back(declare(vh, name("q", i), last ? FieldTable{} : deadLetterTo(name("q", i + 1), 0), durable));
    }
    return chain;
}

MessageRef makeMessage(const QByteArray &body, const QByteArray &key = "q0", bool persistent = false)
{
    MessageRef m(new Message);
    m->routingKey = key;
    m->body = body;
    if (persistent) {
        BasicProperties p;
        p.deliveryMode = 2;
        m->properties = p.encode();
        m->deliveryMode = 2;
    }
    return m;
}

// "queue:reason:count ..." of a message's x-death, newest first.
QByteArrayList deaths(const Message &m)
{
    QByteArrayList out;
    const std::optional<BasicProperties> p = BasicProperties::decode(m.properties);
    const FieldValue *d = p && p->headers ? p->headers->find("x-death") : nullptr;
    for (const FieldValue &e : d ? d->toArray() : FieldArray{}) {
        const FieldTable &t = e.toTable();
        out.append(t.find("queue")->toBytes() + ":" + t.find("reason")->toBytes() + ":"
                   + QByteArray::number(t.find("count")->toInteger()));
    }
    return out;
}

QByteArrayList drain(Queue &q)
{
    QByteArrayList out;
    while (std::optional<QueueEntry> e = q.fetch(true))
        out.append(e->message->body + "[" + deaths(*e->message).join(' ') + "]");
    return out;
}

qsizetype readyIn(const std::vector<Queue *> &queues)
{
    qsizetype n = 0;
    for (const Queue *q : queues)
        n += q->readyCount();
    return n;
}

} // namespace

class tst_DeadLetterBacklog : public QObject {
    Q_OBJECT

private slots:
    void copiesOfOneDeathGoFirst();
    void fanOutKeepsFewWaiting();
    void budgetLeavesTheRest();
    void minimumPerTurn();
    void forEachListsWhatIsLeft();
    void longChainOnSmallStack();
    void directCopyBeforeCausedDeath();
    void expiriesTogetherKeepTheirOrder();
    void laterTurnsFinishTheChain();
    void deletedQueueIsSkipped();
    void keptBeforeSourceLetsGo();
    void deletedQueueReleasesWaitingCopy();
    void ringStopsAtTheFirstQueue();
};

void tst_DeadLetterBacklog::copiesOfOneDeathGoFirst()
{
    ManualClock clock;
    DeadLetterBacklog backlog(clock);
    QList<std::uint64_t> order;
    backlog.add(copies({1, 2}));
    const bool done = backlog.deliver([&](const Letter &l) {
        order.append(l.queueId);
        QVERIFY(backlog.isDelivering());
        if (l.queueId == 1)
            backlog.add(copies({11, 12}));
        if (l.queueId == 11)
            backlog.add(copies({111}));
        if (l.queueId == 2)
            backlog.add(copies({21}));
    });
    QVERIFY(done);
    QVERIFY(!backlog.isDelivering());
    QVERIFY(backlog.isEmpty());
    QCOMPARE(order, (QList<std::uint64_t>{1, 2, 11, 12, 111, 21}));
}

void tst_DeadLetterBacklog::fanOutKeepsFewWaiting()
{
    constexpr std::uint64_t kDepth = 16;
    ManualClock clock;
    DeadLetterBacklog backlog(clock);
    qsizetype delivered = 0;
    qsizetype mostWaiting = 0;
    backlog.add(copies({1, 1}));   // queueId: the level
    QVERIFY(backlog.deliver([&](const Letter &l) {
        ++delivered;
        mostWaiting = qMax(mostWaiting, backlog.size());
        if (l.queueId < kDepth)
            backlog.add(copies({l.queueId + 1, l.queueId + 1}));
    }));
    QCOMPARE(delivered, (qsizetype(1) << (kDepth + 1)) - 2);
    QVERIFY2(mostWaiting <= qsizetype(4 * kDepth), QByteArray::number(mostWaiting).constData());
}

void tst_DeadLetterBacklog::budgetLeavesTheRest()
{
    ManualClock clock;
    DeadLetterBacklog backlog(clock);
    backlog.setBudgetMs(50);
    std::vector<Letter> hundred;
    for (std::uint64_t i = 0; i < 100; ++i)
        hundred.push_back(letter(i));
    backlog.add(std::move(hundred));
    QList<std::uint64_t> order;
    const auto deliver = [&](const Letter &l) {
        order.append(l.queueId);
        clock.now += 1;   // each copy takes a millisecond
    };
    QVERIFY(!backlog.deliver(deliver));
    QCOMPARE(order.size(), 50);
    QCOMPARE(backlog.size(), 50);
    QVERIFY(!backlog.isEmpty());
    QVERIFY(backlog.deliver(deliver));
    QCOMPARE(order.size(), 100);
    for (int i = 0; i < 100; ++i)
        QCOMPARE(order[i], std::uint64_t(i));
}

void tst_DeadLetterBacklog::minimumPerTurn()
{
    ManualClock clock;
    DeadLetterBacklog backlog(clock);
    backlog.setBudgetMs(0);
    std::vector<Letter> many;
    for (std::uint64_t i = 0; i < 40; ++i)
        many.push_back(letter(i));
    backlog.add(std::move(many));
    int delivered = 0;
    const auto slow = [&](const Letter &) {
        ++delivered;
        clock.now += 1000;
    };
    QVERIFY(!backlog.deliver(slow));
    QCOMPARE(delivered, int(DeadLetterBacklog::kMinimumPerTurn));
    QVERIFY(!backlog.deliver(slow));
    QCOMPARE(delivered, 2 * int(DeadLetterBacklog::kMinimumPerTurn));
    QVERIFY(backlog.deliver(slow));
    QCOMPARE(delivered, 40);
}

void tst_DeadLetterBacklog::forEachListsWhatIsLeft()
{
    ManualClock clock;
    DeadLetterBacklog backlog(clock);
    backlog.setBudgetMs(0);
    std::vector<Letter> first;
    for (std::uint64_t i = 0; i < 20; ++i)
        first.push_back(letter(i));
    backlog.add(std::move(first));
    QVERIFY(!backlog.deliver([&](const Letter &l) {
        if (l.queueId == 3)
            backlog.add(copies({300, 301}));
    }));
    QList<std::uint64_t> left;
    backlog.forEach([&](const Letter &l) { left.append(l.queueId); });
    QCOMPARE(left, (QList<std::uint64_t>{16, 17, 18, 19, 300, 301}));
    QCOMPARE(backlog.size(), 6);
}

void tst_DeadLetterBacklog::longChainOnSmallStack()
{
    constexpr int kQueues = 3000;
    ManualClock clock;
    VHost vh("/", clock);
    const std::vector<Queue *> chain = declareChain(vh, kQueues);
    // The broker's thread gets the stack RLIMIT_STACK allows; recursion through 3,000
    // queues needs megabytes of it.
    QThread *thread = QThread::create([&] { chain.front()->enqueue(makeMessage("m")); });
    thread->setStackSize(256 * 1024);
    thread->start();
    QVERIFY(thread->wait(60'000));
    delete thread;

    QVERIFY(!vh.hasDeadLettersWaiting());
    QCOMPARE(readyIn(chain), 1);
    std::optional<QueueEntry> last = chain.back()->fetch(true);
    QVERIFY(last);
    const QByteArrayList d = deaths(*last->message);
    QCOMPARE(d.size(), kQueues - 1);
    QCOMPARE(d.front(), name("q", kQueues - 2) + ":expired:1");
    QCOMPARE(d[1], name("q", kQueues - 3) + ":expired:1");
    QCOMPARE(d.back(), QByteArray("q0:expired:1"));
    QCOMPARE(vh.fates().expired, std::uint64_t(kQueues - 1));
}

// RabbitMQ 3.10: a and b dead-letter to each other with a TTL of 0, and to an audit queue
// through fanout exchanges. The audit queue gets the copy of a's death first, then the
// copy of b's; the copy back into a would be a cycle.
void tst_DeadLetterBacklog::directCopyBeforeCausedDeath()
{
    ManualClock clock;
    VHost vh("/", clock);
    Exchange *dlxA = vh.addExchange(Exchange::create("dlx.a", "fanout", ExchangeOptions{}));
    Exchange *dlxB = vh.addExchange(Exchange::create("dlx.b", "fanout", ExchangeOptions{}));
    Queue *audit = declare(vh, "audit", {});
    const auto ttl0To = [](const char *dlx) {
        return FieldTable{{"x-message-ttl", FieldValue::integer(0)}, {"x-dead-letter-exchange", FieldValue::string(dlx)}};
    };
    Queue *a = declare(vh, "a", ttl0To("dlx.a"));
    Queue *b = declare(vh, "b", ttl0To("dlx.b"));
    vh.bind(*dlxA, Binding{{b, nullptr}, "", {}});
    vh.bind(*dlxA, Binding{{audit, nullptr}, "", {}});
    vh.bind(*dlxB, Binding{{a, nullptr}, "", {}});
    vh.bind(*dlxB, Binding{{audit, nullptr}, "", {}});

    a->enqueue(makeMessage("m", "a"));
    QCOMPARE(drain(*audit), (QByteArrayList{"m[a:expired:1]", "m[b:expired:1 a:expired:1]"}));
    QCOMPARE(a->readyCount(), 0);
    QCOMPARE(b->readyCount(), 0);
}

// Messages that expire together while a dead letter arrives are dead-lettered in their
// order, not the other way round.
void tst_DeadLetterBacklog::expiriesTogetherKeepTheirOrder()
{
    ManualClock clock;
    VHost vh("/", clock);
    Queue *sink = declare(vh, "sink", {});
    Queue *waiting = declare(vh, "waiting", deadLetterTo("sink", 100));
    Queue *rejecting = declare(vh, "rejecting", deadLetterTo("waiting", std::nullopt));
    for (const char *body : {"m1", "m2", "m3"})
        waiting->enqueue(makeMessage(body, "waiting"));
    clock.now += 200;   // nobody looked at `waiting` since: the three are past their TTL

    rejecting->enqueue(makeMessage("r", "rejecting"));
    std::optional<QueueEntry> r = rejecting->fetch(false);
    QVERIFY(r);
    rejecting->reject(std::move(*r));   // its copy arrives in `waiting`, which expires the three
    QCOMPARE(drain(*sink), (QByteArrayList{"m1[waiting:expired:1]", "m2[waiting:expired:1]", "m3[waiting:expired:1]"}));
    QCOMPARE(waiting->readyCount(), 1);
}

void tst_DeadLetterBacklog::laterTurnsFinishTheChain()
{
    constexpr int kQueues = 100;
    ManualClock clock;
    VHost vh("/", clock);
    vh.setDeadLetterBudgetMs(0);
    int notified = 0;
    vh.setDeadLettersWaiting([&] { ++notified; });
    const std::vector<Queue *> chain = declareChain(vh, kQueues);

    chain.front()->enqueue(makeMessage("m"));
    QVERIFY(vh.hasDeadLettersWaiting());
    QCOMPARE(notified, 1);
    QCOMPARE(chain.back()->readyCount(), 0);
    int turns = 1;
    while (vh.hasDeadLettersWaiting()) {
        vh.deliverDeadLetters();
        ++turns;
    }
    // One copy for each queue after the first, kMinimumPerTurn of them per turn.
    const int expectedTurns = int((kQueues - 1 + DeadLetterBacklog::kMinimumPerTurn - 1) / DeadLetterBacklog::kMinimumPerTurn);
    QCOMPARE(turns, expectedTurns);
    QCOMPARE(notified, expectedTurns - 1);
    std::optional<QueueEntry> last = chain.back()->fetch(true);
    QVERIFY(last);
    QCOMPARE(deaths(*last->message).size(), kQueues - 1);
    QCOMPARE(readyIn(chain), 0);
}

void tst_DeadLetterBacklog::deletedQueueIsSkipped()
{
    ManualClock clock;
    VHost vh("/", clock);
    vh.setDeadLetterBudgetMs(0);
    const std::vector<Queue *> chain = declareChain(vh, 40);
    chain.front()->enqueue(makeMessage("m"));
    // The first turn took the message through q1 … q16; its copy waits for q17.
    const int next = int(DeadLetterBacklog::kMinimumPerTurn) + 1;
    QVERIFY(vh.hasDeadLettersWaiting());
    vh.removeQueue(chain[next]);
    vh.deliverDeadLetters();
    QVERIFY(!vh.hasDeadLettersWaiting());
    QCOMPARE(vh.fates().expired, std::uint64_t(next));
    for (int i = 0; i < 40; ++i) {
        if (i != next)
            QCOMPARE(chain[i]->readyCount(), 0);
    }
}

void tst_DeadLetterBacklog::keptBeforeSourceLetsGo()
{
    ManualClock clock;
    VHost vh("/", clock);
    RecordingStorage storage;
    vh.setStorage(&storage);
    const std::vector<Queue *> chain = declareChain(vh, 4, true);
    MessageRef published = makeMessage("m", "q0", true);
    published->storeId = 7;   // as the channel's publish stored it for q0
    chain.front()->enqueue(published);

    // Each queue's copy is written before the queue it died in lets go of the previous one.
    const QByteArrayList holders{"7", "100", "101", "102"};
    for (int hop = 0; hop < 3; ++hop) {
        const qsizetype kept = storage.log.indexOf("keep " + holders[hop + 1] + " for " + RecordingStorage::n(chain[hop + 1]->id()));
        const qsizetype removed = storage.log.indexOf("removed " + name("q", hop) + " " + holders[hop]);
        QVERIFY2(kept >= 0 && removed > kept, storage.log.join(", ").constData());
    }
    QCOMPARE(storage.log.size(), 6);   // nothing else: the last copy stays in q3
    std::optional<QueueEntry> last = chain.back()->fetch(true);
    QVERIFY(last);
    QCOMPARE(last->message->storeId, std::uint64_t(102));
}

void tst_DeadLetterBacklog::deletedQueueReleasesWaitingCopy()
{
    ManualClock clock;
    VHost vh("/", clock);
    RecordingStorage storage;
    vh.setStorage(&storage);
    vh.setDeadLetterBudgetMs(0);
    const std::vector<Queue *> chain = declareChain(vh, 40, true);
    chain.front()->enqueue(makeMessage("m", "q0", true));
    const int next = int(DeadLetterBacklog::kMinimumPerTurn) + 1;
    QVERIFY(vh.hasDeadLettersWaiting());
    // The copy waiting for q17 was written for it when q16 dead-lettered it.
    const QByteArray keptForNext = storage.log.value(storage.log.size() - 2);
    QVERIFY2(keptForNext.endsWith(" for " + RecordingStorage::n(chain[next]->id())), keptForNext.constData());
    const QByteArray copyId = keptForNext.split(' ').value(1);

    storage.log.clear();
    vh.removeQueue(chain[next]);
    QCOMPARE(storage.log, (QByteArrayList{"removed " + name("q", next) + " " + copyId, "deleted " + name("q", next)}));
}

void tst_DeadLetterBacklog::ringStopsAtTheFirstQueue()
{
    constexpr int kQueues = 50;
    ManualClock clock;
    VHost vh("/", clock);
    std::vector<Queue *> ring;
    for (int i = 0; i < kQueues; ++i)
        ring.push_back(declare(vh, name("r", i), deadLetterTo(name("r", (i + 1) % kQueues), 0)));
    ring.front()->enqueue(makeMessage("m", "r0"));
    QCOMPARE(readyIn(ring), 0);
    QVERIFY(!vh.hasDeadLettersWaiting());
    QCOMPARE(vh.fates().expired, std::uint64_t(kQueues));
    QCOMPARE(vh.fates().deadLettered, std::uint64_t(kQueues));
}

QTEST_GUILESS_MAIN(tst_DeadLetterBacklog)
#include "tst_deadletterbacklog.moc"
