// A confirm means the record is on disk, end to end (issue 12, item 1): a publisher in
// confirm mode sends persistent messages to a durable queue through the connection code,
// over a store whose disk fails. The fsync that fails turns into basic.nack for the publish
// it covered, never basic.ack; the next publish, whose fsync succeeds, is acked; a write that
// fails (a full disk) holds the confirm until the write succeeds.
#include "server/ConnectionTestSupport.h"
#include "store/FailingDiskIo.h"

#include "store/MessageStore.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace warren;
using namespace warren::amqp;
using storetest::FailingDiskIo;
using testing::Client;
using testing::methodsOf;

class DurableConfirmsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("warren.store.critical=false")); }
    void failedFsyncNacksThePublish();
    void failedWriteHoldsTheConfirm();

private:
    // A broker whose message store writes through `io`, and a confirming publisher on it.
    struct Broker {
        explicit Broker(FailingDiskIo &io)
        {
            context.setMessageStore(std::make_unique<store::MessageStore>(dir.path(), 1 << 20, io), 1);
            QString error;
            QVERIFY(context.recoverMessages(&error));
            publisher.handshake();
            publisher.send(1, QueueDeclare{0, "d", false, true, false, false, false, {}});
            publisher.send(1, ConfirmSelect{false});
            publisher.flush();
            publisher.replies();
        }
        void publishPersistent(const QByteArray &body)
        {
            BasicProperties p;
            p.deliveryMode = 2;
            publisher.publish(1, "", "d", body, p);
            publisher.flush();
            context.persistChanges();
        }
        QTemporaryDir dir;
        server::ServerContext context;
        Client publisher{context};
    };
};

void DurableConfirmsTest::failedFsyncNacksThePublish()
{
    FailingDiskIo io;
    io.failSync = 1;
    Broker b(io);
    b.publishPersistent("lost to the disk");
    QList<testing::Received> r;
    QTRY_VERIFY_WITH_TIMEOUT(!(r += b.publisher.replies()).isEmpty(), 5000);
    QCOMPARE(methodsOf(r), QList<MethodId>{BasicNack::id});
    QCOMPARE(b.publisher.decode<BasicNack>(r[0]).deliveryTag, std::uint64_t(1));

    b.publishPersistent("kept");
    r.clear();
    QTRY_VERIFY_WITH_TIMEOUT(!(r += b.publisher.replies()).isEmpty(), 5000);
    QCOMPARE(methodsOf(r), QList<MethodId>{BasicAck::id});
    QCOMPARE(b.publisher.decode<BasicAck>(r[0]).deliveryTag, std::uint64_t(2));
}

void DurableConfirmsTest::failedWriteHoldsTheConfirm()
{
    FailingDiskIo io;
    io.full = true;
    Broker b(io);
    b.publishPersistent("waits for room");
    QTest::qWait(300);   // retries run meanwhile, and fail
    QVERIFY(b.publisher.replies().isEmpty());
    QVERIFY(b.context.messageStoreFailing());
    io.full = false;
    QList<testing::Received> r;
    QTRY_VERIFY_WITH_TIMEOUT(!(r += b.publisher.replies()).isEmpty(), 5000);
    QCOMPARE(methodsOf(r), QList<MethodId>{BasicAck::id});
}

QTEST_GUILESS_MAIN(DurableConfirmsTest)
#include "tst_durableconfirms.moc"
