// Unit tests of model::Queue, driven through a fake Consumer (no sockets).
//
// Concerns:
//  - enqueue without consumers keeps arrival order (seq 1, 2, ...), counts and bytes
//  - round-robin over consumers in subscription order, starting after the one served last;
//    consumers that cannot take a message are skipped (table of per-consumer limits);
//    messages stay ready while nobody can take them and dispatch() resumes delivery
//  - a consumer added later gets the messages already waiting
//  - requeue puts messages back at their original (seq) place with redelivered=true,
//    interleaved with messages still ready, whatever order they are returned in
//  - fetch(noAck) vs fetch(ack) and unacked counting; settle; noAck consumers
//  - purge returns the count, clears ready bytes, leaves unacked messages alone
//  - removeConsumer keeps the round-robin position (the consumer after a removed one is
//    next), also when a consumer cancels itself from inside deliver(); unknown consumer
//  - re-entrancy: deliver() that enqueues or dispatches into the same queue does not recurse
//  - the queue never calls Consumer::queueDeleted itself (not even when destroyed)
//  - counters (published, delivered, redelivered, acked), hadConsumers, exclusive consumer
//    flag, option accessors

#include "model/Queue.h"

#include <QtTest/QTest>

#include <algorithm>
#include <functional>
#include <memory>

using namespace warren::model;

namespace {

MessageRef makeMessage(const QByteArray &body)
{
    MessageRef m(new Message);
    m->exchange = "ex";
    m->routingKey = "rk";
    m->body = body;
    return m;
}

// One line per delivery across all consumers, "A1 B2 ...": consumer tag + body.
struct Log {
    QByteArrayList items;
    QByteArray text() const { return items.join(' '); }
};

class FakeConsumer : public Consumer {
public:
    explicit FakeConsumer(QByteArray tag, Log *log = nullptr) : tag_(std::move(tag)), log_(log) {}

    const QByteArray &tag() const override { return tag_; }
    bool noAck() const override { return noAck_; }
    bool exclusive() const override { return exclusive_; }
    // `limit` acts like a prefetch count over everything ever received (-1: no limit).
    bool canTakeMessage() const override
    {
        ++canTakeCalls;
        return canTake && (limit < 0 || qsizetype(received.size()) < limit);
    }
    void deliver(Queue &queue, QueueEntry &&entry) override
    {
        ++depth;
        maxDepth = std::max(maxDepth, depth);
        received.push_back(entry);
        if (log_)
            log_->items.append(tag_ + entry.message->body);
        if (onDeliver)
            onDeliver(queue, received.back());
        --depth;
    }
    void queueDeleted(Queue &) override { ++queueDeletedCalls; }

    QByteArrayList bodies() const
    {
        QByteArrayList out;
        for (const QueueEntry &e : received)
            out.append(e.message->body);
        return out;
    }

    QByteArray tag_;
    Log *log_;
    bool noAck_ = false;
    bool exclusive_ = false;
    bool canTake = true;
    qsizetype limit = -1;
    mutable int canTakeCalls = 0;
    std::vector<QueueEntry> received;
    std::function<void(Queue &, const QueueEntry &)> onDeliver;
    int depth = 0;
    int maxDepth = 0;
    int queueDeletedCalls = 0;
};

// Drains the ready messages with basic.get semantics: "1 2r 3" (r = redelivered).
QByteArray drainReady(Queue &q)
{
    QByteArrayList out;
    while (std::optional<QueueEntry> e = q.fetch(true))
        out.append(e->message->body + (e->redelivered ? "r" : ""));
    return out.join(' ');
}

void enqueueNumbered(Queue &q, int from, int to)
{
    for (int i = from; i <= to; ++i)
        q.enqueue(makeMessage(QByteArray::number(i)));
}

} // namespace

class tst_Queue : public QObject {
    Q_OBJECT

private slots:
    void enqueueWithoutConsumersKeepsOrder();
    void roundRobin_data();
    void roundRobin();
    void skippedConsumerResumesOnDispatch();
    void consumerAddedLaterGetsWaitingMessages();
    void requeueRestoresOriginalOrder_data();
    void requeueRestoresOriginalOrder();
    void requeueInterleavesWithReady();
    void requeuedMessagesAreRedelivered();
    void fetchAndUnackedCounting();
    void noAckConsumerDoesNotCountUnacked();
    void purge_data();
    void purge();
    void removeConsumerKeepsRoundRobinPosition_data();
    void removeConsumerKeepsRoundRobinPosition();
    void removeUnknownConsumerIsNoop();
    void consumerCancelsItselfInsideDeliver();
    void reentrantEnqueueDoesNotRecurse_data();
    void reentrantEnqueueDoesNotRecurse();
    void reentrantDispatchDoesNotRecurse();
    void queueNeverCallsQueueDeleted();
    void counters();
    void consumerFlags();
    void options_data();
    void options();
};

void tst_Queue::enqueueWithoutConsumersKeepsOrder()
{
    Queue q(7, "q", {});
    QCOMPARE(q.id(), std::uint64_t(7));
    QCOMPARE(q.name(), QByteArray("q"));
    QCOMPARE(q.readyCount(), 0);
    QCOMPARE(q.readyBytes(), 0);

    q.enqueue(makeMessage("first"));
    q.enqueue(makeMessage("second!"));
    q.enqueue(makeMessage(""));
    q.enqueue(makeMessage("4th"));
    QCOMPARE(q.readyCount(), 4);
    QCOMPARE(q.readyBytes(), qint64(5 + 7 + 0 + 3));
    QCOMPARE(q.unackedCount(), 0);
    QCOMPARE(q.counters().published, std::uint64_t(4));
    QCOMPARE(q.counters().delivered, std::uint64_t(0));

    const QByteArrayList expected{"first", "second!", "", "4th"};
    for (int i = 0; i < expected.size(); ++i) {
        std::optional<QueueEntry> e = q.fetch(true);
        QVERIFY(e.has_value());
        QCOMPARE(e->message->body, expected[i]);
        QCOMPARE(e->seq, std::uint64_t(i + 1));
        QVERIFY(!e->redelivered);
    }
    QVERIFY(!q.fetch(true).has_value());
    QVERIFY(!q.fetch(false).has_value());
    QCOMPARE(q.readyCount(), 0);
    QCOMPARE(q.readyBytes(), 0);
    QCOMPARE(q.unackedCount(), 0);
}

void tst_Queue::roundRobin_data()
{
    QTest::addColumn<QList<int>>("limits");   // per consumer A, B, C; -1 = no limit
    QTest::addColumn<int>("messages");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<int>("leftReady");

    QTest::newRow("all free") << QList<int>{-1, -1, -1} << 7 << QByteArray("A1 B2 C3 A4 B5 C6 A7") << 0;
    QTest::newRow("A takes one") << QList<int>{1, -1, -1} << 6 << QByteArray("A1 B2 C3 B4 C5 B6") << 0;
    QTest::newRow("B blocked") << QList<int>{-1, 0, -1} << 5 << QByteArray("A1 C2 A3 C4 A5") << 0;
    QTest::newRow("only C") << QList<int>{0, 0, -1} << 3 << QByteArray("C1 C2 C3") << 0;
    QTest::newRow("one each, then full") << QList<int>{1, 1, 1} << 5 << QByteArray("A1 B2 C3") << 2;
    QTest::newRow("nobody can take") << QList<int>{0, 0, 0} << 3 << QByteArray() << 3;
    QTest::newRow("uneven limits") << QList<int>{2, 1, 3} << 8 << QByteArray("A1 B2 C3 A4 C5 C6") << 2;
    QTest::newRow("A blocked, last one free") << QList<int>{0, 2, -1} << 5 << QByteArray("B1 C2 B3 C4 C5") << 0;
}

void tst_Queue::roundRobin()
{
    QFETCH(QList<int>, limits);
    QFETCH(int, messages);
    QFETCH(QByteArray, expected);
    QFETCH(int, leftReady);

    Log log;
    Queue q(1, "q", {});
    std::vector<std::unique_ptr<FakeConsumer>> consumers;
    const char *tags[] = {"A", "B", "C"};
    for (int i = 0; i < 3; ++i) {
        consumers.push_back(std::make_unique<FakeConsumer>(tags[i], &log));
        consumers.back()->limit = limits[i];
        q.addConsumer(consumers.back().get());
    }
    QCOMPARE(q.consumerCount(), 3);
    enqueueNumbered(q, 1, messages);

    QCOMPARE(log.text(), expected);
    QCOMPARE(q.readyCount(), leftReady);
    QCOMPARE(q.unackedCount(), qsizetype(messages - leftReady));
    QCOMPARE(q.counters().delivered, std::uint64_t(messages - leftReady));
}

void tst_Queue::skippedConsumerResumesOnDispatch()
{
    Log log;
    Queue q(1, "q", {});
    FakeConsumer a("A", &log), b("B", &log), c("C", &log);
    q.addConsumer(&a);
    q.addConsumer(&b);
    q.addConsumer(&c);

    b.canTake = false;
    enqueueNumbered(q, 1, 4);
    QCOMPARE(log.text(), QByteArray("A1 C2 A3 C4"));

    a.canTake = c.canTake = false;
    enqueueNumbered(q, 5, 6);
    QCOMPARE(log.text(), QByteArray("A1 C2 A3 C4"));
    QCOMPARE(q.readyCount(), 2);
    QCOMPARE(q.readyBytes(), qint64(2));

    // Nothing changes until someone calls dispatch().
    b.canTake = true;
    QCOMPARE(q.readyCount(), 2);
    q.dispatch();
    QCOMPARE(log.text(), QByteArray("A1 C2 A3 C4 B5 B6"));
    QCOMPARE(q.readyCount(), 0);
    QCOMPARE(q.readyBytes(), qint64(0));

    // The scan goes on after B, the consumer served last.
    a.canTake = c.canTake = true;
    enqueueNumbered(q, 7, 9);
    QCOMPARE(log.text(), QByteArray("A1 C2 A3 C4 B5 B6 C7 A8 B9"));

    // dispatch() with nothing ready does not ask anyone.
    a.canTakeCalls = b.canTakeCalls = c.canTakeCalls = 0;
    q.dispatch();
    QCOMPARE(a.canTakeCalls + b.canTakeCalls + c.canTakeCalls, 0);
}

void tst_Queue::consumerAddedLaterGetsWaitingMessages()
{
    Log log;
    Queue q(1, "q", {});
    enqueueNumbered(q, 1, 5);
    QVERIFY(!q.hadConsumers());

    FakeConsumer a("A", &log), b("B", &log);
    a.limit = 3;
    q.addConsumer(&a);
    QVERIFY(q.hadConsumers());
    QCOMPARE(log.text(), QByteArray("A1 A2 A3"));
    QCOMPARE(q.readyCount(), 2);

    q.addConsumer(&b);
    QCOMPARE(log.text(), QByteArray("A1 A2 A3 B4 B5"));
    QCOMPARE(q.readyCount(), 0);
    QCOMPARE(q.unackedCount(), 5);
}

void tst_Queue::requeueRestoresOriginalOrder_data()
{
    QTest::addColumn<int>("total");
    QTest::addColumn<int>("delivered");        // to the one consumer, 1..delivered
    QTest::addColumn<QList<int>>("requeue");   // message numbers, in the order returned
    QTest::addColumn<QByteArray>("expected");  // ready afterwards, by fetch

    QTest::newRow("in order") << 6 << 4 << QList<int>{1, 2, 3, 4} << QByteArray("1r 2r 3r 4r 5 6");
    QTest::newRow("reverse") << 6 << 4 << QList<int>{4, 3, 2, 1} << QByteArray("1r 2r 3r 4r 5 6");
    QTest::newRow("shuffled") << 6 << 4 << QList<int>{3, 1, 4, 2} << QByteArray("1r 2r 3r 4r 5 6");
    QTest::newRow("some") << 6 << 4 << QList<int>{3, 1} << QByteArray("1r 3r 5 6");
    QTest::newRow("last delivered only") << 6 << 4 << QList<int>{4} << QByteArray("4r 5 6");
    QTest::newRow("nothing ready") << 4 << 4 << QList<int>{2, 4, 1} << QByteArray("1r 2r 4r");
    QTest::newRow("one of one") << 1 << 1 << QList<int>{1} << QByteArray("1r");
}

void tst_Queue::requeueRestoresOriginalOrder()
{
    QFETCH(int, total);
    QFETCH(int, delivered);
    QFETCH(QList<int>, requeue);
    QFETCH(QByteArray, expected);

    Queue q(1, "q", {});
    FakeConsumer a("A");
    a.limit = delivered;
    q.addConsumer(&a);
    enqueueNumbered(q, 1, total);
    QCOMPARE(qsizetype(a.received.size()), qsizetype(delivered));
    QCOMPARE(q.unackedCount(), qsizetype(delivered));

    qint64 bytes = q.readyBytes();
    for (int n : requeue) {
        QueueEntry e = a.received[size_t(n - 1)];
        QCOMPARE(e.seq, std::uint64_t(n));
        bytes += e.message->bodySize();
        q.requeue(std::move(e));
    }
    QCOMPARE(q.unackedCount(), qsizetype(delivered - requeue.size()));
    QCOMPARE(q.readyCount(), qsizetype(total - delivered + requeue.size()));
    QCOMPARE(q.readyBytes(), bytes);
    // requeue() does not dispatch by itself (the consumer is full anyway).
    QCOMPARE(qsizetype(a.received.size()), qsizetype(delivered));

    QCOMPARE(drainReady(q), expected);
}

void tst_Queue::requeueInterleavesWithReady()
{
    Queue q(1, "q", {});
    FakeConsumer a("A");
    a.limit = 4;
    q.addConsumer(&a);
    enqueueNumbered(q, 1, 6);   // 1..4 delivered, 5 and 6 ready

    q.requeue(QueueEntry(a.received[2]));   // 3
    std::optional<QueueEntry> e = q.fetch(false);
    QVERIFY(e);
    QCOMPARE(e->message->body, QByteArray("3"));
    QVERIFY(e->redelivered);
    QCOMPARE(e->seq, std::uint64_t(3));

    q.requeue(QueueEntry(a.received[3]));   // 4
    q.requeue(std::move(*e));               // 3 again, fetched redelivered
    q.requeue(QueueEntry(a.received[1]));   // 2
    QCOMPARE(q.unackedCount(), 1);          // only 1 is still out
    QCOMPARE(drainReady(q), QByteArray("2r 3r 4r 5 6"));
}

void tst_Queue::requeuedMessagesAreRedelivered()
{
    Log log;
    Queue q(1, "q", {});
    FakeConsumer a("A", &log);
    a.limit = 2;
    q.addConsumer(&a);
    enqueueNumbered(q, 1, 3);
    QCOMPARE(log.text(), QByteArray("A1 A2"));

    q.requeue(QueueEntry(a.received[1]));
    q.requeue(QueueEntry(a.received[0]));
    a.limit = -1;
    q.dispatch();
    QCOMPARE(log.text(), QByteArray("A1 A2 A1 A2 A3"));
    QVERIFY(a.received[2].redelivered);
    QVERIFY(a.received[3].redelivered);
    QVERIFY(!a.received[4].redelivered);
    QCOMPARE(a.received[2].seq, std::uint64_t(1));
    QCOMPARE(a.received[3].seq, std::uint64_t(2));
    QCOMPARE(a.received[4].seq, std::uint64_t(3));
    QCOMPARE(q.counters().delivered, std::uint64_t(5));
    QCOMPARE(q.counters().redelivered, std::uint64_t(2));
    QCOMPARE(q.unackedCount(), 3);
}

void tst_Queue::fetchAndUnackedCounting()
{
    Queue q(1, "q", {});
    q.enqueue(makeMessage("aa"));
    q.enqueue(makeMessage("bbb"));
    q.enqueue(makeMessage("c"));
    QCOMPARE(q.readyBytes(), qint64(6));

    std::optional<QueueEntry> first = q.fetch(false);
    QVERIFY(first);
    QCOMPARE(first->message->body, QByteArray("aa"));
    QCOMPARE(q.unackedCount(), 1);
    QCOMPARE(q.readyCount(), 2);
    QCOMPARE(q.readyBytes(), qint64(4));

    std::optional<QueueEntry> second = q.fetch(true);
    QVERIFY(second);
    QCOMPARE(second->message->body, QByteArray("bbb"));
    QCOMPARE(q.unackedCount(), 1);   // noAck: not counted
    QCOMPARE(q.counters().delivered, std::uint64_t(2));

    q.settle(*first);
    QCOMPARE(q.unackedCount(), 0);
    QCOMPARE(q.counters().acked, std::uint64_t(1));
    QCOMPARE(q.readyCount(), 1);

    std::optional<QueueEntry> third = q.fetch(false);
    QVERIFY(third);
    QCOMPARE(q.unackedCount(), 1);
    QCOMPARE(q.readyBytes(), qint64(0));
    q.requeue(std::move(*third));
    QCOMPARE(q.unackedCount(), 0);
    QCOMPARE(q.readyCount(), 1);
    QCOMPARE(q.readyBytes(), qint64(1));

    std::optional<QueueEntry> again = q.fetch(false);
    QVERIFY(again);
    QVERIFY(again->redelivered);
    QCOMPARE(again->message->body, QByteArray("c"));
    QCOMPARE(q.counters().redelivered, std::uint64_t(1));

    // An empty fetch changes nothing.
    const warren::observe::MessageCounters before = q.counters();
    QVERIFY(!q.fetch(false));
    QCOMPARE(q.unackedCount(), 1);
    QCOMPARE(q.counters().delivered, before.delivered);
}

void tst_Queue::noAckConsumerDoesNotCountUnacked()
{
    Queue q(1, "q", {});
    FakeConsumer auto_("auto"), manual("manual");
    auto_.noAck_ = true;
    q.addConsumer(&auto_);
    q.addConsumer(&manual);
    enqueueNumbered(q, 1, 5);
    QCOMPARE(auto_.bodies(), (QByteArrayList{"1", "3", "5"}));
    QCOMPARE(manual.bodies(), (QByteArrayList{"2", "4"}));
    QCOMPARE(q.unackedCount(), 2);
    QCOMPARE(q.counters().delivered, std::uint64_t(5));
    q.settle(manual.received[0]);
    q.settle(manual.received[1]);
    QCOMPARE(q.unackedCount(), 0);
    QCOMPARE(q.counters().acked, std::uint64_t(2));
}

void tst_Queue::purge_data()
{
    QTest::addColumn<QByteArrayList>("bodies");
    QTest::addColumn<int>("fetchedFirst");   // fetched with ack before the purge

    QTest::newRow("empty queue") << QByteArrayList{} << 0;
    QTest::newRow("one") << QByteArrayList{"x"} << 0;
    QTest::newRow("several, one empty body") << QByteArrayList{"abc", "hello", "", "1234567"} << 0;
    QTest::newRow("with unacked") << QByteArrayList{"abc", "hello", "", "1234567"} << 2;
    QTest::newRow("all unacked") << QByteArrayList{"abc", "de"} << 2;
}

void tst_Queue::purge()
{
    QFETCH(QByteArrayList, bodies);
    QFETCH(int, fetchedFirst);

    Queue q(1, "q", {});
    qint64 total = 0;
    for (const QByteArray &b : bodies) {
        q.enqueue(makeMessage(b));
        total += b.size();
    }
    QCOMPARE(q.readyBytes(), total);
    std::vector<QueueEntry> out;
    for (int i = 0; i < fetchedFirst; ++i)
        out.push_back(*q.fetch(false));

    const warren::observe::MessageCounters before = q.counters();
    QCOMPARE(q.purge(), qsizetype(bodies.size() - fetchedFirst));
    QCOMPARE(q.readyCount(), 0);
    QCOMPARE(q.readyBytes(), qint64(0));
    QCOMPARE(q.unackedCount(), qsizetype(fetchedFirst));
    QCOMPARE(q.counters().delivered, before.delivered);
    QCOMPARE(q.purge(), 0);

    // Unacked messages survive a purge and can still come back.
    for (QueueEntry &e : out) {
        const qint64 size = e.message->bodySize();
        const qint64 readyBefore = q.readyBytes();
        q.requeue(std::move(e));
        QCOMPARE(q.readyBytes(), readyBefore + size);
    }
    QCOMPARE(q.readyCount(), qsizetype(fetchedFirst));
    QCOMPARE(q.unackedCount(), 0);
}

void tst_Queue::removeConsumerKeepsRoundRobinPosition_data()
{
    QTest::addColumn<int>("servedFirst");   // messages delivered before the removal
    QTest::addColumn<QByteArray>("removed");
    QTest::addColumn<QByteArray>("expected");   // tags of the next four deliveries

    QTest::newRow("none served, remove A") << 0 << QByteArray("A") << QByteArray("BCDB");
    QTest::newRow("served A, remove A") << 1 << QByteArray("A") << QByteArray("BCDB");
    QTest::newRow("served A, remove B") << 1 << QByteArray("B") << QByteArray("CDAC");
    QTest::newRow("served A, remove D") << 1 << QByteArray("D") << QByteArray("BCAB");
    QTest::newRow("served B, remove A") << 2 << QByteArray("A") << QByteArray("CDBC");
    QTest::newRow("served B, remove C") << 2 << QByteArray("C") << QByteArray("DABD");
    QTest::newRow("served C, remove A") << 3 << QByteArray("A") << QByteArray("DBCD");
    QTest::newRow("served C, remove C") << 3 << QByteArray("C") << QByteArray("DABD");
    QTest::newRow("served C, remove D") << 3 << QByteArray("D") << QByteArray("ABCA");
    QTest::newRow("served D, remove D") << 4 << QByteArray("D") << QByteArray("ABCA");
    QTest::newRow("served D, remove A") << 4 << QByteArray("A") << QByteArray("BCDB");
    QTest::newRow("served D, remove B") << 4 << QByteArray("B") << QByteArray("ACDA");
}

void tst_Queue::removeConsumerKeepsRoundRobinPosition()
{
    QFETCH(int, servedFirst);
    QFETCH(QByteArray, removed);
    QFETCH(QByteArray, expected);

    Queue q(1, "q", {});
    std::vector<std::unique_ptr<FakeConsumer>> consumers;
    for (const char *tag : {"A", "B", "C", "D"}) {
        consumers.push_back(std::make_unique<FakeConsumer>(tag));
        q.addConsumer(consumers.back().get());
    }
    enqueueNumbered(q, 1, servedFirst);

    Log log;
    for (auto &c : consumers)
        c->log_ = &log;
    auto victim = std::find_if(consumers.begin(), consumers.end(),
                               [&](const auto &c) { return c->tag() == removed; });
    q.removeConsumer(victim->get());
    QCOMPARE(q.consumerCount(), 3);
    QVERIFY(std::find(q.consumers().begin(), q.consumers().end(), victim->get()) == q.consumers().end());

    enqueueNumbered(q, 100, 103);
    QByteArray tags;
    for (const QByteArray &item : log.items)
        tags += item.left(1);
    QCOMPARE(tags, expected);
    QCOMPARE((*victim)->queueDeletedCalls, 0);
}

void tst_Queue::removeUnknownConsumerIsNoop()
{
    Log log;
    Queue q(1, "q", {});
    FakeConsumer a("A", &log), b("B", &log), stranger("X", &log);
    q.addConsumer(&a);
    q.addConsumer(&b);
    enqueueNumbered(q, 1, 1);
    q.removeConsumer(&stranger);
    QCOMPARE(q.consumerCount(), 2);
    enqueueNumbered(q, 2, 3);
    QCOMPARE(log.text(), QByteArray("A1 B2 A3"));

    q.removeConsumer(&a);
    q.removeConsumer(&a);   // twice: the second is a no-op
    QCOMPARE(q.consumerCount(), 1);
    q.removeConsumer(&b);
    QCOMPARE(q.consumerCount(), 0);
    enqueueNumbered(q, 4, 4);
    QCOMPARE(q.readyCount(), 1);
    QVERIFY(q.hadConsumers());
}

void tst_Queue::consumerCancelsItselfInsideDeliver()
{
    Log log;
    Queue q(1, "q", {});
    FakeConsumer a("A", &log), b("B", &log), c("C", &log);
    a.onDeliver = [&a](Queue &queue, const QueueEntry &) { queue.removeConsumer(&a); };
    q.addConsumer(&a);
    q.addConsumer(&b);
    q.addConsumer(&c);
    enqueueNumbered(q, 1, 5);
    QCOMPARE(log.text(), QByteArray("A1 B2 C3 B4 C5"));
    QCOMPARE(q.consumerCount(), 2);
    QCOMPARE(q.unackedCount(), 5);
}

void tst_Queue::reentrantEnqueueDoesNotRecurse_data()
{
    QTest::addColumn<bool>("twoConsumers");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("one consumer") << false << QByteArray("Am1 Aecho-m1 Am2 Aecho-m2");
    QTest::newRow("two consumers") << true << QByteArray("Am1 Becho-m1 Am2 Becho-m2");
}

void tst_Queue::reentrantEnqueueDoesNotRecurse()
{
    QFETCH(bool, twoConsumers);
    QFETCH(QByteArray, expected);

    Log log;
    Queue q(1, "q", {});
    FakeConsumer a("A", &log), b("B", &log);
    // A answers every original message by publishing an echo into the same queue.
    a.onDeliver = [](Queue &queue, const QueueEntry &e) {
        if (!e.message->body.startsWith("echo-"))
            queue.enqueue(makeMessage("echo-" + e.message->body));
    };
    q.addConsumer(&a);
    if (twoConsumers)
        q.addConsumer(&b);

    q.enqueue(makeMessage("m1"));
    q.enqueue(makeMessage("m2"));
    QCOMPARE(log.text(), expected);
    QCOMPARE(a.maxDepth, 1);
    QCOMPARE(b.maxDepth, twoConsumers ? 1 : 0);
    QCOMPARE(q.readyCount(), 0);
    QCOMPARE(q.counters().published, std::uint64_t(4));
    QCOMPARE(q.counters().delivered, std::uint64_t(4));

    // The queue is not stuck in "dispatching" afterwards.
    q.enqueue(makeMessage("echo-late"));
    QCOMPARE(q.readyCount(), 0);
}

void tst_Queue::reentrantDispatchDoesNotRecurse()
{
    Log log;
    Queue q(1, "q", {});
    FakeConsumer a("A", &log);
    a.onDeliver = [](Queue &queue, const QueueEntry &) { queue.dispatch(); };
    q.addConsumer(&a);
    enqueueNumbered(q, 1, 3);
    QCOMPARE(log.text(), QByteArray("A1 A2 A3"));
    QCOMPARE(a.maxDepth, 1);

    // Messages waiting while addConsumer() dispatches.
    Queue q2(2, "q2", {});
    enqueueNumbered(q2, 1, 3);
    FakeConsumer b("B", &log);
    b.onDeliver = [](Queue &queue, const QueueEntry &) { queue.dispatch(); };
    q2.addConsumer(&b);
    QCOMPARE(b.bodies(), (QByteArrayList{"1", "2", "3"}));
    QCOMPARE(b.maxDepth, 1);
}

void tst_Queue::queueNeverCallsQueueDeleted()
{
    FakeConsumer a("A"), b("B");
    {
        Queue q(1, "q", {});
        q.addConsumer(&a);
        q.addConsumer(&b);
        enqueueNumbered(q, 1, 4);
        q.purge();
        q.removeConsumer(&a);
        enqueueNumbered(q, 5, 6);
        // q goes out of scope with b still subscribed.
    }
    QCOMPARE(a.queueDeletedCalls, 0);
    QCOMPARE(b.queueDeletedCalls, 0);
}

void tst_Queue::counters()
{
    Queue q(1, "q", {});
    FakeConsumer a("A");
    a.limit = 2;
    q.addConsumer(&a);
    enqueueNumbered(q, 1, 5);                 // 1, 2 delivered; 3, 4, 5 ready
    QCOMPARE(q.counters().published, std::uint64_t(5));
    QCOMPARE(q.counters().delivered, std::uint64_t(2));

    q.settle(a.received[0]);
    q.requeue(QueueEntry(a.received[1]));
    std::optional<QueueEntry> got = q.fetch(false);   // 2 again
    QVERIFY(got && got->redelivered);
    q.settle(*got);
    QCOMPARE(q.purge(), 3);

    const warren::observe::MessageCounters &c = q.counters();
    QCOMPARE(c.published, std::uint64_t(5));
    QCOMPARE(c.delivered, std::uint64_t(3));
    QCOMPARE(c.redelivered, std::uint64_t(1));
    QCOMPARE(c.acked, std::uint64_t(2));
    QCOMPARE(q.unackedCount(), 0);
}

void tst_Queue::consumerFlags()
{
    Queue q(1, "q", {});
    QVERIFY(!q.hadConsumers());
    QVERIFY(!q.hasExclusiveConsumer());

    FakeConsumer plain("plain"), excl("excl");
    excl.exclusive_ = true;
    q.addConsumer(&plain);
    QVERIFY(q.hadConsumers());
    QVERIFY(!q.hasExclusiveConsumer());
    q.removeConsumer(&plain);
    QVERIFY(q.hadConsumers());   // stays true once set

    q.addConsumer(&excl);
    QVERIFY(q.hasExclusiveConsumer());
    q.addConsumer(&plain);
    q.removeConsumer(&plain);
    QVERIFY(q.hasExclusiveConsumer());
    q.removeConsumer(&excl);
    QVERIFY(!q.hasExclusiveConsumer());
    QCOMPARE(q.consumerCount(), 0);
}

void tst_Queue::options_data()
{
    QTest::addColumn<bool>("durable");
    QTest::addColumn<bool>("autoDelete");
    QTest::addColumn<quint64>("owner");

    QTest::newRow("plain") << false << false << quint64(0);
    QTest::newRow("durable") << true << false << quint64(0);
    QTest::newRow("auto-delete") << false << true << quint64(0);
    QTest::newRow("exclusive") << false << false << quint64(42);
    QTest::newRow("exclusive auto-delete") << false << true << quint64(1);
}

void tst_Queue::options()
{
    QFETCH(bool, durable);
    QFETCH(bool, autoDelete);
    QFETCH(quint64, owner);

    warren::amqp::FieldTable args{{"x-max-length", warren::amqp::FieldValue::integer(10)}};
    Queue q(3, "q", QueueOptions{durable, autoDelete, owner, args});
    QCOMPARE(q.isDurable(), durable);
    QCOMPARE(q.isAutoDelete(), autoDelete);
    QCOMPARE(q.isExclusive(), owner != 0);
    QCOMPARE(q.exclusiveOwner(), std::uint64_t(owner));
    QVERIFY(q.options().arguments == args);
}

QTEST_GUILESS_MAIN(tst_Queue)
#include "tst_queue.moc"
