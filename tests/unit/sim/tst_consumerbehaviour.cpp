// Unit tests of what a simulated consumer does with its messages (sim::settlementFor,
// sim::ProcessingTime):
// - manual ack: ack, reject with requeue, nack without requeue, or kept unacknowledged
//   (forget) as the outcome says;
// - crash before ack and hang at the failAfter-th message, the ones before acknowledged;
// - automatic ack: nothing to settle (the broker did at delivery), but crash and hang still
//   happen;
// - processing time: fixed, or drawn within [min, max]; the same seed gives the same times,
//   another seed other times.
#include "sim/ProcessingTime.h"
#include "sim/Settlement.h"

#include <QtTest>

using namespace warren::sim;

Q_DECLARE_METATYPE(AckMode)
Q_DECLARE_METATYPE(Outcome)
Q_DECLARE_METATYPE(Settlement)

class ConsumerBehaviourTest : public QObject {
    Q_OBJECT
private slots:
    void settlement_data();
    void settlement();
    void fixedProcessingTime();
    void seededProcessingTime();
};

void ConsumerBehaviourTest::settlement_data()
{
    QTest::addColumn<AckMode>("ack");
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<int>("failAfter");
    QTest::addColumn<quint64>("nth");
    QTest::addColumn<Settlement>("expected");
    const AckMode manual = AckMode::Manual;
    const AckMode automatic = AckMode::Automatic;
    QTest::newRow("ack") << manual << Outcome::Ack << 1 << quint64(5) << Settlement::Ack;
    QTest::newRow("reject") << manual << Outcome::RejectRequeue << 1 << quint64(1) << Settlement::RejectRequeue;
    QTest::newRow("nack") << manual << Outcome::NackDiscard << 1 << quint64(2) << Settlement::NackDiscard;
    QTest::newRow("forget") << manual << Outcome::Forget << 1 << quint64(3) << Settlement::Keep;
    QTest::newRow("before the crash") << manual << Outcome::CrashBeforeAck << 3 << quint64(2) << Settlement::Ack;
    QTest::newRow("crash") << manual << Outcome::CrashBeforeAck << 3 << quint64(3) << Settlement::Crash;
    QTest::newRow("crash at once") << manual << Outcome::CrashBeforeAck << 0 << quint64(1) << Settlement::Crash;
    QTest::newRow("before hanging") << manual << Outcome::Hang << 2 << quint64(1) << Settlement::Ack;
    QTest::newRow("hang") << manual << Outcome::Hang << 2 << quint64(2) << Settlement::Hang;
    QTest::newRow("auto ack") << automatic << Outcome::Ack << 1 << quint64(1) << Settlement::None;
    QTest::newRow("auto reject") << automatic << Outcome::RejectRequeue << 1 << quint64(1) << Settlement::None;
    QTest::newRow("auto nack") << automatic << Outcome::NackDiscard << 1 << quint64(1) << Settlement::None;
    QTest::newRow("auto forget") << automatic << Outcome::Forget << 1 << quint64(1) << Settlement::None;
    QTest::newRow("auto before the crash") << automatic << Outcome::CrashBeforeAck << 2 << quint64(1)
                                           << Settlement::None;
    QTest::newRow("auto crash") << automatic << Outcome::CrashBeforeAck << 2 << quint64(2) << Settlement::Crash;
    QTest::newRow("auto hang") << automatic << Outcome::Hang << 1 << quint64(1) << Settlement::Hang;
}

void ConsumerBehaviourTest::settlement()
{
    QFETCH(AckMode, ack);
    QFETCH(Outcome, outcome);
    QFETCH(int, failAfter);
    QFETCH(quint64, nth);
    QFETCH(Settlement, expected);
    ConsumerSpec spec;
    spec.ackMode = ack;
    spec.outcome = outcome;
    spec.failAfter = failAfter;
    QCOMPARE(settlementFor(spec, nth), expected);
}

void ConsumerBehaviourTest::fixedProcessingTime()
{
    ProcessingTime time(150, 150, 7);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(time.nextMs(), 150);
}

void ConsumerBehaviourTest::seededProcessingTime()
{
    const auto draws = [](quint32 seed) {
        ProcessingTime time(50, 200, seed);
        QList<int> out;
        for (int i = 0; i < 50; ++i)
            out << time.nextMs();
        return out;
    };
    const QList<int> first = draws(42);
    QCOMPARE(draws(42), first);
    QVERIFY(draws(43) != first);
    for (int ms : first)
        QVERIFY(ms >= 50 && ms <= 200);
    QVERIFY(*std::min_element(first.begin(), first.end()) < *std::max_element(first.begin(), first.end()));
}

QTEST_GUILESS_MAIN(ConsumerBehaviourTest)
#include "tst_consumerbehaviour.moc"
