// Unit tests of the message store at the edges of what clients may ask of it (issue 12, items
// 4 to 6): sizes that do not fit the narrow fields of an older record format, an index whose
// memory must follow the live messages, queue deletion, and many segment files.
//
// Concerns:
//  - keys of any legal length (a routing key longer than 255 bytes comes from a dead-letter
//    routing key or a CC header) and more than 65,535 holder queues come back after a restart
//  - records an older Warren wrote (16-bit counts, short keys) are still read
//  - one message pinned while a million pass through: the index keeps a few thousand slots,
//    the log a few segments, and the pinned message survives a restart
//  - deleting a queue releases what it held, ready or delivered and unsettled, and nothing
//    of the other queues
//  - a paged-out message whose record was damaged under the running broker is dropped
//    (with an error logged), never delivered as an empty message; the next one is delivered
//  - a store of 2,000 segments restarts and reads every message back under a limit of 256
//    file descriptors (segments are opened on demand, a few at a time)

#include "StoreFixture.h"
#include "StoreTestSupport.h"
#include "protocol/ByteWriter.h"
#include "store/MessageRecord.h"
#include "store/SegmentLog.h"

#include <sys/resource.h>

using namespace storetest;

namespace {

// A publish record as Warren wrote it before counts were 32-bit and keys long strings.
QByteArray legacyPublishRecord(quint64 id, const QList<quint64> &queues, const model::Message &m)
{
    QByteArray out;
    amqp::ByteWriter w(out);
    w.u64(id);
    w.u16(quint16(queues.size()));
    for (quint64 q : queues)
        w.u64(q);
    w.u16(0);   // delivered
    w.u8(0);    // not transient
    w.u8(m.deliveryMode);
    w.u8(m.priority);
    w.shortString(m.exchange);
    w.shortString(m.routingKey);
    w.u16(quint16(m.ccKeys.size()));
    for (const QByteArray &k : m.ccKeys)
        w.shortString(k);
    w.u16(0);   // bcc
    w.longString(m.properties);
    w.u32(quint32(m.body.size()));
    w.finish();
    return out + m.body;
}

// Lowers the process's descriptor limit while alive.
class DescriptorLimit {
public:
    explicit DescriptorLimit(rlim_t soft)
    {
        getrlimit(RLIMIT_NOFILE, &saved_);
        rlimit lowered = saved_;
        lowered.rlim_cur = soft;
        ok_ = setrlimit(RLIMIT_NOFILE, &lowered) == 0;
    }
    ~DescriptorLimit() { setrlimit(RLIMIT_NOFILE, &saved_); }
    bool ok() const { return ok_; }

private:
    rlimit saved_{};
    bool ok_ = false;
};

} // namespace

class TestStoreLimits : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("warren.store.info=false")); }

    void keysLongerThan255Bytes()
    {
        StoreFixture f;
        QVERIFY(f.open());
        model::MessageRef m(new model::Message(StoreFixture::message("long")));
        m->routingKey = QByteArray(300, 'r');                    // from x-dead-letter-routing-key
        m->ccKeys = {QByteArray(70000, 'c'), "short"};            // a CC header's long string
        m->bccKeys = {QByteArray(256, 'b')};
        f.publish(m, {1});
        QCOMPARE(f.restart(), QByteArray("1: long"));
        const model::MessageRef back = f.restored.value(0).message;
        QCOMPARE(back->routingKey, m->routingKey);
        QCOMPARE(back->ccKeys, m->ccKeys);
        QCOMPARE(back->bccKeys, m->bccKeys);
        QCOMPARE(back->properties, m->properties);
    }

    void moreThan65535HolderQueues()
    {
        constexpr quint64 queues = 70000;
        StoreFixture f;
        QList<quint64> all;
        for (quint64 q = 1; q <= queues; ++q) {
            all.append(q);
            f.known.insert(q);
        }
        QVERIFY(f.open());
        f.publish("fan", all);
        f.deliver(65537, "fan");
        f.close();
        QVERIFY(f.open());
        QCOMPARE(f.restored.size(), qsizetype(queues));
        QSet<quint64> seen;
        for (const Restored &r : std::as_const(f.restored)) {
            seen.insert(r.queue);
            QCOMPARE(r.redelivered, r.queue == 65537);
            QCOMPARE(r.message, f.restored.first().message);   // read once, shared
        }
        QCOMPARE(seen.size(), qsizetype(queues));
        // Every queue but two settles: each release costs the same, whatever the fanout.
        const quint64 id = f.restored.first().message->storeId;
        for (quint64 q = 1; q <= queues - 2; ++q)
            f.store().removed(f.queue(q), id);
        QCOMPARE(f.restart(), QByteArray("69999: fan | 70000: fan"));
    }

    void legacyRecordsAreStillRead()
    {
        StoreFixture f;
        {
            store::SegmentLog log(f.path(), qint64(1) << 20);
            QVERIFY(log.open([](store::SegmentLog::Position, quint8, QByteArrayView) {}));
            const model::Message m = StoreFixture::message("old");
            log.append(quint8(store::RecordType::LegacyPublish), {legacyPublishRecord(7, {1, 2}, m)});
            log.append(quint8(store::RecordType::Removed), {store::encodeQueueMessage({2, 7})});
        }
        QCOMPARE(f.restart(), QByteArray("1: old"));
        QCOMPARE(f.restored.value(0).message->routingKey, StoreFixture::message("old").routingKey);
        QCOMPARE(f.restored.value(0).message->ccKeys, StoreFixture::message("old").ccKeys);
        f.publish("new", {1});   // ids go on above the old record's
        QVERIFY(f.ids.value("new") > 7);
        QCOMPARE(f.restart(), QByteArray("1: old new"));
    }

    void indexFollowsLiveMessages()
    {
        constexpr int passing = 1000000;
        StoreFixture f(qint64(1) << 20);
        QVERIFY(f.open());
        f.publish("pinned", {1});
        model::Queue &q2 = f.queue(2);
        qsizetype capacity = 0;   // at its largest: between an append and its removal too
        for (int i = 0; i < passing; ++i) {
            model::Message m = StoreFixture::message("x");
            f.store().append(m, {2});
            capacity = qMax(capacity, f.store().indexCapacity());
            f.store().removed(q2, m.storeId);
        }
        QCOMPARE(f.store().storedMessages(), 1);
        QVERIFY2(capacity <= 8192, qPrintable(QString::number(capacity)));
        QVERIFY2(segmentFiles(f.path()).size() <= 4, qPrintable(segmentFiles(f.path()).join(QLatin1Char(' '))));
        QCOMPARE(f.restart(), QByteArray("1: pinned"));
    }

    void queueDeletionReleasesWhatItHeld()
    {
        StoreFixture f;
        QVERIFY(f.open());
        for (const char *m : {"a", "b", "c", "d"})
            f.publish(m, {1, 3});
        f.publish("e", {3});
        model::Queue &q3 = f.queue(3);
        q3.fetch(false);      // "a": delivered, awaiting its ack
        q3.fetch(true);     // "b": delivered with no ack, done
        f.store().delivered(q3, f.ids.value("a"));
        f.store().removed(q3, f.ids.value("b"));
        QCOMPARE(f.store().storedMessages(), 5);
        f.store().queueDeleted(q3);
        QCOMPARE(f.store().storedMessages(), 4);   // "e" only in queue 3
        f.known.remove(3);
        QCOMPARE(f.restart(), QByteArray("1: a b c d"));
    }

    void unreadablePagedMessageIsNeverDeliveredEmpty()
    {
        StoreFixture f;
        QVERIFY(f.open());
        model::Queue q(1, "paged", model::QueueOptions{true}, model::Clock::steady(), nullptr, &f.store());
        q.setPagingWindow(0);   // everything to disk
        for (const char *body : {"first-body", "second-body", "third-body"})
            q.enqueue(model::MessageRef(new model::Message(StoreFixture::message(body))), std::nullopt);
        f.store().flush();
        const QString segment = segmentPath(f.path(), 1);
        const qint64 at = readFile(segment).indexOf("second-body");
        QVERIFY(at > 0);
        QVERIFY(flipBit(segment, at + 3));
        QByteArrayList got;
        for (int i = 0; i < 3; ++i) {
            if (std::optional<model::QueueEntry> e = q.fetch(true))
                got.append(e->message->body);
        }
        QCOMPARE(got, (QByteArrayList{"first-body", "third-body"}));
        QCOMPARE(q.readyCount(), 0);
    }

    void thousandsOfSegmentsUnderADescriptorLimit()
    {
        constexpr int messages = 2000;
        StoreFixture f(256);   // every record in a segment of its own
        QVERIFY(f.open());
        for (int i = 0; i < messages; ++i)
            f.publish(padded(i), {1});
        QCOMPARE(segmentFiles(f.path()).size(), messages);
        f.close();

        const DescriptorLimit limit(256);
        QVERIFY(limit.ok());
        QVERIFY(f.open());
        QCOMPARE(f.restored.size(), qsizetype(messages));
        for (int i = 0; i < messages; ++i)
            QCOMPARE(StoreFixture::label(f.restored.at(i).message->body), name(i));
        // Reads across every segment, newest first, still find their files.
        for (int i = messages - 1; i >= 0; i -= 7)
            QVERIFY(f.store().load(f.ids.value(name(i))));
        f.publish("after", {1});   // and appends go on
        QCOMPARE(f.restart().right(5), QByteArray("after"));
    }
};

QTEST_GUILESS_MAIN(TestStoreLimits)
#include "tst_storelimits.moc"
