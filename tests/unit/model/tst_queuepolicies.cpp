// Unit tests of the policies model::Queue applies: TTL, x-expires, length limits and
// overflow, dead-lettering, priorities, consumer priorities, single active consumer and
// quorum delivery limits. Time comes from a hand-moved clock; dead letters go to a sink
// that records them; consumers are fakes without sockets.
//
// Concerns:
//  - message TTL from the queue (x-message-ttl), from the message, both (the smaller wins);
//    a message lives its TTL (there at TTL-1 ms, gone at TTL+1: the clock counts whole
//    milliseconds, so the instant TTL itself is left to the implementation)
//  - expiry only at the head: a long-TTL message at the head shields a short-TTL one behind
//    it (expire() and fetch() alike) until it goes itself; then both go, in order
//  - TTL 0: delivered when a consumer can take it at once, dropped when nobody can (at
//    once, as RabbitMQ does; at the latest one millisecond later)
//  - expired messages are dead-lettered (reason Expired, same message) only when the policy
//    has a dead-letter exchange; requeued messages keep their deadline
//  - x-expires: isUnusedTooLong() after exactly that long without use; markUsed(), fetch()
//    and consumers count as use, a consumer holds the queue alive; no x-expires: never;
//    hasTimers()
//  - max-length / max-length-bytes with drop-head (oldest dropped, dead-lettered MaxLen),
//    reject-publish (Rejected, nothing dead-lettered, nothing counted), reject-publish-dlx
//    (Rejected and dead-lettered MaxLen); room again once messages leave; drop-head with a
//    limit of 0 (or below one body) still delivers to a consumer that can take at once
//  - reject() dead-letters with Rejected (only with a DLX) and settles the unacked count
//  - priorities: higher first, above x-max-priority counts as the maximum, equal ones FIFO,
//    requeue goes back into its level in order; no x-max-priority: plain FIFO
//  - consumer priorities: the highest that can take is served; lower ones only when it
//    cannot; round robin among equals; negative priorities
//  - single active consumer: only the first gets messages (even when it cannot take), the
//    next takes over with the waiting messages when it is removed and dispatch() runs
//    (removeConsumer() itself does not dispatch), the old one's returned messages first
//  - quorum: requeue counts deliveryCount up and joins the end of the queue; past
//    x-delivery-limit the message is dead-lettered DeliveryLimit, or dropped without a DLX;
//    classic queues do not count and put it back in place
//  - requeue into a full drop-head queue drops the head (the requeued message itself when
//    it goes back to the front)
//  - counters across all of the above

#include "model/Queue.h"

#include <QtTest/QTest>


using namespace warren::model;


namespace {

class ManualClock : public Clock {
public:
    qint64 nowMs() const override { return now += tickPerRead; }
    void advance(qint64 ms) { now += ms; }
    mutable qint64 now = 1000000;   // not 0: 0 means "no deadline" in a QueueEntry
    qint64 tickPerRead = 0;         // > 0: time passes between any two reads (a slow machine)
};

struct DeadLetter {
    QByteArray queue;
    MessageRef message;
    DeathReason reason;
};

class RecordingSink : public DeadLetterSink {
public:
    // Like the virtual host: only a queue with a dead-letter exchange has dead letters.
    void messageDied(Queue &from, const MessageRef &message, DeathReason reason) override
    {
        if (from.policy().deadLetterExchange)
            letters.push_back({from.name(), message, reason});
    }
    void messageRefused(Queue &from, const MessageRef &message) override
    {
        if (from.policy().overflow == Overflow::RejectPublishDlx)
            messageDied(from, message, DeathReason::MaxLen);
    }
    // "1:expired 2:maxlen": body and reason of each dead letter so far.
    QByteArray text() const
    {
        QByteArrayList out;
        for (const DeadLetter &d : letters)
            out.append(d.message->body + ":" + reasonName(d.reason));
        return out.join(' ');
    }
    static const char *reasonName(DeathReason r)
    {
        switch (r) {
        case DeathReason::Rejected: return "rejected";
        case DeathReason::Expired: return "expired";
        case DeathReason::MaxLen: return "maxlen";
        case DeathReason::DeliveryLimit: return "delivery_limit";
        }
        return "?";
    }
    std::vector<DeadLetter> letters;
};

class FakeConsumer : public Consumer {
public:
    explicit FakeConsumer(QByteArray tag, int priority = 0) : tag_(std::move(tag)), priority_(priority) {}
    const QByteArray &tag() const override { return tag_; }
    bool noAck() const override { return false; }
    bool exclusive() const override { return false; }
    int priority() const override { return priority_; }
    bool canTakeMessage() const override { return canTake && (limit < 0 || qsizetype(received.size()) < limit); }
    void deliver(Queue &, QueueEntry &&entry) override
    {
        received.push_back(entry);
        if (log)
            log->append(tag_ + entry.message->body);
    }
    void queueDeleted(Queue &) override {}

    QByteArray bodies() const
    {
        QByteArrayList out;
        for (const QueueEntry &e : received)
            out.append(e.message->body);
        return out.join(' ');
    }

    QByteArray tag_;
    int priority_;
    bool canTake = true;
    qsizetype limit = -1;
    std::vector<QueueEntry> received;
    QByteArrayList *log = nullptr;
};

MessageRef makeMessage(const QByteArray &body, int priority = 0)
{
    MessageRef m(new Message);
    m->exchange = "ex";
    m->routingKey = "rk";
    m->body = body;
    m->priority = std::uint8_t(priority);
    return m;
}

QueueOptions withPolicy(const QueuePolicy &policy)
{
    QueueOptions o;
    o.policy = policy;
    return o;
}

QueuePolicy dlxPolicy()
{
    QueuePolicy p;
    p.deadLetterExchange = QByteArray("dlx");
    return p;
}

// Fetches everything ready (no ack): "a b c".
QByteArray drain(Queue &q)
{
    QByteArrayList out;
    while (std::optional<QueueEntry> e = q.fetch(true))
        out.append(e->message->body);
    return out.join(' ');
}

void enqueueNumbered(Queue &q, int from, int to)
{
    for (int i = from; i <= to; ++i)
        q.enqueue(makeMessage(QByteArray::number(i)));
}

} // namespace

class tst_QueuePolicies : public QObject {
    Q_OBJECT

private slots:
    void messageTtl_data();
    void messageTtl();
    void expiryOnlyAtHead();
    void expiryOnlyAtHeadWithFetch();
    void ttlZero_data();
    void ttlZero();
    void expiredDeadLetteredOnlyWithDlx_data();
    void expiredDeadLetteredOnlyWithDlx();
    void requeueKeepsDeadline();
    void queueExpires();
    void queueExpiresHeldByConsumer();
    void noQueueExpires();
    void hasTimers();
    void maxLength_data();
    void maxLength();
    void dropHeadDeliversToWaitingConsumer_data();
    void dropHeadDeliversToWaitingConsumer();
    void rejectPublishDoesNotDeadLetter();
    void rejectPublishDlx();
    void rejectPublishRoomAgain();
    void rejectDeadLetters_data();
    void rejectDeadLetters();
    void priorities_data();
    void priorities();
    void priorityRequeue();
    void consumerPriorities();
    void consumerPrioritiesRoundRobinAmongEquals();
    void negativeConsumerPriority();
    void singleActiveConsumer();
    void singleActiveConsumerRemovingOthers();
    void singleActiveConsumerSuccessorGetsReturnedFirst();
    void quorumDeliveryLimit_data();
    void quorumDeliveryLimit();
    void quorumRequeueJoinsTheEnd();
    void requeueIntoFullQueue_data();
    void requeueIntoFullQueue();
    void classicDoesNotCountDeliveries();
    void counters();
};

void tst_QueuePolicies::messageTtl_data()
{
    QTest::addColumn<qint64>("queueTtl");     // -1: none
    QTest::addColumn<qint64>("messageTtl");   // -1: none
    QTest::addColumn<qint64>("lives");        // ms until it expires; -1: never

    QTest::newRow("queue only") << qint64(100) << qint64(-1) << qint64(100);
    QTest::newRow("message only") << qint64(-1) << qint64(50) << qint64(50);
    QTest::newRow("message shorter") << qint64(100) << qint64(30) << qint64(30);
    QTest::newRow("queue shorter") << qint64(40) << qint64(500) << qint64(40);
    QTest::newRow("equal") << qint64(70) << qint64(70) << qint64(70);
    QTest::newRow("1 ms") << qint64(-1) << qint64(1) << qint64(1);
    QTest::newRow("none") << qint64(-1) << qint64(-1) << qint64(-1);
}

void tst_QueuePolicies::messageTtl()
{
    QFETCH(qint64, queueTtl);
    QFETCH(qint64, messageTtl);
    QFETCH(qint64, lives);

    ManualClock clock;
    RecordingSink sink;
    QueuePolicy policy = dlxPolicy();
    if (queueTtl >= 0)
        policy.messageTtl = queueTtl;
    Queue q(1, "q", withPolicy(policy), clock, &sink);
    q.enqueue(makeMessage("m"), messageTtl >= 0 ? std::optional<qint64>(messageTtl) : std::nullopt);
    QCOMPARE(q.readyCount(), 1);

    if (lives < 0) {
        clock.advance(10LL * 365 * 24 * 3600 * 1000);
        q.expire();
        QCOMPARE(q.readyCount(), 1);
        QVERIFY(sink.letters.empty());
        return;
    }
    clock.advance(lives - 1);
    q.expire();
    QCOMPARE(q.readyCount(), 1);
    QVERIFY(sink.letters.empty());
    clock.advance(2);
    q.expire();
    QCOMPARE(q.readyCount(), 0);
    QCOMPARE(q.readyBytes(), qint64(0));
    QCOMPARE(sink.text(), QByteArray("m:expired"));
    QCOMPARE(sink.letters[0].queue, QByteArray("q"));
}

void tst_QueuePolicies::expiryOnlyAtHead()
{
    ManualClock clock;
    RecordingSink sink;
    Queue q(1, "q", withPolicy(dlxPolicy()), clock, &sink);
    q.enqueue(makeMessage("long"), 1000);
    q.enqueue(makeMessage("short"), 10);
    q.enqueue(makeMessage("forever"));

    clock.advance(20);
    q.expire();
    QCOMPARE(q.readyCount(), 3);   // "short" is overdue but not at the head
    QVERIFY(sink.letters.empty());

    clock.advance(981);   // "long" is past due: it goes, and "short" behind it with it
    q.expire();
    QCOMPARE(sink.text(), QByteArray("long:expired short:expired"));
    QCOMPARE(q.readyCount(), 1);
    QCOMPARE(drain(q), QByteArray("forever"));
}

void tst_QueuePolicies::expiryOnlyAtHeadWithFetch()
{
    ManualClock clock;
    RecordingSink sink;
    Queue q(1, "q", withPolicy(dlxPolicy()), clock, &sink);
    q.enqueue(makeMessage("long"), 1000);
    q.enqueue(makeMessage("short"), 10);
    q.enqueue(makeMessage("last"), 5000);

    clock.advance(20);
    std::optional<QueueEntry> first = q.fetch(true);
    QVERIFY(first);
    QCOMPARE(first->message->body, QByteArray("long"));
    // Now "short" is the head, and overdue: the next fetch drops it and gets "last".
    std::optional<QueueEntry> second = q.fetch(true);
    QVERIFY(second);
    QCOMPARE(second->message->body, QByteArray("last"));
    QCOMPARE(sink.text(), QByteArray("short:expired"));
    QCOMPARE(q.counters().delivered, std::uint64_t(2));
}

void tst_QueuePolicies::ttlZero_data()
{
    QTest::addColumn<bool>("queueTtl");   // x-message-ttl 0, else expiration "0"
    QTest::addColumn<int>("consumer");    // 0: none, 1: can take, 2: cannot take
    QTest::addColumn<bool>("delivered");
    QTest::addColumn<qint64>("tickPerRead");

    for (qint64 tick : {0, 1}) {
        const char *clock = tick ? ", clock moving" : "";
        QTest::addRow("queue ttl, consumer takes%s", clock) << true << 1 << true << tick;
        QTest::addRow("message ttl, consumer takes%s", clock) << false << 1 << true << tick;
        QTest::addRow("queue ttl, no consumer%s", clock) << true << 0 << false << tick;
        QTest::addRow("message ttl, no consumer%s", clock) << false << 0 << false << tick;
        QTest::addRow("queue ttl, consumer full%s", clock) << true << 2 << false << tick;
        QTest::addRow("message ttl, consumer full%s", clock) << false << 2 << false << tick;
    }
}

void tst_QueuePolicies::ttlZero()
{
    QFETCH(bool, queueTtl);
    QFETCH(int, consumer);
    QFETCH(bool, delivered);
    QFETCH(qint64, tickPerRead);

    ManualClock clock;
    clock.tickPerRead = tickPerRead;
    RecordingSink sink;
    QueuePolicy policy = dlxPolicy();
    if (queueTtl)
        policy.messageTtl = 0;
    Queue q(1, "q", withPolicy(policy), clock, &sink);
    FakeConsumer c("C");
    c.canTake = consumer == 1;
    if (consumer != 0)
        q.addConsumer(&c);

    q.enqueue(makeMessage("m"), queueTtl ? std::nullopt : std::optional<qint64>(0));
    if (delivered) {
        QCOMPARE(c.bodies(), QByteArray("m"));
        QCOMPARE(q.readyCount(), 0);
        QVERIFY(sink.letters.empty());
        return;
    }
    QCOMPARE(c.bodies(), QByteArray());
    // RabbitMQ: "deliver now or drop"; a basic.get right after the publish finds nothing.
    QCOMPARE(q.readyCount(), 0);
    clock.advance(1);
    q.expire();
    QCOMPARE(q.readyCount(), 0);
    QCOMPARE(sink.text(), QByteArray("m:expired"));
    c.canTake = true;
    q.dispatch();
    QCOMPARE(c.bodies(), QByteArray());
}

void tst_QueuePolicies::expiredDeadLetteredOnlyWithDlx_data()
{
    QTest::addColumn<bool>("withDlx");
    QTest::addColumn<bool>("withSink");
    QTest::newRow("dlx and sink") << true << true;
    QTest::newRow("no dlx") << false << true;
    QTest::newRow("dlx, no sink") << true << false;
}

void tst_QueuePolicies::expiredDeadLetteredOnlyWithDlx()
{
    QFETCH(bool, withDlx);
    QFETCH(bool, withSink);

    ManualClock clock;
    RecordingSink sink;
    QueuePolicy policy = withDlx ? dlxPolicy() : QueuePolicy{};
    policy.messageTtl = 100;
    Queue q(1, "q", withPolicy(policy), clock, withSink ? &sink : nullptr);
    const MessageRef a = makeMessage("a");
    q.enqueue(a);
    q.enqueue(makeMessage("b"));
    clock.advance(101);
    q.expire();
    QCOMPARE(q.readyCount(), 0);
    if (withDlx && withSink) {
        QCOMPARE(sink.text(), QByteArray("a:expired b:expired"));
        QCOMPARE(sink.letters[0].message.data(), a.data());   // the message itself, not a copy
    } else {
        QVERIFY(sink.letters.empty());
    }
}

void tst_QueuePolicies::requeueKeepsDeadline()
{
    ManualClock clock;
    RecordingSink sink;
    QueuePolicy policy = dlxPolicy();
    policy.messageTtl = 100;
    Queue q(1, "q", withPolicy(policy), clock, &sink);
    q.enqueue(makeMessage("a"));
    std::optional<QueueEntry> e = q.fetch(false);
    QVERIFY(e);
    clock.advance(60);
    q.requeue(std::move(*e));
    QCOMPARE(q.readyCount(), 1);
    clock.advance(39);
    q.expire();
    QCOMPARE(q.readyCount(), 1);
    clock.advance(2);   // 100 ms after it was published (and 1), not after it came back
    q.expire();
    QCOMPARE(q.readyCount(), 0);
    QCOMPARE(sink.text(), QByteArray("a:expired"));
}

void tst_QueuePolicies::queueExpires()
{
    ManualClock clock;
    QueuePolicy policy;
    policy.expires = 1000;
    Queue q(1, "q", withPolicy(policy), clock);
    QVERIFY(!q.isUnusedTooLong());
    clock.advance(999);
    QVERIFY(!q.isUnusedTooLong());
    clock.advance(1);
    QVERIFY(q.isUnusedTooLong());

    q.markUsed();   // queue.declare
    QVERIFY(!q.isUnusedTooLong());
    clock.advance(999);
    QVERIFY(!q.isUnusedTooLong());

    QVERIFY(!q.fetch(true));   // basic.get, even an empty one, is use
    clock.advance(999);
    QVERIFY(!q.isUnusedTooLong());
    clock.advance(1);
    QVERIFY(q.isUnusedTooLong());

    // Messages waiting do not count as use.
    q.markUsed();
    enqueueNumbered(q, 1, 3);
    clock.advance(1000);
    QVERIFY(q.isUnusedTooLong());
    QCOMPARE(q.readyCount(), 3);
}

void tst_QueuePolicies::queueExpiresHeldByConsumer()
{
    ManualClock clock;
    QueuePolicy policy;
    policy.expires = 500;
    Queue q(1, "q", withPolicy(policy), clock);
    FakeConsumer a("A"), b("B");
    clock.advance(400);
    q.addConsumer(&a);
    clock.advance(100000);
    QVERIFY(!q.isUnusedTooLong());   // a consumer keeps it in use
    q.addConsumer(&b);
    q.removeConsumer(&a);
    clock.advance(100000);
    QVERIFY(!q.isUnusedTooLong());
    q.removeConsumer(&b);            // the clock starts when the last one leaves
    QVERIFY(!q.isUnusedTooLong());
    clock.advance(499);
    QVERIFY(!q.isUnusedTooLong());
    clock.advance(1);
    QVERIFY(q.isUnusedTooLong());
}

void tst_QueuePolicies::noQueueExpires()
{
    ManualClock clock;
    Queue q(1, "q", {}, clock);
    clock.advance(10LL * 365 * 24 * 3600 * 1000);
    QVERIFY(!q.isUnusedTooLong());
}

void tst_QueuePolicies::hasTimers()
{
    ManualClock clock;
    Queue plain(1, "plain", {}, clock);
    QVERIFY(!plain.hasTimers());
    plain.enqueue(makeMessage("a"));
    QVERIFY(!plain.hasTimers());
    plain.enqueue(makeMessage("b"), 100);   // a message with its own TTL
    QVERIFY(plain.hasTimers());
    QCOMPARE(drain(plain), QByteArray("a b"));
    QVERIFY(!plain.hasTimers());            // nothing left to expire

    QueuePolicy ttl;
    ttl.messageTtl = 100;
    Queue withTtl(2, "ttl", withPolicy(ttl), clock);
    QVERIFY(!withTtl.hasTimers());
    withTtl.enqueue(makeMessage("a"));
    QVERIFY(withTtl.hasTimers());

    QueuePolicy expires;
    expires.expires = 100;
    Queue withExpires(3, "expires", withPolicy(expires), clock);
    QVERIFY(withExpires.hasTimers());
}

void tst_QueuePolicies::maxLength_data()
{
    QTest::addColumn<qint64>("maxLength");   // -1: none
    QTest::addColumn<qint64>("maxBytes");    // -1: none
    QTest::addColumn<QByteArrayList>("bodies");
    QTest::addColumn<QByteArray>("ready");
    QTest::addColumn<QByteArray>("dropped");

    const QByteArrayList five{"1", "2", "3", "4", "5"};
    QTest::newRow("length 2") << qint64(2) << qint64(-1) << five << QByteArray("4 5") << QByteArray("1 2 3");
    QTest::newRow("length 5, exactly full") << qint64(5) << qint64(-1) << five << QByteArray("1 2 3 4 5")
                                            << QByteArray();
    QTest::newRow("length 1") << qint64(1) << qint64(-1) << five << QByteArray("5") << QByteArray("1 2 3 4");
    QTest::newRow("length 0") << qint64(0) << qint64(-1) << five << QByteArray() << QByteArray("1 2 3 4 5");
    QTest::newRow("bytes 10") << qint64(-1) << qint64(10) << QByteArrayList{"aaaa", "bbbb", "cc", "dddd"}
                              << QByteArray("bbbb cc dddd") << QByteArray("aaaa");
    QTest::newRow("bytes exactly") << qint64(-1) << qint64(10) << QByteArrayList{"aaaa", "bbbb", "cc"}
                                   << QByteArray("aaaa bbbb cc") << QByteArray();
    QTest::newRow("bytes: one too big") << qint64(-1) << qint64(3) << QByteArrayList{"a", "bbbb", "c"}
                                        << QByteArray("c") << QByteArray("a bbbb");
    QTest::newRow("bytes 0: empty bodies fit") << qint64(-1) << qint64(0) << QByteArrayList{"", ""}
                                               << QByteArray(" ") << QByteArray();
    QTest::newRow("both: length bites") << qint64(2) << qint64(100) << QByteArrayList{"a", "b", "c"}
                                        << QByteArray("b c") << QByteArray("a");
    QTest::newRow("both: bytes bite") << qint64(10) << qint64(3) << QByteArrayList{"aa", "bb", "c"}
                                      << QByteArray("bb c") << QByteArray("aa");
}

void tst_QueuePolicies::maxLength()
{
    QFETCH(qint64, maxLength);
    QFETCH(qint64, maxBytes);
    QFETCH(QByteArrayList, bodies);
    QFETCH(QByteArray, ready);
    QFETCH(QByteArray, dropped);

    for (bool withDlx : {true, false}) {
        ManualClock clock;
        RecordingSink sink;
        QueuePolicy policy = withDlx ? dlxPolicy() : QueuePolicy{};
        if (maxLength >= 0)
            policy.maxLength = maxLength;
        if (maxBytes >= 0)
            policy.maxLengthBytes = maxBytes;
        Queue q(1, "q", withPolicy(policy), clock, &sink);
        for (const QByteArray &b : bodies)
            QCOMPARE(q.enqueue(makeMessage(b)), Queue::EnqueueResult::Enqueued);
        QCOMPARE(q.counters().published, std::uint64_t(bodies.size()));

        QByteArrayList dead;
        for (const DeadLetter &d : sink.letters) {
            QCOMPARE(d.reason, DeathReason::MaxLen);
            dead.append(d.message->body);
        }
        QCOMPARE(dead.join(' '), withDlx ? dropped : QByteArray());
        if (maxLength >= 0)
            QVERIFY(q.readyCount() <= maxLength);
        if (maxBytes >= 0)
            QVERIFY(q.readyBytes() <= maxBytes);
        QCOMPARE(drain(q), ready);
    }
}

void tst_QueuePolicies::dropHeadDeliversToWaitingConsumer_data()
{
    QTest::addColumn<qint64>("maxLength");   // -1: none
    QTest::addColumn<qint64>("maxBytes");    // -1: none

    QTest::newRow("x-max-length 0") << qint64(0) << qint64(-1);
    QTest::newRow("x-max-length-bytes 0") << qint64(-1) << qint64(0);
    QTest::newRow("x-max-length-bytes below the body") << qint64(-1) << qint64(2);
}

// RabbitMQ's deliver_or_enqueue tries a waiting consumer first and only then enqueues and
// drops the head; x-max-length 0 is the "deliver to online consumers only" pattern.
void tst_QueuePolicies::dropHeadDeliversToWaitingConsumer()
{
    QFETCH(qint64, maxLength);
    QFETCH(qint64, maxBytes);

    ManualClock clock;
    RecordingSink sink;
    QueuePolicy policy = dlxPolicy();
    if (maxLength >= 0)
        policy.maxLength = maxLength;
    if (maxBytes >= 0)
        policy.maxLengthBytes = maxBytes;
    Queue q(1, "q", withPolicy(policy), clock, &sink);
    FakeConsumer c("C");
    c.limit = 2;
    q.addConsumer(&c);
    QCOMPARE(q.enqueue(makeMessage("one")), Queue::EnqueueResult::Enqueued);
    QCOMPARE(q.enqueue(makeMessage("two")), Queue::EnqueueResult::Enqueued);
    QCOMPARE(q.enqueue(makeMessage("three")), Queue::EnqueueResult::Enqueued);   // the consumer is full
    QCOMPARE(q.readyCount(), 0);
    QCOMPARE(c.bodies(), QByteArray("one two"));
    QCOMPARE(sink.text(), QByteArray("three:maxlen"));
}

void tst_QueuePolicies::rejectPublishDoesNotDeadLetter()
{
    ManualClock clock;
    RecordingSink sink;
    QueuePolicy policy = dlxPolicy();
    policy.maxLength = 2;
    policy.overflow = Overflow::RejectPublish;
    Queue q(1, "q", withPolicy(policy), clock, &sink);
    QCOMPARE(q.enqueue(makeMessage("1")), Queue::EnqueueResult::Enqueued);
    QCOMPARE(q.enqueue(makeMessage("2")), Queue::EnqueueResult::Enqueued);
    QCOMPARE(q.enqueue(makeMessage("3")), Queue::EnqueueResult::Rejected);
    QCOMPARE(q.enqueue(makeMessage("4")), Queue::EnqueueResult::Rejected);
    QVERIFY(sink.letters.empty());
    QCOMPARE(q.counters().published, std::uint64_t(2));
    QCOMPARE(drain(q), QByteArray("1 2"));

    // By bytes: a message that alone exceeds the limit never gets in.
    QueuePolicy bytes;
    bytes.maxLengthBytes = 4;
    bytes.overflow = Overflow::RejectPublish;
    Queue b(2, "b", withPolicy(bytes), clock, &sink);
    QCOMPARE(b.enqueue(makeMessage("12345")), Queue::EnqueueResult::Rejected);
    QCOMPARE(b.enqueue(makeMessage("123")), Queue::EnqueueResult::Enqueued);
    QCOMPARE(b.enqueue(makeMessage("12")), Queue::EnqueueResult::Rejected);
    QCOMPARE(b.enqueue(makeMessage("1")), Queue::EnqueueResult::Enqueued);
    QCOMPARE(b.enqueue(makeMessage("")), Queue::EnqueueResult::Enqueued);   // 0 more bytes still fit
    QCOMPARE(b.readyBytes(), qint64(4));
    QVERIFY(sink.letters.empty());
}

void tst_QueuePolicies::rejectPublishDlx()
{
    for (bool withDlx : {true, false}) {
        ManualClock clock;
        RecordingSink sink;
        QueuePolicy policy = withDlx ? dlxPolicy() : QueuePolicy{};
        policy.maxLength = 1;
        policy.overflow = Overflow::RejectPublishDlx;
        Queue q(1, "q", withPolicy(policy), clock, &sink);
        QCOMPARE(q.enqueue(makeMessage("1")), Queue::EnqueueResult::Enqueued);
        const MessageRef two = makeMessage("2");
        QCOMPARE(q.enqueue(two), Queue::EnqueueResult::Rejected);
        QCOMPARE(q.enqueue(makeMessage("3")), Queue::EnqueueResult::Rejected);
        QCOMPARE(q.readyCount(), 1);
        if (withDlx) {
            // The rejected newcomers are dead-lettered, not the head.
            QCOMPARE(sink.text(), QByteArray("2:maxlen 3:maxlen"));
            QCOMPARE(sink.letters[0].message.data(), two.data());
        } else {
            QVERIFY(sink.letters.empty());
        }
        QCOMPARE(drain(q), QByteArray("1"));
    }
}

void tst_QueuePolicies::rejectPublishRoomAgain()
{
    ManualClock clock;
    QueuePolicy policy;
    policy.maxLength = 2;
    policy.overflow = Overflow::RejectPublish;
    Queue q(1, "q", withPolicy(policy), clock);
    FakeConsumer c("C");
    c.limit = 1;
    q.addConsumer(&c);
    // Delivered messages do not count against the limit: only ready ones do.
    QCOMPARE(q.enqueue(makeMessage("1")), Queue::EnqueueResult::Enqueued);
    QCOMPARE(q.enqueue(makeMessage("2")), Queue::EnqueueResult::Enqueued);
    QCOMPARE(q.enqueue(makeMessage("3")), Queue::EnqueueResult::Enqueued);
    QCOMPARE(q.enqueue(makeMessage("4")), Queue::EnqueueResult::Rejected);
    QCOMPARE(q.readyCount(), 2);
    QCOMPARE(q.unackedCount(), 1);
    QVERIFY(q.fetch(true));
    QCOMPARE(q.enqueue(makeMessage("5")), Queue::EnqueueResult::Enqueued);
    QCOMPARE(drain(q), QByteArray("3 5"));
}

void tst_QueuePolicies::rejectDeadLetters_data()
{
    QTest::addColumn<bool>("withDlx");
    QTest::newRow("with dlx") << true;
    QTest::newRow("without dlx") << false;
}

void tst_QueuePolicies::rejectDeadLetters()
{
    QFETCH(bool, withDlx);
    ManualClock clock;
    RecordingSink sink;
    Queue q(1, "q", withPolicy(withDlx ? dlxPolicy() : QueuePolicy{}), clock, &sink);
    FakeConsumer c("C");
    q.addConsumer(&c);
    enqueueNumbered(q, 1, 3);
    QCOMPARE(q.unackedCount(), 3);

    q.reject(QueueEntry(c.received[1]));
    QCOMPARE(q.unackedCount(), 2);
    QCOMPARE(q.readyCount(), 0);
    QCOMPARE(sink.text(), withDlx ? QByteArray("2:rejected") : QByteArray());
    if (withDlx)
        QCOMPARE(sink.letters[0].message.data(), c.received[1].message.data());
    q.settle(c.received[0]);
    q.reject(QueueEntry(c.received[2]));
    QCOMPARE(q.unackedCount(), 0);
    QCOMPARE(q.counters().acked, std::uint64_t(1));   // a rejection is no ack
    QCOMPARE(sink.text(), withDlx ? QByteArray("2:rejected 3:rejected") : QByteArray());
}

void tst_QueuePolicies::priorities_data()
{
    QTest::addColumn<int>("maxPriority");
    QTest::addColumn<QList<int>>("priorities");   // of messages "a", "b", "c", ...
    QTest::addColumn<QByteArray>("expected");     // fetch order

    QTest::newRow("higher first") << 10 << QList<int>{1, 5, 3, 10, 0} << QByteArray("d b c a e");
    QTest::newRow("equal FIFO") << 5 << QList<int>{2, 2, 4, 2, 4} << QByteArray("c e a b d");
    QTest::newRow("above max is max") << 3 << QList<int>{3, 9, 255, 1, 3} << QByteArray("a b c e d");
    QTest::newRow("max 1") << 1 << QList<int>{0, 1, 0, 7} << QByteArray("b d a c");
    QTest::newRow("max 255") << 255 << QList<int>{254, 255, 0, 128} << QByteArray("b a d c");
    QTest::newRow("no x-max-priority: FIFO") << 0 << QList<int>{1, 5, 3, 10, 0} << QByteArray("a b c d e");
    QTest::newRow("all zero") << 5 << QList<int>{0, 0, 0} << QByteArray("a b c");
}

void tst_QueuePolicies::priorities()
{
    QFETCH(int, maxPriority);
    QFETCH(QList<int>, priorities);
    QFETCH(QByteArray, expected);

    QueuePolicy policy;
    policy.maxPriority = maxPriority;
    Queue q(1, "q", withPolicy(policy));
    qint64 bytes = 0;
    for (int i = 0; i < priorities.size(); ++i) {
        q.enqueue(makeMessage(QByteArray(1, char('a' + i)), priorities[i]));
        bytes += 1;
    }
    QCOMPARE(q.readyCount(), qsizetype(priorities.size()));
    QCOMPARE(q.readyBytes(), bytes);
    QCOMPARE(drain(q), expected);

    // The same order through a consumer.
    Queue q2(2, "q2", withPolicy(policy));
    for (int i = 0; i < priorities.size(); ++i)
        q2.enqueue(makeMessage(QByteArray(1, char('a' + i)), priorities[i]));
    FakeConsumer c("C");
    q2.addConsumer(&c);
    QCOMPARE(c.bodies().replace(' ', ""), QByteArray(expected).replace(' ', ""));
}

void tst_QueuePolicies::priorityRequeue()
{
    QueuePolicy policy;
    policy.maxPriority = 5;
    Queue q(1, "q", withPolicy(policy));
    // a5 b5 c1 d1 e5 f0: delivery order a b e c d f
    const QList<int> prio{5, 5, 1, 1, 5, 0};
    for (int i = 0; i < prio.size(); ++i)
        q.enqueue(makeMessage(QByteArray(1, char('a' + i)), prio[i]));
    std::vector<QueueEntry> out;
    for (int i = 0; i < 4; ++i)
        out.push_back(*q.fetch(false));   // a b e c
    QCOMPARE(out[3].message->body, QByteArray("c"));
    // Returned in scrambled order, each goes back into its own level at its place.
    q.requeue(std::move(out[3]));   // c
    q.requeue(std::move(out[1]));   // b
    q.requeue(std::move(out[2]));   // e
    QCOMPARE(q.readyCount(), 5);
    QCOMPARE(q.unackedCount(), 1);
    QByteArrayList order;
    while (std::optional<QueueEntry> e = q.fetch(true))
        order.append(e->message->body + (e->redelivered ? "r" : ""));
    QCOMPARE(order.join(' '), QByteArray("br er cr d f"));

    // A higher-priority message published later still overtakes requeued lower ones.
    q.enqueue(makeMessage("x", 1));
    q.enqueue(makeMessage("y", 1));
    std::optional<QueueEntry> x = q.fetch(false);
    q.enqueue(makeMessage("z", 4));
    q.requeue(std::move(*x));
    QCOMPARE(drain(q), QByteArray("z x y"));
}

void tst_QueuePolicies::consumerPriorities()
{
    QByteArrayList log;
    Queue q(1, "q", {});
    FakeConsumer low1("L", 0), high("H", 10), low2("M", 0);
    for (FakeConsumer *c : {&low1, &high, &low2}) {
        c->log = &log;
        q.addConsumer(c);
    }
    high.limit = 2;
    enqueueNumbered(q, 1, 6);
    QCOMPARE(log.join(' '), QByteArray("H1 H2 M3 L4 M5 L6"));

    // As soon as the high one can take again, it is preferred.
    high.limit = 4;
    enqueueNumbered(q, 7, 9);
    QCOMPARE(log.join(' '), QByteArray("H1 H2 M3 L4 M5 L6 H7 H8 M9"));

    // Waiting messages go to the high one when dispatch() says it can take again.
    low1.canTake = low2.canTake = false;
    enqueueNumbered(q, 10, 11);
    QCOMPARE(q.readyCount(), 2);
    high.limit = -1;
    q.dispatch();
    QCOMPARE(log.join(' '), QByteArray("H1 H2 M3 L4 M5 L6 H7 H8 M9 H10 H11"));

    // The high one leaves: round robin among the rest.
    low1.canTake = low2.canTake = true;
    q.removeConsumer(&high);
    enqueueNumbered(q, 12, 14);
    QCOMPARE(log.mid(11).join(' '), QByteArray("M12 L13 M14"));
}

void tst_QueuePolicies::consumerPrioritiesRoundRobinAmongEquals()
{
    QByteArrayList log;
    Queue q(1, "q", {});
    FakeConsumer a("A", 5), b("B", 1), c("C", 5), d("D", 5);
    for (FakeConsumer *x : {&a, &b, &c, &d}) {
        x->log = &log;
        q.addConsumer(x);
    }
    enqueueNumbered(q, 1, 6);
    QCOMPARE(log.join(' '), QByteArray("A1 C2 D3 A4 C5 D6"));

    c.canTake = false;
    enqueueNumbered(q, 7, 9);
    QCOMPARE(log.mid(6).join(' '), QByteArray("A7 D8 A9"));

    a.canTake = c.canTake = d.canTake = false;
    enqueueNumbered(q, 10, 11);
    QCOMPARE(log.mid(9).join(' '), QByteArray("B10 B11"));
}

void tst_QueuePolicies::negativeConsumerPriority()
{
    QByteArrayList log;
    Queue q(1, "q", {});
    FakeConsumer neg("N", -5), zero("Z", 0);
    neg.log = zero.log = &log;
    q.addConsumer(&neg);
    q.addConsumer(&zero);
    zero.limit = 2;
    enqueueNumbered(q, 1, 4);
    QCOMPARE(log.join(' '), QByteArray("Z1 Z2 N3 N4"));
}

void tst_QueuePolicies::singleActiveConsumer()
{
    QByteArrayList log;
    QueuePolicy policy;
    policy.singleActiveConsumer = true;
    Queue q(1, "q", withPolicy(policy));
    FakeConsumer a("A"), b("B"), c("C", 10);   // priority does not matter here
    for (FakeConsumer *x : {&a, &b, &c}) {
        x->log = &log;
        q.addConsumer(x);
    }
    enqueueNumbered(q, 1, 3);
    QCOMPARE(log.join(' '), QByteArray("A1 A2 A3"));

    // The active one cannot take: messages wait, the others get nothing.
    a.canTake = false;
    enqueueNumbered(q, 4, 5);
    QCOMPARE(q.readyCount(), 2);
    QCOMPARE(b.bodies(), QByteArray());
    QCOMPARE(c.bodies(), QByteArray());

    // It leaves: the next subscriber takes over, with the waiting messages, once the
    // caller (the channel, after returning what A held) dispatches.
    q.removeConsumer(&a);
    QCOMPARE(log.join(' '), QByteArray("A1 A2 A3"));
    q.dispatch();
    QCOMPARE(log.join(' '), QByteArray("A1 A2 A3 B4 B5"));
    enqueueNumbered(q, 6, 6);
    QCOMPARE(log.join(' '), QByteArray("A1 A2 A3 B4 B5 B6"));

    q.removeConsumer(&b);
    q.dispatch();
    enqueueNumbered(q, 7, 7);
    QCOMPARE(c.bodies(), QByteArray("7"));

    // A consumer subscribing later waits behind the active one.
    FakeConsumer d("D");
    d.log = &log;
    q.addConsumer(&d);
    enqueueNumbered(q, 8, 8);
    QCOMPARE(c.bodies(), QByteArray("7 8"));
    QCOMPARE(d.bodies(), QByteArray());
}

void tst_QueuePolicies::singleActiveConsumerRemovingOthers()
{
    QueuePolicy policy;
    policy.singleActiveConsumer = true;
    Queue q(1, "q", withPolicy(policy));
    FakeConsumer a("A"), b("B"), c("C");
    q.addConsumer(&a);
    q.addConsumer(&b);
    q.addConsumer(&c);
    q.removeConsumer(&b);   // not the active one: nothing changes
    enqueueNumbered(q, 1, 2);
    QCOMPARE(a.bodies(), QByteArray("1 2"));
    q.removeConsumer(&a);
    enqueueNumbered(q, 3, 3);   // enqueue dispatches by itself
    QCOMPARE(c.bodies(), QByteArray("3"));
    QCOMPARE(b.bodies(), QByteArray());
}

void tst_QueuePolicies::singleActiveConsumerSuccessorGetsReturnedFirst()
{
    QueuePolicy policy;
    policy.singleActiveConsumer = true;
    Queue q(1, "q", withPolicy(policy));
    FakeConsumer a("A"), b("B");
    a.limit = 2;
    q.addConsumer(&a);
    q.addConsumer(&b);
    enqueueNumbered(q, 1, 4);   // A holds 1 and 2; 3 and 4 wait
    QCOMPARE(a.bodies(), QByteArray("1 2"));
    QCOMPARE(q.readyCount(), 2);

    // The channel cancels A: remove, return what it held, then dispatch.
    q.removeConsumer(&a);
    QCOMPARE(b.bodies(), QByteArray());
    q.requeue(QueueEntry(a.received[1]));
    q.requeue(QueueEntry(a.received[0]));
    q.dispatch();
    QCOMPARE(b.bodies(), QByteArray("1 2 3 4"));
    QVERIFY(b.received[0].redelivered && b.received[1].redelivered);
    QVERIFY(!b.received[2].redelivered);
}

void tst_QueuePolicies::quorumDeliveryLimit_data()
{
    QTest::addColumn<qint64>("limit");   // -1: none
    QTest::addColumn<bool>("withDlx");
    QTest::addColumn<int>("deliveries");   // before the message leaves; -1: never leaves

    QTest::newRow("limit 2, dlx") << qint64(2) << true << 3;
    QTest::newRow("limit 2, no dlx") << qint64(2) << false << 3;
    QTest::newRow("limit 0, dlx") << qint64(0) << true << 1;
    QTest::newRow("limit 1, no dlx") << qint64(1) << false << 2;
    QTest::newRow("no limit") << qint64(-1) << true << -1;
}

void tst_QueuePolicies::quorumDeliveryLimit()
{
    QFETCH(qint64, limit);
    QFETCH(bool, withDlx);
    QFETCH(int, deliveries);

    ManualClock clock;
    RecordingSink sink;
    QueuePolicy policy = withDlx ? dlxPolicy() : QueuePolicy{};
    policy.type = QueueType::Quorum;
    if (limit >= 0)
        policy.deliveryLimit = limit;
    Queue q(1, "q", withPolicy(policy), clock, &sink);
    q.enqueue(makeMessage("m"));

    const int rounds = deliveries < 0 ? 10 : deliveries;
    for (int i = 0; i < rounds; ++i) {
        std::optional<QueueEntry> e = q.fetch(false);
        QVERIFY(e);
        QCOMPARE(e->message->body, QByteArray("m"));
        QCOMPARE(e->deliveryCount, std::uint32_t(i));
        QCOMPARE(e->redelivered, i > 0);
        QVERIFY(sink.letters.empty());
        q.requeue(std::move(*e));
        QCOMPARE(q.unackedCount(), 0);
    }
    if (deliveries < 0) {
        QCOMPARE(q.readyCount(), 1);
        QCOMPARE(q.fetch(true)->deliveryCount, std::uint32_t(rounds));
        return;
    }
    // The last return was one too many: the message is gone.
    QCOMPARE(q.readyCount(), 0);
    QCOMPARE(sink.text(), withDlx ? QByteArray("m:delivery_limit") : QByteArray());
}

void tst_QueuePolicies::quorumRequeueJoinsTheEnd()
{
    QueuePolicy policy;
    policy.type = QueueType::Quorum;
    Queue q(1, "q", withPolicy(policy));
    enqueueNumbered(q, 1, 3);
    std::optional<QueueEntry> one = q.fetch(false);
    std::optional<QueueEntry> two = q.fetch(false);
    q.requeue(std::move(*two));
    q.requeue(std::move(*one));
    QByteArrayList order;
    while (std::optional<QueueEntry> e = q.fetch(true))
        order.append(e->message->body + (e->redelivered ? "r" : "") + QByteArray::number(e->deliveryCount));
    QCOMPARE(order.join(' '), QByteArray("30 2r1 1r1"));   // in the order they came back

    // A classic queue puts them back where they were.
    Queue classic(2, "c", {});
    enqueueNumbered(classic, 1, 3);
    one = classic.fetch(false);
    two = classic.fetch(false);
    classic.requeue(std::move(*two));
    classic.requeue(std::move(*one));
    QCOMPARE(drain(classic), QByteArray("1 2 3"));
}

void tst_QueuePolicies::requeueIntoFullQueue_data()
{
    QTest::addColumn<bool>("quorum");
    QTest::addColumn<QByteArray>("ready");
    QTest::addColumn<QByteArray>("dropped");
    QTest::newRow("classic: back at the front, dropped at once") << false << QByteArray("2 3") << QByteArray("1:maxlen");
    QTest::newRow("quorum: at the end, the head goes") << true << QByteArray("3 1") << QByteArray("2:maxlen");
}

void tst_QueuePolicies::requeueIntoFullQueue()
{
    QFETCH(bool, quorum);
    QFETCH(QByteArray, ready);
    QFETCH(QByteArray, dropped);

    ManualClock clock;
    RecordingSink sink;
    QueuePolicy policy = dlxPolicy();
    policy.maxLength = 2;
    if (quorum)
        policy.type = QueueType::Quorum;
    Queue q(1, "q", withPolicy(policy), clock, &sink);
    enqueueNumbered(q, 1, 2);
    std::optional<QueueEntry> one = q.fetch(false);
    enqueueNumbered(q, 3, 3);   // ready: 2 3, full
    QVERIFY(sink.letters.empty());
    q.requeue(std::move(*one));
    QCOMPARE(q.readyCount(), 2);
    QCOMPARE(q.unackedCount(), 0);
    QCOMPARE(sink.text(), dropped);
    QCOMPARE(drain(q), ready);
}

void tst_QueuePolicies::classicDoesNotCountDeliveries()
{
    ManualClock clock;
    RecordingSink sink;
    QueuePolicy policy = dlxPolicy();
    policy.deliveryLimit = 0;   // only quorum queues have one
    Queue q(1, "q", withPolicy(policy), clock, &sink);
    q.enqueue(makeMessage("m"));
    for (int i = 0; i < 5; ++i) {
        std::optional<QueueEntry> e = q.fetch(false);
        QVERIFY(e);
        QCOMPARE(e->deliveryCount, std::uint32_t(0));
        q.requeue(std::move(*e));
    }
    QCOMPARE(q.readyCount(), 1);
    QVERIFY(sink.letters.empty());
}

void tst_QueuePolicies::counters()
{
    ManualClock clock;
    RecordingSink sink;
    QueuePolicy policy = dlxPolicy();
    policy.maxLength = 3;
    policy.overflow = Overflow::RejectPublishDlx;
    policy.messageTtl = 100;
    Queue q(1, "q", withPolicy(policy), clock, &sink);
    enqueueNumbered(q, 1, 5);                 // 4 and 5 rejected
    QCOMPARE(q.counters().published, std::uint64_t(3));
    std::optional<QueueEntry> one = q.fetch(false);
    q.requeue(std::move(*one));
    one = q.fetch(false);                     // redelivered
    q.settle(*one);
    std::optional<QueueEntry> two = q.fetch(false);
    q.reject(std::move(*two));
    clock.advance(101);
    q.expire();                               // 3 expires
    QCOMPARE(q.readyCount(), 0);
    QCOMPARE(sink.text(), QByteArray("4:maxlen 5:maxlen 2:rejected 3:expired"));

    const warren::observe::MessageCounters &c = q.counters();
    QCOMPARE(c.published, std::uint64_t(3));
    QCOMPARE(c.delivered, std::uint64_t(3));
    QCOMPARE(c.redelivered, std::uint64_t(1));
    QCOMPARE(c.acked, std::uint64_t(1));
    QCOMPARE(q.unackedCount(), 0);
}

QTEST_GUILESS_MAIN(tst_QueuePolicies)
#include "tst_queuepolicies.moc"
