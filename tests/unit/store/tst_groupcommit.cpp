// Unit tests of store::GroupCommit: fsync on a pool thread, reported through durable().
// Needs its event loop (timer, queued completion), so the tests wait with QTRY_*.
//
// Concerns:
//  - appended() leads to one durable(n) with n = every record appended so far, and
//    settledRecords() follows; the segment data is in the file by then
//  - records appended while an fsync is in flight are covered by the next one; reported
//    counts only grow and end at the total
//  - nothing appended: no fsync, no signal
//  - syncNow() is synchronous and emits only when there is something new

#include "StoreTestSupport.h"
#include "store/GroupCommit.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace warren;
using store::GroupCommit;
using store::MessageStore;

namespace {

bool openEmpty(MessageStore &store)
{
    QString error;
    return store.open([](quint64) { return true; }, [](quint64, const model::RestoredMessage &) {}, &error);
}

void publish(MessageStore &store, const QByteArray &body)
{
    model::Message m;
    m.body = body;
    m.deliveryMode = 2;
    store.append(m, {1});
}

QList<quint64> reported(const QSignalSpy &spy)
{
    QList<quint64> out;
    for (const QList<QVariant> &args : spy)
        out.append(args.at(0).toULongLong());
    return out;
}

} // namespace

class TestGroupCommit : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("warren.store.info=false")); }

    void durableAfterAppended()
    {
        QTemporaryDir dir;
        MessageStore store(dir.path());
        QVERIFY(openEmpty(store));
        GroupCommit commit(store, 2);
        QSignalSpy spy(&commit, &GroupCommit::durable);
        for (int i = 0; i < 3; ++i)
            publish(store, "body-" + QByteArray::number(i));
        commit.appended();
        // Handed to the OS at once, before any fsync.
        QVERIFY(storetest::readFile(storetest::segmentPath(dir.path(), 1)).contains("body-2"));
        QTRY_COMPARE(spy.count(), 1);
        QCOMPARE(reported(spy), QList<quint64>{3});
        QCOMPARE(commit.settledRecords(), quint64(3));
        QTest::qWait(20);
        QCOMPARE(spy.count(), 1);   // nothing more to do
    }

    void appendsDuringAnFsyncGoWithTheNext()
    {
        QTemporaryDir dir;
        MessageStore store(dir.path());
        QVERIFY(openEmpty(store));
        GroupCommit commit(store, 0);
        QSignalSpy spy(&commit, &GroupCommit::durable);
        for (int i = 0; i < 50; ++i) {
            publish(store, QByteArray(1000, 'x'));
            commit.appended();
            if (i % 10 == 0)
                QTest::qWait(1);   // let some fsyncs start meanwhile
        }
        QTRY_COMPARE(commit.settledRecords(), quint64(50));
        const QList<quint64> counts = reported(spy);
        QVERIFY(!counts.isEmpty());
        QCOMPARE(counts.last(), quint64(50));
        for (qsizetype i = 1; i < counts.size(); ++i)
            QVERIFY(counts[i] > counts[i - 1]);
    }

    void nothingAppendedNothingReported()
    {
        QTemporaryDir dir;
        MessageStore store(dir.path());
        QVERIFY(openEmpty(store));
        GroupCommit commit(store, 1);
        QSignalSpy spy(&commit, &GroupCommit::durable);
        commit.appended();
        QTest::qWait(30);
        QCOMPARE(spy.count(), 0);
        QCOMPARE(commit.settledRecords(), quint64(0));
    }

    void syncNow()
    {
        QTemporaryDir dir;
        MessageStore store(dir.path());
        QVERIFY(openEmpty(store));
        GroupCommit commit(store, 1000);
        QSignalSpy spy(&commit, &GroupCommit::durable);
        commit.syncNow();
        QCOMPARE(spy.count(), 0);
        publish(store, "a");
        publish(store, "b");
        commit.syncNow();   // no event loop needed
        QCOMPARE(reported(spy), QList<quint64>{2});
        QCOMPARE(commit.settledRecords(), quint64(2));
        QVERIFY(storetest::readFile(storetest::segmentPath(dir.path(), 1)).endsWith("b"));
    }
};

QTEST_GUILESS_MAIN(TestGroupCommit)
#include "tst_groupcommit.moc"
