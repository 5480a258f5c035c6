// Unit tests of store::MessageIndex: where each stored message is and which queues hold it.
//
// Concerns:
//  - add / contains / location / queues / delivered / isTransient; size()
//  - release by a queue that does not hold the message changes nothing; the last release
//    removes the message and reports the segment that thereby lost its last live message
//  - several queues holding one message (the side table): queues and delivered flags per
//    queue, releases one by one, and the return to the compact form when one queue is left
//    keeps that queue's delivered flag (whichever queue it is)
//  - markDelivered: compact and multi forms, unknown queue or message ignored
//  - a second add of an id (a compaction rewrite) moves it: live counts follow, written
//    counts do not, size is unchanged; a rewrite of an old message while the window is
//    empty does not stretch the window over every id since (a pinned message rewritten
//    by compaction while millions pass through)
//  - growth: ids added out of order (below the first, with gaps), forEach in id order,
//    holes skipped, the front trimmed as messages go, many messages
//  - per-segment live/written counts and forgetSegment

#include "store/MessageIndex.h"

#include <QtTest/QTest>

using warren::store::MessageIndex;
using Location = MessageIndex::Location;

namespace {

QList<quint64> ids(const MessageIndex &index)
{
    QList<quint64> out;
    index.forEach([&](quint64 id) { out.append(id); });
    return out;
}

bool sameLocation(Location a, Location b) { return a.segment == b.segment && a.offset == b.offset; }

} // namespace

class TestMessageIndex : public QObject {
    Q_OBJECT
private slots:
    void addLookupRelease()
    {
        MessageIndex index;
        QVERIFY(!index.contains(1));
        index.add(1, {1, 0}, {10}, {}, false);
        index.add(2, {1, 40}, {10}, {}, true);
        index.add(3, {2, 0}, {11}, {11}, false);
        QCOMPARE(index.size(), 3);
        QVERIFY(index.contains(1) && index.contains(2) && index.contains(3));
        QVERIFY(!index.contains(0) && !index.contains(4));
        QVERIFY(sameLocation(index.location(2), {1, 40}));
        QCOMPARE(index.queues(1), QList<quint64>{10});
        QCOMPARE(index.delivered(1), QList<quint64>{});
        QCOMPARE(index.delivered(3), QList<quint64>{11});
        QVERIFY(!index.isTransient(1));
        QVERIFY(index.isTransient(2));
        QCOMPARE(index.liveIn(1), 2);
        QCOMPARE(index.liveIn(2), 1);

        QCOMPARE(index.release(1, 99), std::nullopt);   // not its queue
        QVERIFY(index.contains(1));
        QCOMPARE(index.release(1, 10), std::nullopt);   // segment 1 still holds message 2
        QVERIFY(!index.contains(1));
        QCOMPARE(index.queues(1), QList<quint64>{});
        QCOMPARE(index.release(1, 10), std::nullopt);   // twice: nothing
        QCOMPARE(index.release(2, 10), std::optional<quint32>(1));
        QCOMPARE(index.liveIn(1), 0);
        QCOMPARE(index.writtenIn(1), 2);
        QCOMPARE(index.size(), 1);
        QCOMPARE(ids(index), QList<quint64>{3});

        index.add(4, {3, 0}, {}, {}, false);   // held by no queue: not stored
        QVERIFY(!index.contains(4));
        QCOMPARE(index.size(), 1);
    }

    void severalQueues()
    {
        MessageIndex index;
        index.add(5, {1, 0}, {10, 20, 30}, {20}, false);
        QCOMPARE(index.queues(5), (QList<quint64>{10, 20, 30}));
        QCOMPARE(index.delivered(5), QList<quint64>{20});
        index.markDelivered(5, 30);
        index.markDelivered(5, 30);
        index.markDelivered(5, 99);   // not a holder: no effect on what is recovered
        QCOMPARE(index.queues(5), (QList<quint64>{10, 20, 30}));

        QCOMPARE(index.release(5, 10), std::nullopt);
        QCOMPARE(index.queues(5), (QList<quint64>{20, 30}));
        QCOMPARE(index.release(5, 10), std::nullopt);   // already released by 10
        QCOMPARE(index.queues(5), (QList<quint64>{20, 30}));
        QCOMPARE(index.release(5, 20), std::nullopt);
        // Compact again, with 30's delivered flag.
        QCOMPARE(index.queues(5), QList<quint64>{30});
        QCOMPARE(index.delivered(5), QList<quint64>{30});
        QCOMPARE(index.size(), 1);
        QCOMPARE(index.release(5, 30), std::optional<quint32>(1));
        QVERIFY(!index.contains(5));
        QCOMPARE(index.size(), 0);
    }

    void backToCompactKeepsTheRemainingQueuesFlag_data()
    {
        QTest::addColumn<quint64>("releasedFirst");
        QTest::addColumn<quint64>("remaining");
        QTest::addColumn<bool>("remainingDelivered");
        QTest::newRow("first queue goes, delivered one stays") << quint64(5) << quint64(6) << true;
        QTest::newRow("delivered one goes, first stays") << quint64(6) << quint64(5) << false;
    }
    void backToCompactKeepsTheRemainingQueuesFlag()
    {
        QFETCH(quint64, releasedFirst);
        QFETCH(quint64, remaining);
        QFETCH(bool, remainingDelivered);
        MessageIndex index;
        index.add(1, {1, 0}, {5, 6}, {6}, false);
        QCOMPARE(index.release(1, releasedFirst), std::nullopt);
        QCOMPARE(index.queues(1), QList<quint64>{remaining});
        QCOMPARE(index.delivered(1), remainingDelivered ? QList<quint64>{remaining} : QList<quint64>{});
        // And the compact form goes on working for that queue.
        index.markDelivered(1, remaining);
        QCOMPARE(index.delivered(1), QList<quint64>{remaining});
        QCOMPARE(index.release(1, releasedFirst), std::nullopt);
        QCOMPARE(index.release(1, remaining), std::optional<quint32>(1));
    }

    void markDeliveredCompact()
    {
        MessageIndex index;
        index.add(1, {1, 0}, {7}, {}, false);
        index.markDelivered(1, 8);    // another queue
        index.markDelivered(2, 7);    // another message
        QCOMPARE(index.delivered(1), QList<quint64>{});
        index.markDelivered(1, 7);
        QCOMPARE(index.delivered(1), QList<quint64>{7});
        QVERIFY(!index.contains(2));
    }

    void readdMovesTheMessage()
    {
        MessageIndex index;
        index.add(1, {1, 0}, {10, 11}, {11}, false);
        index.add(2, {1, 60}, {10}, {}, false);
        // Compaction rewrote message 1 at the head of the log, with what it knew then.
        index.add(1, {3, 0}, {11}, {11}, false);
        QCOMPARE(index.size(), 2);
        QVERIFY(sameLocation(index.location(1), {3, 0}));
        QCOMPARE(index.queues(1), QList<quint64>{11});
        QCOMPARE(index.delivered(1), QList<quint64>{11});
        QCOMPARE(index.liveIn(1), 1);
        QCOMPARE(index.writtenIn(1), 2);
        QCOMPARE(index.liveIn(3), 1);
        QCOMPARE(index.release(1, 10), std::nullopt);   // 10 was dropped by the rewrite
        QCOMPARE(index.release(1, 11), std::optional<quint32>(3));
        QCOMPARE(index.release(2, 10), std::optional<quint32>(1));
    }

    void rewriteOfAnOldMessageKeepsTheWindowSmall()
    {
        MessageIndex index;
        index.add(1, {1, 0}, {10}, {}, false);   // pinned
        quint64 id = 2;
        for (; id < 6000; ++id) {                // passing: the pinned one becomes a straggler
            index.add(id, {2, quint32(id)}, {20}, {}, false);
            index.release(id, 20);
        }
        QCOMPARE(index.capacity(), qsizetype(1));
        index.add(1, {3, 0}, {10}, {}, false);   // compaction rewrites it; the window is empty
        index.add(id, {3, 60}, {20}, {}, false);
        QVERIFY2(index.capacity() <= 3, qPrintable(QString::number(index.capacity())));
        QVERIFY(sameLocation(index.location(1), {3, 0}));
        QCOMPARE(index.release(id, 20), std::optional<quint32>());
        QCOMPARE(index.release(1, 10), std::optional<quint32>(3));
        QCOMPARE(index.size(), 0);
    }

    void growthAndOrder()
    {
        MessageIndex index;
        index.add(100, {1, 0}, {1}, {}, false);
        index.add(50, {1, 10}, {1}, {}, false);   // below the first id
        index.add(200, {1, 20}, {1}, {}, false);  // a gap
        index.add(49, {1, 30}, {1, 2}, {}, false);
        QCOMPARE(ids(index), (QList<quint64>{49, 50, 100, 200}));
        QVERIFY(!index.contains(75) && !index.contains(48) && !index.contains(201));
        QCOMPARE(index.queues(49), (QList<quint64>{1, 2}));
        QVERIFY(sameLocation(index.location(50), {1, 10}));
        QVERIFY(sameLocation(index.location(200), {1, 20}));

        QCOMPARE(index.release(100, 1), std::nullopt);   // a hole in the middle
        QCOMPARE(ids(index), (QList<quint64>{49, 50, 200}));
        QCOMPARE(index.release(49, 1), std::nullopt);
        QCOMPARE(index.release(49, 2), std::nullopt);
        QCOMPARE(index.release(50, 1), std::nullopt);   // the front goes
        QCOMPARE(ids(index), QList<quint64>{200});
        index.add(10, {2, 0}, {1}, {}, false);          // far below the front again
        QCOMPARE(ids(index), (QList<quint64>{10, 200}));
        QCOMPARE(index.release(200, 1), std::optional<quint32>(1));
        QCOMPARE(index.size(), 1);
    }

    void manyMessages()
    {
        MessageIndex index;
        constexpr quint64 n = 199999;   // segments of 1000 ids: 0 holds 1..999, 199 holds 199000..199999
        const auto queueOf = [](quint64 id) { return id % 3 ? quint64(1) : quint64(2); };
        for (quint64 id = 1; id <= n; ++id)
            index.add(id, {quint32(id / 1000), quint32(id % 1000)}, {queueOf(id)}, {}, false);
        QCOMPARE(index.size(), qsizetype(n));
        QCOMPARE(index.liveIn(0), 999);
        QCOMPARE(index.liveIn(7), 1000);
        // Acknowledge all but every 1000th, oldest first: the front is trimmed as it goes.
        qsizetype freed = 0;
        for (quint64 id = 1; id <= n; ++id) {
            if (id % 1000 != 999 && index.release(id, queueOf(id)))
                ++freed;
        }
        QCOMPARE(freed, 0);   // every segment keeps its ...999
        QCOMPARE(index.size(), 200);
        QCOMPARE(index.liveIn(7), 1);
        QCOMPARE(index.writtenIn(7), 1000);
        const QList<quint64> left = ids(index);
        QCOMPARE(left.size(), 200);
        QCOMPARE(left.first(), quint64(999));
        QCOMPARE(left.at(1), quint64(1999));
        QCOMPARE(left.last(), n);
        QVERIFY(sameLocation(index.location(123999), {123, 999}));
        QCOMPARE(index.queues(123999), QList<quint64>{queueOf(123999)});
    }

    void forgetSegment()
    {
        MessageIndex index;
        index.add(1, {4, 0}, {1}, {}, false);
        QCOMPARE(index.release(1, 1), std::optional<quint32>(4));
        QCOMPARE(index.writtenIn(4), 1);
        index.forgetSegment(4);
        QCOMPARE(index.writtenIn(4), 0);
        QCOMPARE(index.liveIn(4), 0);
    }
};

QTEST_APPLESS_MAIN(TestMessageIndex)
#include "tst_messageindex.moc"
