// Unit tests of step mode in the model: a paused queue (Queue::pause/step/resume) and a
// paused virtual host (VHost::setDeliveriesPaused/stepOldest), with fake consumers.
//
// Concerns:
//  - a paused queue delivers nothing, not even on dispatch() or to a consumer added later,
//    while publishes pile up as ready messages
//  - step() delivers exactly one message, the head, to the consumer the round-robin picks
//    next, and says so; step() on an empty or an unpaused queue does nothing
//  - step() when no consumer can take a message (prefetch full) returns false, and is not
//    banked: a consumer able to take one later gets nothing until the next step
//  - resume() delivers the rest, in order, round-robin
//  - TTLs keep running while paused (expired messages leave and are counted)
//  - fetch (basic.get) still answers while paused
//  - a paused virtual host pauses its queues, and queues declared later; resuming it resumes them
//  - VHost::stepOldest releases the oldest ready message across the queues, in arrival
//    order, passes over queues whose consumers cannot take one, and returns null when no
//    queue can deliver

#include "model/VHost.h"

#include <QtTest/QTest>

#include <vector>

using namespace warren::model;

namespace {

class ManualClock : public Clock {
public:
    qint64 nowMs() const override { return now; }
    qint64 now = 1000;
};

// Everything delivered, in order, as "<tag>:<body>".
struct Log {
    QByteArrayList items;
    QByteArray text() const { return items.join(' '); }
};

class FakeConsumer : public Consumer {
public:
    FakeConsumer(QByteArray tag, Log &log) : tag_(std::move(tag)), log_(log) {}
    const QByteArray &tag() const override { return tag_; }
    bool noAck() const override { return false; }
    bool exclusive() const override { return false; }
    // A prefetch count: at most `prefetch` unsettled messages (-1: no limit).
    bool canTakeMessage() const override { return prefetch < 0 || held < prefetch; }
    void deliver(Queue &, QueueEntry &&entry) override
    {
        ++held;
        log_.items.append(tag_ + ':' + entry.message->body);
    }
    void queueDeleted(Queue &) override {}

    int prefetch = -1;
    int held = 0;

private:
    QByteArray tag_;
    Log &log_;
};

MessageRef message(const QByteArray &body)
{
    MessageRef m(new Message);
    m->routingKey = "rk";
    m->body = body;
    return m;
}

void enqueue(Queue &q, std::initializer_list<const char *> bodies)
{
    for (const char *body : bodies)
        q.enqueue(message(body));
}

} // namespace

class StepModeTest : public QObject {
    Q_OBJECT
private slots:
    void pausedQueueDeliversNothing();
    void stepDeliversOneToTheNextConsumer();
    void stepWithoutTakerIsNotBanked();
    void resumeDeliversTheRest();
    void ttlsExpireWhilePaused();
    void fetchAnswersWhilePaused();
    void pausedVHostPausesLaterQueues();
    void stepOldestAcrossQueues();
    void stepOldestSkipsQueuesThatCannotDeliver();
};

void StepModeTest::pausedQueueDeliversNothing()
{
    Log log;
    Queue q(1, "q", QueueOptions{});
    FakeConsumer a("A", log);
    q.addConsumer(&a);
    q.pause();
    QVERIFY(q.isPaused());
    enqueue(q, {"1", "2", "3"});
    q.dispatch();
    FakeConsumer b("B", log);
    q.addConsumer(&b);   // a new consumer does not start deliveries either
    QCOMPARE(log.text(), QByteArray());
    QCOMPARE(q.readyCount(), 3);
    QCOMPARE(q.unackedCount(), 0);
}

void StepModeTest::stepDeliversOneToTheNextConsumer()
{
    Log log;
    Queue q(1, "q", QueueOptions{});
    FakeConsumer a("A", log), b("B", log), c("C", log);
    q.addConsumer(&a);
    q.addConsumer(&b);
    q.addConsumer(&c);
    enqueue(q, {"0"});   // A served last: B is next
    q.pause();
    enqueue(q, {"1", "2", "3", "4"});
    QCOMPARE(log.text(), QByteArray("A:0"));

    QVERIFY(q.step());
    QCOMPARE(log.text(), QByteArray("A:0 B:1"));
    QCOMPARE(q.readyCount(), 3);
    QVERIFY(q.step());
    QVERIFY(q.step());
    QCOMPARE(log.text(), QByteArray("A:0 B:1 C:2 A:3"));
    QCOMPARE(q.readyCount(), 1);
    QCOMPARE(q.unackedCount(), 4);
    QVERIFY(q.isPaused());

    Queue empty(2, "empty", QueueOptions{});
    empty.addConsumer(&a);
    empty.pause();
    QVERIFY(!empty.step());   // nothing to step
    Queue running(3, "running", QueueOptions{});
    QVERIFY(!running.step());   // not paused: nothing held back
}

void StepModeTest::stepWithoutTakerIsNotBanked()
{
    Log log;
    Queue q(1, "q", QueueOptions{});
    FakeConsumer a("A", log);
    a.prefetch = 1;
    a.held = 1;   // its prefetch is used up
    q.addConsumer(&a);
    q.pause();
    enqueue(q, {"1", "2"});

    QVERIFY(!q.step());
    QCOMPARE(q.readyCount(), 2);
    QCOMPARE(log.text(), QByteArray());

    a.held = 0;   // an ack frees its prefetch; the consumer asks the queue to dispatch
    q.dispatch();
    QCOMPARE(log.text(), QByteArray());   // the failed step did not release a message for later
    QCOMPARE(q.readyCount(), 2);

    QVERIFY(q.step());
    QCOMPARE(log.text(), QByteArray("A:1"));
    QVERIFY(!q.step());   // full again
    QCOMPARE(q.readyCount(), 1);
}

void StepModeTest::resumeDeliversTheRest()
{
    Log log;
    Queue q(1, "q", QueueOptions{});
    FakeConsumer a("A", log), b("B", log);
    q.addConsumer(&a);
    q.addConsumer(&b);
    q.pause();
    enqueue(q, {"1", "2", "3", "4"});
    QVERIFY(q.step());
    q.resume();
    QVERIFY(!q.isPaused());
    QCOMPARE(log.text(), QByteArray("A:1 B:2 A:3 B:4"));
    QCOMPARE(q.readyCount(), 0);
    enqueue(q, {"5"});   // and new messages go at once again
    QCOMPARE(log.text(), QByteArray("A:1 B:2 A:3 B:4 A:5"));
}

void StepModeTest::ttlsExpireWhilePaused()
{
    ManualClock clock;
    VHost vh("/", clock);
    QueueOptions options;
    options.policy.messageTtl = 100;
    Queue *q = vh.addQueue("q", options);
    Log log;
    FakeConsumer a("A", log);
    q->addConsumer(&a);
    q->pause();
    enqueue(*q, {"old"});
    clock.now += 50;
    enqueue(*q, {"new"});
    clock.now += 60;   // "old" is 110 ms old, "new" 60 ms
    vh.expireQueues();
    QCOMPARE(q->readyCount(), 1);
    QCOMPARE(vh.fates().expired, std::uint64_t(1));
    QVERIFY(q->step());
    QCOMPARE(log.text(), QByteArray("A:new"));
}

void StepModeTest::fetchAnswersWhilePaused()
{
    Queue q(1, "q", QueueOptions{});
    q.pause();
    enqueue(q, {"1", "2"});
    const std::optional<QueueEntry> got = q.fetch(false);
    QVERIFY(got);
    QCOMPARE(got->message->body, QByteArray("1"));
    QCOMPARE(q.unackedCount(), 1);
    QCOMPARE(q.readyCount(), 1);
    QVERIFY(q.isPaused());   // basic.get does not resume anything
}

void StepModeTest::pausedVHostPausesLaterQueues()
{
    VHost vh("/");
    Queue *before = vh.addQueue("before", QueueOptions{});
    vh.setDeliveriesPaused(true);
    QVERIFY(vh.deliveriesPaused());
    Queue *later = vh.addQueue("later", QueueOptions{});
    QVERIFY(before->isPaused());
    QVERIFY(later->isPaused());

    Log log;
    FakeConsumer a("A", log), b("B", log);
    before->addConsumer(&a);
    later->addConsumer(&b);
    enqueue(*before, {"1"});
    enqueue(*later, {"2"});
    QCOMPARE(log.text(), QByteArray());

    vh.setDeliveriesPaused(false);
    QVERIFY(!before->isPaused());
    QVERIFY(!later->isPaused());
    QCOMPARE(log.items.size(), 2);   // each queue delivered what it held
    QVERIFY(log.items.contains("A:1"));
    QVERIFY(log.items.contains("B:2"));
    QVERIFY(!vh.addQueue("after", QueueOptions{})->isPaused());
}

void StepModeTest::stepOldestAcrossQueues()
{
    VHost vh("/");
    vh.setDeliveriesPaused(true);
    Queue *q1 = vh.addQueue("q1", QueueOptions{});
    Queue *q2 = vh.addQueue("q2", QueueOptions{});
    Log log;
    FakeConsumer a("A", log), b("B", log);
    q1->addConsumer(&a);
    q2->addConsumer(&b);
    enqueue(*q2, {"1"});
    enqueue(*q1, {"2"});
    enqueue(*q2, {"3"});
    enqueue(*q1, {"4"});

    QCOMPARE(vh.stepOldest(), q2);
    QCOMPARE(log.text(), QByteArray("B:1"));
    QCOMPARE(vh.stepOldest(), q1);
    QCOMPARE(vh.stepOldest(), q2);
    QCOMPARE(vh.stepOldest(), q1);
    QCOMPARE(log.text(), QByteArray("B:1 A:2 B:3 A:4"));
    QCOMPARE(vh.stepOldest(), nullptr);   // nothing ready
    QVERIFY(q1->isPaused() && q2->isPaused());
}

void StepModeTest::stepOldestSkipsQueuesThatCannotDeliver()
{
    VHost vh("/");
    vh.setDeliveriesPaused(true);
    Queue *blocked = vh.addQueue("blocked", QueueOptions{});
    Queue *open = vh.addQueue("open", QueueOptions{});
    Queue *idle = vh.addQueue("idle", QueueOptions{});   // no consumer at all
    Log log;
    FakeConsumer full("F", log), ready("R", log);
    full.prefetch = 0;   // can never take one
    blocked->addConsumer(&full);
    open->addConsumer(&ready);
    enqueue(*idle, {"0"});
    enqueue(*blocked, {"1"});
    enqueue(*open, {"2", "3"});

    QCOMPARE(vh.stepOldest(), open);   // the older heads of idle and blocked cannot go
    QCOMPARE(log.text(), QByteArray("R:2"));
    QCOMPARE(idle->readyCount(), 1);
    QCOMPARE(blocked->readyCount(), 1);

    full.prefetch = -1;
    QCOMPARE(vh.stepOldest(), blocked);   // older than "3" now that it can go
    QCOMPARE(vh.stepOldest(), open);
    QCOMPARE(vh.stepOldest(), nullptr);   // only idle's, which nobody takes
    QCOMPARE(log.text(), QByteArray("R:2 F:1 R:3"));
    QCOMPARE(idle->readyCount(), 1);
}

QTEST_GUILESS_MAIN(StepModeTest)
#include "tst_stepmode.moc"
