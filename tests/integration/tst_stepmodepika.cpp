// Step mode from outside: the facade's commands (BrokerController::call on the
// ManagementService) against a real broker on a TCP port, with pika consumers and a pika
// publisher as separate processes (clients/pika_consumer.py).
// - paused (the whole vhost): nothing is delivered, a confirmed publish is accepted and the
//   messages wait as ready, consumers with a 1 s heartbeat stay connected;
// - step: exactly one delivery, to the consumer the round-robin picks (they alternate);
// - a paused queue alone: the same, and stepping a queue nobody consumes releases nothing
//   (and says a message waits: no consumer could take it);
// - resume: the rest is delivered;
// - stopping the broker lifts every pause (nothing stays held across a restart).
#include "BrokerController.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QtTest>

#include <memory>
#include <optional>
#include "TestSupport.h"

using namespace warren;
using management::ManagementService;

using warren::test::freePort;

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");

// A pika consumer process; its JSON lines ("delivery" events) are collected as they come.
class Consumer {
public:
    Consumer(quint16 port, const QString &queue)
    {
        process_.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QObject::connect(&process_, &QProcess::readyReadStandardOutput, [this] { read(); });
        process_.start(kPython, {QStringLiteral(WARREN_CLIENTS_DIR "/pika_consumer.py"), QStringLiteral("--port"),
                                 QString::number(port), QStringLiteral("--queue"), queue,
                                 QStringLiteral("--auto-ack"), QStringLiteral("--heartbeat"), QStringLiteral("1")});
    }
    ~Consumer()
    {
        process_.kill();
        process_.waitForFinished(3000);
    }
    bool waitConsuming() { return QTest::qWaitFor([this] { return consuming_; }, 10000); }
    const QStringList &bodies() const { return bodies_; }
    bool running() const { return process_.state() == QProcess::Running; }

private:
    void read()
    {
        while (process_.canReadLine()) {
            const QJsonObject o = QJsonDocument::fromJson(process_.readLine()).object();
            const QString event = o.value(QStringLiteral("event")).toString();
            consuming_ = consuming_ || event == QLatin1String("consuming");
            if (event == QLatin1String("delivery"))
                bodies_.append(o.value(QStringLiteral("body")).toString());
        }
    }

    QProcess process_;
    bool consuming_ = false;
    QStringList bodies_;
};

} // namespace

class StepModeTest : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void pausedVHostHoldsDeliveriesAndStepReleasesOne();
    void pausedQueue();
    void stopLiftsThePause();

private:
    template <class R, class... Params, class... Args>
    R call(R (ManagementService::*method)(Params...), Args &&...args);
    // Publishes with a pika publisher in confirm mode; true when every publish was confirmed.
    bool publish(const QString &queue, int count);
    const QueueSnapshot *queue(const QString &name) const;

    std::unique_ptr<BrokerController> broker_;
    quint16 port_ = 0;
};

template <class R, class... Params, class... Args>
R StepModeTest::call(R (ManagementService::*method)(Params...), Args &&...args)
{
    std::optional<R> result;
    broker_->call(method, this, std::function<void(const R &)>([&result](const R &r) { result = r; }),
                  std::forward<Args>(args)...);
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 5000))
        qWarning("no answer from the broker within 5 s");
    return result.value_or(R{});
}

bool StepModeTest::publish(const QString &queue, int count)
{
    const QString script = QStringLiteral(
        "import pika, sys\n"
        "c = pika.BlockingConnection(pika.ConnectionParameters(host='127.0.0.1', port=%1))\n"
        "ch = c.channel(); ch.confirm_delivery()\n"
        "for i in range(%3): ch.basic_publish('', '%2', ('m%d' % (i + 1)).encode())\n"
        "c.close()\n").arg(port_).arg(queue).arg(count);
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedChannels);
    p.start(kPython, {QStringLiteral("-c"), script});
    return p.waitForFinished(15000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

const QueueSnapshot *StepModeTest::queue(const QString &name) const
{
    for (const QueueSnapshot &q : broker_->lastSnapshot().queues) {
        if (q.name == name)
            return &q;
    }
    return nullptr;
}

void StepModeTest::init()
{
    port_ = freePort();
    BrokerConfig config;
    config.bindAddresses = {QHostAddress(QHostAddress::LocalHost)};
    config.port = port_;
    broker_ = std::make_unique<BrokerController>();
    broker_->setSnapshotInterval(50);
    broker_->start(config);
    QTRY_VERIFY_WITH_TIMEOUT(broker_->isRunning(), 10000);
    QVERIFY(call(&ManagementService::declareQueue, management::QueueSpec{QStringLiteral("/"), QStringLiteral("steps"),
                                                                         false}).ok());
}

void StepModeTest::cleanup()
{
    broker_->stopAndWait();
    broker_.reset();
}

void StepModeTest::pausedVHostHoldsDeliveriesAndStepReleasesOne()
{
    QVERIFY(call(&ManagementService::pauseDeliveries, QStringLiteral("/"), QString()).ok());
    Consumer a(port_, QStringLiteral("steps"));
    QVERIFY(a.waitConsuming());
    Consumer b(port_, QStringLiteral("steps"));
    QVERIFY(b.waitConsuming());

    QVERIFY(publish(QStringLiteral("steps"), 5));   // confirmed: publishing goes on
    QTRY_COMPARE(queue(QStringLiteral("steps"))->ready, 5);
    QVERIFY(queue(QStringLiteral("steps"))->paused);
    QTest::qWait(2500);   // longer than two heartbeat intervals: both stay connected, nothing comes
    QVERIFY(a.running() && b.running());
    QCOMPARE(a.bodies().size() + b.bodies().size(), 0);
    QCOMPARE(queue(QStringLiteral("steps"))->ready, 5);

    // Each step releases exactly one message; the round-robin alternates between the two.
    for (int step = 1; step <= 2; ++step) {
        const management::StepResult r = call(&ManagementService::stepDelivery, QStringLiteral("/"), QString());
        QVERIFY(r.outcome.ok());
        QCOMPARE(r.queue, QStringLiteral("steps"));
        QCOMPARE(r.waiting, qint64(5 - step));
        QTRY_COMPARE(a.bodies().size() + b.bodies().size(), step);
        QTest::qWait(300);   // and no more
        QCOMPARE(a.bodies().size() + b.bodies().size(), step);
    }
    QCOMPARE(a.bodies().size(), 1);
    QCOMPARE(b.bodies().size(), 1);
    QCOMPARE(a.bodies()[0] + b.bodies()[0], QStringLiteral("m1m2"));

    QVERIFY(call(&ManagementService::resumeDeliveries, QStringLiteral("/"), QString()).ok());
    QTRY_COMPARE(a.bodies().size() + b.bodies().size(), 5);
    QTRY_VERIFY(!queue(QStringLiteral("steps"))->paused);
}

void StepModeTest::pausedQueue()
{
    QVERIFY(call(&ManagementService::declareQueue, management::QueueSpec{QStringLiteral("/"), QStringLiteral("idle"),
                                                                         false}).ok());
    QVERIFY(call(&ManagementService::pauseDeliveries, QStringLiteral("/"), QStringLiteral("steps")).ok());
    QVERIFY(!call(&ManagementService::pauseDeliveries, QStringLiteral("/"), QStringLiteral("missing")).ok());
    Consumer a(port_, QStringLiteral("steps"));
    QVERIFY(a.waitConsuming());
    QVERIFY(publish(QStringLiteral("steps"), 3));
    QVERIFY(publish(QStringLiteral("idle"), 1));
    QTRY_COMPARE(queue(QStringLiteral("steps"))->ready, 3);
    QTest::qWait(300);
    QVERIFY(a.bodies().isEmpty());

    // Nobody consumes 'idle': a step there releases nothing, though a message waits.
    QVERIFY(call(&ManagementService::pauseDeliveries, QStringLiteral("/"), QStringLiteral("idle")).ok());
    const management::StepResult idle = call(&ManagementService::stepDelivery, QStringLiteral("/"), QStringLiteral("idle"));
    QVERIFY(idle.queue.isEmpty());
    QCOMPARE(idle.waiting, qint64(1));

    QCOMPARE(call(&ManagementService::stepDelivery, QStringLiteral("/"), QStringLiteral("steps")).queue,
             QStringLiteral("steps"));
    QTRY_COMPARE(a.bodies(), QStringList{QStringLiteral("m1")});
    QVERIFY(call(&ManagementService::resumeDeliveries, QStringLiteral("/"), QStringLiteral("steps")).ok());
    QTRY_COMPARE(a.bodies(), (QStringList{QStringLiteral("m1"), QStringLiteral("m2"), QStringLiteral("m3")}));
    QCOMPARE(queue(QStringLiteral("idle"))->ready, 1);
}

void StepModeTest::stopLiftsThePause()
{
    QVERIFY(call(&ManagementService::pauseDeliveries, QStringLiteral("/"), QString()).ok());
    QTRY_VERIFY(queue(QStringLiteral("steps")) && queue(QStringLiteral("steps"))->paused);
    QVERIFY(broker_->stopAndWait());
    QTRY_VERIFY(broker_->lastSnapshot().vhosts.size() == 1 && !broker_->lastSnapshot().vhosts[0].paused);
}

QTEST_GUILESS_MAIN(StepModeTest)
#include "tst_stepmodepika.moc"
