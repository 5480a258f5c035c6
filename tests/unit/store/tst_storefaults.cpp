// Unit tests of the message store and group commit under failing disks (issue 12, item 1),
// through a DiskIo that fails chosen writes and fsyncs as a full disk or a dying one would.
//
// Concerns:
//  - a failed write is never followed by durable(): the records stay in memory, readable,
//    the store says it is failing (the broker's disk alarm), and the write is retried until
//    it succeeds; then durable() covers them, and a restart finds every message whole
//  - the Nth write failing once (for several N) loses nothing
//  - a failed fsync reports its records lost (their publishes are nacked), never durable;
//    the records appended afterwards become durable normally
//  - nothing acked is empty after a restart

#include "StoreFixture.h"
#include "StoreTestSupport.h"
#include "store/FailingDiskIo.h"
#include "store/GroupCommit.h"

#include <QSignalSpy>


using namespace storetest;
using store::GroupCommit;
using storetest::FailingDiskIo;

namespace {

QByteArray body(int i) { return "msg-" + QByteArray::number(i).rightJustified(4, '0'); }

} // namespace

class TestStoreFaults : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("warren.store.critical=false")); }

    void diskFullHoldsConfirmsAndLosesNothing()
    {
        QTemporaryDir dir;
        FailingDiskIo io;
        {
            MessageStore store(dir.path(), 4096, io);
            QVERIFY(openStore(store));
            GroupCommit commit(store, 2);
            QSignalSpy durable(&commit, &GroupCommit::durable);
            QSignalSpy lost(&commit, &GroupCommit::lost);
            io.full = true;
            QList<quint64> ids;
            for (int i = 0; i < 100; ++i) {   // several segments' worth
                ids.append(append(store, body(i)));
                commit.appended();
            }
            QTest::qWait(300);
            QVERIFY(store.isFailing());
            QCOMPARE(durable.count(), 0);
            QCOMPARE(lost.count(), 0);
            QCOMPARE(store.load(ids.at(50))->body, body(50));   // still readable from memory
            io.full = false;   // space again
            QTRY_VERIFY_WITH_TIMEOUT(!durable.isEmpty() && durable.last().at(0).toULongLong() == store.appendedRecords(),
                                     5000);
            QVERIFY(!store.isFailing());
            QCOMPARE(lost.count(), 0);
        }
        QCOMPARE(restoredBodies(dir.path()).size(), 100);
        QCOMPARE(restoredBodies(dir.path()).value(99), body(99));
    }

    void nthWriteFailsOnce_data()
    {
        QTest::addColumn<int>("n");
        for (int n : {1, 2, 3, 5})
            QTest::addRow("write %d", n) << n;
    }
    void nthWriteFailsOnce()
    {
        QFETCH(int, n);
        QTemporaryDir dir;
        FailingDiskIo io;
        io.failWrite = n;
        {
            MessageStore store(dir.path(), 4096, io);
            QVERIFY(openStore(store));
            GroupCommit commit(store, 2);
            QSignalSpy durable(&commit, &GroupCommit::durable);
            for (int i = 0; i < 40; ++i) {
                append(store, body(i));
                commit.appended();
                if (i % 8 == 7)   // several group commits
                    QTRY_VERIFY_WITH_TIMEOUT(!durable.isEmpty() && durable.last().at(0).toULongLong() == store.appendedRecords(),
                                             5000);
            }
            QTRY_VERIFY_WITH_TIMEOUT(durable.last().at(0).toULongLong() == store.appendedRecords(), 5000);
        }
        const QByteArrayList bodies = restoredBodies(dir.path());
        QCOMPARE(bodies.size(), 40);
        for (int i = 0; i < 40; ++i)
            QCOMPARE(bodies.at(i), body(i));
    }

    void failedFsyncReportsLostNeverDurable()
    {
        QTemporaryDir dir;
        FailingDiskIo io;
        io.failSync = 1;
        MessageStore store(dir.path(), 1 << 20, io);
        QVERIFY(openStore(store));
        GroupCommit commit(store, 2);
        QSignalSpy durable(&commit, &GroupCommit::durable);
        QSignalSpy lost(&commit, &GroupCommit::lost);
        append(store, body(1));
        append(store, body(2));
        commit.appended();
        QTRY_COMPARE(lost.count(), 1);
        QCOMPARE(lost.first().at(0).toULongLong(), quint64(2));
        QCOMPARE(durable.count(), 0);
        append(store, body(3));
        commit.appended();
        QTRY_COMPARE(durable.count(), 1);
        QCOMPARE(durable.first().at(0).toULongLong(), quint64(3));
        QCOMPARE(commit.settledRecords(), quint64(3));
    }

private:
    static bool openStore(MessageStore &store)
    {
        QString error;
        return store.open([](quint64) { return true; }, [](quint64, const model::RestoredMessage &) {}, &error);
    }
    static quint64 append(MessageStore &store, const QByteArray &body)
    {
        model::Message m = StoreFixture::message(body);
        store.append(m, {1});
        return m.storeId;
    }
    // The bodies a restart gives queue 1, in order (none may be empty).
    static QByteArrayList restoredBodies(const QString &path)
    {
        MessageStore store(path, 4096);
        QByteArrayList bodies;
        QString error;
        store.open([](quint64) { return true; },
                   [&](quint64, const model::RestoredMessage &m) {
                       const model::MessageRef message = m.load();
                       bodies.append(message ? message->body : QByteArray("<unreadable>"));
                   },
                   &error);
        return bodies;
    }
};

QTEST_GUILESS_MAIN(TestStoreFaults)
#include "tst_storefaults.moc"
