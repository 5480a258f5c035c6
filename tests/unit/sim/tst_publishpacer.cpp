// Unit tests of sim::PublishPacer, when a simulated producer's messages are due:
// - a burst is due at once and ends when sent;
// - a rate is due evenly, the first message at once (2 msg/s: 1 at 0 ms, 2 at 500 ms,
//   3 at 1000 ms), fractional rates included, and never ends;
// - nextDueMs agrees with dueAt: the next message is due exactly then and not a
//   millisecond before;
// - a rate of zero sends nothing.
#include "sim/PublishPacer.h"

#include <QtTest>

using namespace warren::sim;

class PublishPacerTest : public QObject {
    Q_OBJECT
private slots:
    void burstIsDueAtOnce();
    void rateIsDueEvenly();
    void nextDueAgreesWithDueAt_data();
    void nextDueAgreesWithDueAt();
    void zeroRateSendsNothing();
};

void PublishPacerTest::burstIsDueAtOnce()
{
    const PublishPacer pacer = PublishPacer::burst(10);
    QCOMPARE(pacer.dueAt(0), quint64(10));
    QCOMPARE(pacer.nextDueMs(3), qint64(0));
    QVERIFY(!pacer.finished(9));
    QVERIFY(pacer.finished(10));
    QCOMPARE(pacer.nextDueMs(10), qint64(-1));
}

void PublishPacerTest::rateIsDueEvenly()
{
    const PublishPacer pacer = PublishPacer::rate(2);
    QCOMPARE(pacer.dueAt(0), quint64(1));
    QCOMPARE(pacer.dueAt(499), quint64(1));
    QCOMPARE(pacer.dueAt(500), quint64(2));
    QCOMPARE(pacer.dueAt(1000), quint64(3));
    QCOMPARE(pacer.dueAt(10'000), quint64(21));
    QVERIFY(!pacer.finished(1'000'000));
    const PublishPacer slow = PublishPacer::rate(0.5);
    QCOMPARE(slow.dueAt(1999), quint64(1));
    QCOMPARE(slow.dueAt(2000), quint64(2));
}

void PublishPacerTest::nextDueAgreesWithDueAt_data()
{
    QTest::addColumn<double>("rate");
    QTest::newRow("1/s") << 1.0;
    QTest::newRow("3/s") << 3.0;
    QTest::newRow("0.7/s") << 0.7;
    QTest::newRow("1000/s") << 1000.0;
}

void PublishPacerTest::nextDueAgreesWithDueAt()
{
    QFETCH(double, rate);
    const PublishPacer pacer = PublishPacer::rate(rate);
    for (quint64 sent = 1; sent < 50; ++sent) {
        const qint64 next = pacer.nextDueMs(sent);
        QVERIFY2(pacer.dueAt(next) > sent, qPrintable(QStringLiteral("sent %1 at %2").arg(sent).arg(next)));
        QCOMPARE(pacer.dueAt(next - 1), sent);
    }
}

void PublishPacerTest::zeroRateSendsNothing()
{
    const PublishPacer pacer = PublishPacer::rate(0);
    QCOMPARE(pacer.dueAt(100'000), quint64(0));
    QCOMPARE(pacer.nextDueMs(0), qint64(-1));
}

QTEST_GUILESS_MAIN(PublishPacerTest)
#include "tst_publishpacer.moc"
