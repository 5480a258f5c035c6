// The facade's snapshots cost the broker thread only when someone reads them: with the
// interval at 0 (warren --headless) none is built after the one the start reports; an
// interval set later starts them, and 0 stops them again.
#include "BrokerController.h"
#include "LocalBrokerConfig.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace warren;

class SnapshotIntervalTest : public QObject {
    Q_OBJECT
private slots:
    void noSnapshotsWhenNobodyReads();
};

void SnapshotIntervalTest::noSnapshotsWhenNobodyReads()
{
    QTemporaryDir dir;
    BrokerController broker;
    broker.setSnapshotInterval(0);
    QSignalSpy started(&broker, &BrokerController::started);
    QSignalSpy snapshots(&broker, &BrokerController::snapshotUpdated);
    broker.start(test::localBrokerConfig(dir.path()));
    QVERIFY(started.wait(10000));
    QTest::qWait(700);
    QCOMPARE(snapshots.size(), 1);   // the start's

    broker.setSnapshotInterval(50);
    QTRY_VERIFY_WITH_TIMEOUT(snapshots.size() >= 4, 5000);
    broker.setSnapshotInterval(0);
    QTest::qWait(200);   // one may have been on its way
    const qsizetype stopped = snapshots.size();
    QTest::qWait(500);
    QCOMPARE(snapshots.size(), stopped);
    QVERIFY(broker.stopAndWait(10000));
}

QTEST_GUILESS_MAIN(SnapshotIntervalTest)
#include "tst_snapshotinterval.moc"
