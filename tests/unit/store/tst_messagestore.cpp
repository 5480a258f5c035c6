// Unit tests of store::MessageStore: what a restart gives back, and how the log is kept small.
// The store is driven directly (append / delivered / removed / queueDeleted / pageOut), as
// the queues and channels do, and "restarted" by destroying it and opening a new one on the
// same directory.
//
// Concerns:
//  - a restart reads back no more of a queue than the restore window; the rest comes in order
//  - replay: each queue gets its surviving messages in publish order; acked (removed) ones
//    are gone; delivered-but-unacked ones come back redelivered; a message held by several
//    queues comes back once, shared, with every field it was published with; acks after a
//    restart stick; new store ids after a restart are above every recovered one
//  - deleted queues: messages of a queue the topology no longer knows, or that was deleted
//    during the run, are not restored (messages shared with a live queue stay there), and
//    segments left without live messages are deleted
//  - segments whose messages are all gone are deleted as acks arrive
//  - compaction. It runs inside freeDeadSegments(), i.e. when an append rolls the log over
//    to a new segment, when a release leaves a segment without live messages, on
//    queueDeleted() and at open(); it rewrites the live messages of the oldest segment at
//    the head of the log when at least 3 segments exist and no more than 25% of the
//    messages written into the oldest are still live, then deletes it, and repeats. After
//    it: the same live set (order, queues, redelivered flags) after a restart, fewer bytes
//    on disk, segment 1 gone; above the threshold nothing is rewritten. The rewritten
//    records are on disk before the old segment goes (a copy of the directory taken right
//    after compaction, as a kill -9 would leave it, recovers everything), and a record that
//    cannot be read back does not make compaction loop
//  - a torn or damaged tail of the newest segment: the damaged record is lost (a lost
//    publish, a lost ack brings the message back, a lost delivery mark), nothing before it
//  - transient paged-out records: readable while running, never recovered; delivery and
//    removal of them write nothing; segments holding only them are freed after a restart

#include "StoreFixture.h"
#include "StoreTestSupport.h"
#include "protocol/BasicProperties.h"

using namespace storetest;

class TestMessageStore : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("warren.store.info=false")); }

    void restoreSummarizesEachMessage()
    {
        StoreFixture f;
        QVERIFY(f.open());
        model::Message m = StoreFixture::message("timed");
        m.properties = amqp::BasicProperties{.expiration = "5000"}.encode();
        f.store().append(m, {1});
        f.restart();
        QCOMPARE(f.summaries.size(), 1);
        QCOMPARE(f.summaries[0].storeId, m.storeId);
        QCOMPARE(f.summaries[0].bodySize, 5u);
        QCOMPARE(f.summaries[0].priority, 3);
        QCOMPARE(f.summaries[0].messageTtl, std::optional<qint64>(5000));
    }

    void restoreReadsOnlyWhatTheQueueKeepsInMemory()
    {
        StoreFixture f;
        QVERIFY(f.open());
        for (int i = 0; i < 10; ++i)
            f.publish("m" + QByteArray::number(i), {1});
        f.close();

        // A queue with a window of three of these small messages: three bodies are read at
        // start, the rest when reached.
        MessageStore store(f.path(), qint64(1) << 20);
        model::Queue queue(1, "q1", model::QueueOptions{true}, model::Clock::steady(), nullptr, &store);
        queue.setPagingWindow(3 * model::Queue::kMessageOverheadBytes);
        int loads = 0;
        QString error;
        QVERIFY(store.open([](quint64 q) { return q == 1; },
                           [&](quint64, const model::RestoredMessage &m) {
                               model::RestoredMessage counted = m;
                               counted.load = [&loads, load = m.load] {
                                   ++loads;
                                   return load();
                               };
                               queue.restore(counted);
                           },
                           &error));
        QCOMPARE(loads, 3);
        QCOMPARE(queue.readyCount(), 10);
        QCOMPARE(queue.readyBytes(), 20);
        for (int i = 0; i < 10; ++i) {
            const std::optional<model::QueueEntry> entry = queue.fetch(true);
            QVERIFY(entry && entry->message);
            QCOMPARE(entry->message->body, "m" + QByteArray::number(i));
        }
    }

    void restartReadsNoMoreThanTheRestoreWindow()
    {
        StoreFixture f;
        QVERIFY(f.open());
        constexpr int kMessages = 8000;   // about 10 MiB of memory cost: more than the restore window
        for (int i = 0; i < kMessages; ++i)
            f.publish(QByteArray::number(i).leftJustified(1024, '.'), {1});
        f.close();

        MessageStore store(f.path(), qint64(64) << 20);
        model::Queue queue(1, "q1", model::QueueOptions{true}, model::Clock::steady(), nullptr, &store);
        QString error;
        QVERIFY(store.open([](quint64 q) { return q == 1; },
                           [&](quint64, const model::RestoredMessage &m) { queue.restore(m); }, &error));
        QCOMPARE(queue.readyCount(), kMessages);
        QVERIFY(queue.bytesInMemory() >= model::Queue::kRestoreWindowBytes);
        QVERIFY(queue.bytesInMemory() < model::Queue::kRestoreWindowBytes + 2048);
        QVERIFY(queue.messagesInMemory() < kMessages / 2);
        for (int i = 0; i < kMessages; ++i) {
            const std::optional<model::QueueEntry> entry = queue.fetch(true);
            QVERIFY(entry && entry->message);
            QCOMPARE(entry->message->body, QByteArray::number(i).leftJustified(1024, '.'));
        }
    }

    void replay()
    {
        StoreFixture f;
        QVERIFY(f.open());
        QCOMPARE(f.restoredText(), QByteArray());
        f.publish("m1", {1});
        f.publish("m2", {1, 2});
        f.publish("m3", {2});
        f.publish("m4", {1, 2, 3});
        f.publish("m5", {3});
        f.publish("m6", {1});
        f.publish("m7", {2, 3});
        f.ack(1, "m1");
        f.deliver(2, "m2");
        f.deliver(1, "m4");
        f.ack(2, "m4");
        f.deliver(3, "m5");
        f.ack(3, "m5");
        f.deliver(1, "m6");
        f.ack(3, "m7");
        f.ack(3, "m6");   // not its queue: ignored
        QCOMPARE(f.store().storedMessages(), 5);

        QCOMPARE(f.restart(), QByteArray("1: m2 m4* m6* | 2: m2* m3 m7 | 3: m4"));
        QCOMPARE(f.store().storedMessages(), 5);

        // m4 comes back once, shared by its queues, with everything it was published with.
        QList<model::MessageRef> m4s;
        for (const Restored &r : std::as_const(f.restored)) {
            if (r.message->body == "m4")
                m4s.append(r.message);
        }
        QCOMPARE(m4s.size(), 2);
        QCOMPARE(m4s[0].data(), m4s[1].data());
        const model::Message expected = StoreFixture::message("m4");
        const model::Message &m4 = *m4s[0];
        QCOMPARE(m4.exchange, expected.exchange);
        QCOMPARE(m4.routingKey, expected.routingKey);
        QCOMPARE(m4.ccKeys, expected.ccKeys);
        QCOMPARE(m4.bccKeys, expected.bccKeys);
        QCOMPARE(m4.properties, expected.properties);
        QCOMPARE(m4.deliveryMode, expected.deliveryMode);
        QCOMPARE(m4.priority, expected.priority);
        QCOMPARE(m4.storeId, f.ids.value("m4"));
        QCOMPARE(f.store().load(f.ids.value("m4"))->body, QByteArray("m4"));

        // Work after a restart sticks, and new ids never collide with recovered ones.
        const quint64 m8 = f.publish("m8", {3});
        for (const char *m : {"m2", "m3", "m4", "m6", "m7"})
            QVERIFY2(m8 > f.ids.value(m), m);
        f.ack(2, "m3");
        f.deliver(3, "m4");
        QCOMPARE(f.restart(), QByteArray("1: m2 m4* m6* | 2: m2* m7 | 3: m4* m8"));
        // Replaying again changes nothing.
        QCOMPARE(f.restart(), QByteArray("1: m2 m4* m6* | 2: m2* m7 | 3: m4* m8"));
    }

    void unknownQueueAtRestart()
    {
        StoreFixture f;
        QVERIFY(f.open());
        f.publish("a", {1});
        f.publish("b", {1, 2});
        f.publish("c", {2});
        f.known.remove(2);
        QCOMPARE(f.restart(), QByteArray("1: a b"));
        QCOMPARE(f.store().storedMessages(), 2);
    }

    void queueDeletedDuringRun()
    {
        StoreFixture f;
        QVERIFY(f.open());
        f.publish("a", {1});
        f.publish("b", {1, 2});
        f.publish("c", {2});
        f.store().queueDeleted(f.queue(2));
        QCOMPARE(f.store().storedMessages(), 2);
        f.ack(2, "b");   // a late ack for the deleted queue: harmless
        f.known.remove(2);
        QCOMPARE(f.restart(), QByteArray("1: a b"));
    }

    void queueDeletedFreesSegments()
    {
        StoreFixture f(512);
        QVERIFY(f.open());
        for (int i = 0; i < 40; ++i)
            f.publish(padded(i), {2});
        QVERIFY(segmentFiles(f.path()).size() > 5);
        f.store().queueDeleted(f.queue(2));
        QCOMPARE(f.store().storedMessages(), 0);
        QCOMPARE(segmentFiles(f.path()).size(), 1);   // the current one
        f.known.remove(2);
        QCOMPARE(f.restart(), QByteArray());
    }

    void ackedSegmentsAreDeleted()
    {
        StoreFixture f(512);
        QVERIFY(f.open());
        for (int i = 0; i < 40; ++i)
            f.publish(padded(i), {1});
        const QStringList before = segmentFiles(f.path());
        QVERIFY(before.size() > 5);
        for (int i = 0; i < 20; ++i)
            f.ack(1, name(i));
        // The dead prefix is gone, the rest stays.
        const QStringList middle = segmentFiles(f.path());
        QVERIFY(!middle.contains(before.first()));
        QVERIFY(middle.contains(before.last()));
        QVERIFY(middle.size() < before.size());
        for (int i = 20; i < 40; ++i)
            f.ack(1, name(i));
        QCOMPARE(segmentFiles(f.path()).size(), 1);
        QCOMPARE(f.restart(), QByteArray());
    }

    void compaction()
    {
        StoreFixture f(4096);
        QVERIFY(f.open());
        publishNumbered(f, 240);   // ~200 bytes a record: ~20 a segment, ~12 segments
        QByteArrayList expected1, expected2;
        for (int i = 0; i < 240; ++i) {
            // Ack 7 of 8: every old segment keeps ~12% of its messages; the last message
            // keeps the newest segment live (or its release would start compaction).
            if (i % 8 != 0 && i != 239) {
                f.ack(1, name(i));
                continue;
            }
            if (i % 16 == 0)
                f.deliver(1, name(i));
            expected1.append(name(i) + (i % 16 == 0 ? "*" : ""));
            if (i % 8 == 0)
                expected2.append(name(i));
        }
        const QStringList filesBefore = segmentFiles(f.path());
        const qint64 bytesBefore = segmentBytes(f.path());
        QVERIFY2(filesBefore.size() >= 10, qPrintable(filesBefore.join(u' ')));
        QCOMPARE(filesBefore.first(), QStringLiteral("00000001.wseg"));   // no compaction yet

        // A publish that rolls the log over starts it.
        f.publish(QByteArray(5000, 'T'), {3});   // larger than a segment
        f.ack(3, QByteArray(5000, 'T'));
        const QStringList filesAfter = segmentFiles(f.path());
        const qint64 bytesAfter = segmentBytes(f.path());
        QVERIFY2(!filesAfter.contains(QStringLiteral("00000001.wseg")), qPrintable(filesAfter.join(u' ')));
        QVERIFY2(filesAfter.size() < filesBefore.size() / 2, qPrintable(filesAfter.join(u' ')));
        QVERIFY2(bytesAfter < bytesBefore / 2, qPrintable(QStringLiteral("%1 -> %2").arg(bytesBefore).arg(bytesAfter)));
        QCOMPARE(f.store().storedMessages(), 31);

        const QByteArray expected = "1: " + expected1.join(' ') + " | 2: " + expected2.join(' ');
        // Killed right now (user-space buffers lost): the copy recovers everything.
        QTemporaryDir crashed;
        QVERIFY(copySegments(f.path(), crashed.path()));
        {
            StoreFixture copy(4096);
            QVERIFY(copy.openAt(crashed.path()));
            QCOMPARE(copy.restoredText(), expected);
        }
        QCOMPARE(f.restart(), expected);
        QCOMPARE(f.store().storedMessages(), 31);
        // A later ack of a rewritten message sticks.
        f.ack(1, name(8));
        expected1.removeAt(1);
        QCOMPARE(f.restart(), "1: " + expected1.join(' ') + " | 2: " + expected2.join(' '));
    }

    void noCompactionAboveThreshold()
    {
        StoreFixture f(4096);
        QVERIFY(f.open());
        publishNumbered(f, 240);
        for (int i = 1; i < 240; i += 2)   // half stay live
            f.ack(1, name(i));
        const QStringList filesBefore = segmentFiles(f.path());
        f.publish(QByteArray(5000, 'T'), {3});   // larger than a segment
        const QStringList filesAfter = segmentFiles(f.path());
        QCOMPARE(filesAfter.first(), QStringLiteral("00000001.wseg"));
        QCOMPARE(filesAfter.size(), filesBefore.size() + 1);   // only the new segment
    }

    void compactionSkipsUnreadableRecord()
    {
        StoreFixture f(4096);
        QVERIFY(f.open());
        publishNumbered(f, 240);
        for (int i = 0; i < 239; ++i) {   // the last keeps the newest segment live
            if (i % 8 != 0)
                f.ack(1, name(i));
        }
        // Bit rot under a running broker: message 8 (live, in segment 1) no longer reads back.
        const QString first = segmentPath(f.path(), 1);
        const qint64 at = readFile(first).indexOf(name(8) + QByteArray(20, '.'));   // its body
        QVERIFY(at > 0);
        QVERIFY(flipBit(first, at + 10));
        QVERIFY(!f.store().load(f.ids.value(name(8))));

        StoreWarnings warnings;
        f.publish(QByteArray(5000, 'T'), {3});   // compaction, which must come back
        QVERIFY(segmentFiles(f.path()).contains(QStringLiteral("00000001.wseg")));   // still holds message 8
        QVERIFY(f.store().load(f.ids.value(name(16))));
        f.close();
        // On restart the damage is found: message 8 is lost, all others are there.
        QVERIFY(f.open());
        QVERIFY2(warnings.messages().last().startsWith(first), qPrintable(warnings.messages().join(u'\n')));
        QByteArrayList bodies;
        for (const Restored &r : std::as_const(f.restored)) {
            if (r.queue == 1)
                bodies.append(StoreFixture::label(r.message->body));
        }
        QCOMPARE(bodies.size(), 30);   // m239 is kept too
        QVERIFY(!bodies.contains(name(8)));
        QCOMPARE(bodies.first(), name(0));
        QCOMPARE(bodies.at(1), name(16));
        QCOMPARE(bodies.last(), name(239));
    }

    void damagedNewestTail_data()
    {
        QTest::addColumn<QByteArray>("lastStep");   // what the last record is
        QTest::addColumn<bool>("cut");              // cut the file (torn) or flip a bit in it
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("publish torn") << QByteArray("publish") << true << QByteArray("1: m1 m3 m4 m5");
        QTest::newRow("publish damaged") << QByteArray("publish") << false << QByteArray("1: m1 m3 m4 m5");
        QTest::newRow("ack torn") << QByteArray("ack") << true << QByteArray("1: m1 m3 m4 m5");
        QTest::newRow("ack damaged") << QByteArray("ack") << false << QByteArray("1: m1 m3 m4 m5");
        QTest::newRow("delivery torn") << QByteArray("deliver") << true << QByteArray("1: m1 m3 m4 m5");
        QTest::newRow("delivery damaged") << QByteArray("deliver") << false << QByteArray("1: m1 m3 m4 m5");
    }
    void damagedNewestTail()
    {
        QFETCH(QByteArray, lastStep);
        QFETCH(bool, cut);
        QFETCH(QByteArray, expected);
        StoreFixture f;
        QVERIFY(f.open());
        for (const char *m : {"m1", "m2", "m3", "m4", "m5"})
            f.publish(m, {1});
        f.ack(1, "m2");
        if (lastStep == "publish")
            f.publish("m6", {1});
        else if (lastStep == "ack")
            f.ack(1, "m5");
        else
            f.deliver(1, "m5");
        f.close();

        const QString newest = segmentPath(f.path(), 1);
        const qint64 size = QFileInfo(newest).size();
        QVERIFY(cut ? truncateFile(newest, size - 3) : flipBit(newest, size - 2, 4));
        {
            StoreWarnings warnings;
            QCOMPARE(f.restart(), expected);
            QCOMPARE(warnings.messages().size(), 1);
            QVERIFY2(warnings.messages().first().startsWith(newest), qPrintable(warnings.messages().first()));
        }
        // Repaired: what follows is recovered without complaint.
        f.publish("m9", {1});
        StoreWarnings warnings;
        QCOMPARE(f.restart(), expected + " m9");
        QCOMPARE(warnings.messages(), QStringList{});
    }

    void transientPagedRecords()
    {
        StoreFixture f;
        f.known.insert(9);   // even a queue the topology knows gets no paged messages back
        QVERIFY(f.open());
        const quint64 persistent = f.publish("durable", {1});
        model::Message paged = StoreFixture::message("paged");
        paged.deliveryMode = 1;
        const quint64 records = f.store().appendedRecords();
        const quint64 pagedId = f.store().pageOut(f.queue(9), paged);
        QVERIFY(pagedId > persistent);
        QCOMPARE(f.store().appendedRecords(), records + 1);
        QCOMPARE(f.store().pageIn(pagedId)->body, QByteArray("paged"));
        QCOMPARE(f.store().pageIn(pagedId)->routingKey, QByteArray("key.paged"));

        // A persistent message already stored for the queue is not written again...
        model::Message durable = StoreFixture::message("durable");
        durable.storeId = persistent;
        QCOMPARE(f.store().pageOut(f.queue(1), durable), persistent);
        QCOMPARE(f.store().appendedRecords(), records + 1);
        // ...but one stored for another queue is, for this one, as a transient record.
        const quint64 copyId = f.store().pageOut(f.queue(9), durable);
        QVERIFY(copyId != persistent);
        QCOMPARE(f.store().appendedRecords(), records + 2);
        // Deliveries and removals of transient records write nothing.
        f.store().delivered(f.queue(9), pagedId);
        f.store().removed(f.queue(9), copyId);
        QCOMPARE(f.store().appendedRecords(), records + 2);
        QVERIFY(!f.store().pageIn(copyId));

        QCOMPARE(f.restart(), QByteArray("1: durable"));
        QCOMPARE(f.store().storedMessages(), 1);
        QVERIFY(!f.store().pageIn(pagedId));
        f.store().append(paged, {1});
        QVERIFY(paged.storeId > copyId);   // ids are not reused
    }

    void segmentsOfTransientRecordsFreedAtRestart()
    {
        StoreFixture f(512);
        QVERIFY(f.open());
        for (int i = 0; i < 30; ++i)
            f.store().pageOut(f.queue(9), StoreFixture::message(padded(i)));
        QVERIFY(segmentFiles(f.path()).size() > 5);
        QCOMPARE(f.restart(), QByteArray());
        QCOMPARE(segmentFiles(f.path()).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestMessageStore)
#include "tst_messagestore.moc"
