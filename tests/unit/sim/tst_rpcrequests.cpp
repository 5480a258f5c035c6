// Unit tests of sim::RpcRequests, what an RPC client counts as answered: a reply to one of
// its requests counts once; a second reply to it, an unknown correlation_id, an empty one do
// not; ids differ from request to request; after a reconnect, answers to the requests of the
// old connection no longer count.
#include "sim/RpcRequests.h"

#include <QSet>
#include <QtTest>

using warren::sim::RpcRequests;

class RpcRequestsTest : public QObject {
    Q_OBJECT
private slots:
    void answersCountOnce();
    void forgetPending();
};

void RpcRequestsTest::answersCountOnce()
{
    RpcRequests requests;
    QSet<QByteArray> ids;
    for (int i = 0; i < 100; ++i)
        ids.insert(requests.add());
    QCOMPARE(ids.size(), 100);
    QCOMPARE(requests.unanswered(), 100);
    const QByteArray first = *ids.begin();
    QVERIFY(requests.answer(first));
    QVERIFY(!requests.answer(first));
    QVERIFY(!requests.answer("not one of ours"));
    QVERIFY(!requests.answer(QByteArray()));
    QCOMPARE(requests.answered(), quint64(1));
    QCOMPARE(requests.unanswered(), 99);
}

void RpcRequestsTest::forgetPending()
{
    RpcRequests requests;
    const QByteArray old = requests.add();
    requests.forgetPending();
    QVERIFY(!requests.answer(old));
    QVERIFY(requests.answer(requests.add()));
    QCOMPARE(requests.answered(), quint64(1));
}

QTEST_APPLESS_MAIN(RpcRequestsTest)
#include "tst_rpcrequests.moc"
