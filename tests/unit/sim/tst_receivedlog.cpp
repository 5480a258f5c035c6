// Unit tests of sim::ReceivedLog, what a simulated consumer received:
// - entries are kept oldest first with their number, producer and redelivered flag;
// - past its capacity the oldest entries go, while the totals (received, redelivered) stay
//   exact.
#include "sim/ReceivedLog.h"

#include <QtTest>

using namespace warren::sim;

class ReceivedLogTest : public QObject {
    Q_OBJECT
private slots:
    void keepsEntriesInOrder();
    void boundedWithExactTotals();
};

void ReceivedLogTest::keepsEntriesInOrder()
{
    ReceivedLog log;
    log.add({1, QStringLiteral("producer P1"), false});
    log.add({2, QStringLiteral("producer P1"), true});
    QCOMPARE(log.recent().size(), 2);
    QCOMPARE(log.recent().at(0), (ReceivedMessage{1, QStringLiteral("producer P1"), false}));
    QCOMPARE(log.recent().at(1), (ReceivedMessage{2, QStringLiteral("producer P1"), true}));
    QCOMPARE(log.total(), quint64(2));
    QCOMPARE(log.redelivered(), quint64(1));
}

void ReceivedLogTest::boundedWithExactTotals()
{
    ReceivedLog log(10);
    for (quint64 n = 1; n <= 25; ++n)
        log.add({n, {}, n % 5 == 0});
    QCOMPARE(log.recent().size(), 10);
    QCOMPARE(log.recent().front().number, quint64(16));
    QCOMPARE(log.recent().back().number, quint64(25));
    QCOMPARE(log.total(), quint64(25));
    QCOMPARE(log.redelivered(), quint64(5));
}

QTEST_GUILESS_MAIN(ReceivedLogTest)
#include "tst_receivedlog.moc"
