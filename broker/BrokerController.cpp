#include "BrokerController.h"

#include "Broker.h"

#include <QEventLoop>
#include <QTimer>

namespace warren {

BrokerController::BrokerController(QObject *parent) : QObject(parent), broker_(new Broker)
{
    thread_.setObjectName(QStringLiteral("warren-broker"));
    broker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, broker_, &QObject::deleteLater);
    connect(broker_, &Broker::started, this, [this](const QStringList &on, const QStringList &tlsOn) {
        running_ = true;
        emit started(on, tlsOn);
    });
    connect(broker_, &Broker::failed, this, &BrokerController::failed);
    connect(broker_, &Broker::stopped, this, [this] {
        running_ = false;
        emit stopped();
    });
    connect(broker_, &Broker::snapshotReady, this, [this](const BrokerSnapshot &s) {
        snapshot_ = s;
        emit snapshotUpdated(snapshot_);
    });
    connect(broker_, &Broker::eventsReady, this, &BrokerController::eventsReady);
    thread_.start();
}

BrokerController::~BrokerController()
{
    thread_.quit();
    thread_.wait();
}

bool BrokerController::exportDefinitions(const BrokerConfig &config, const QString &path, QString *error)
{
    Broker broker;   // never started: nothing is served, the data directory is only read
    return broker.exportDefinitions(config, path, error);
}

void BrokerController::start(const BrokerConfig &config)
{
    QMetaObject::invokeMethod(broker_, [b = broker_, config] { b->start(config); }, Qt::QueuedConnection);
}

void BrokerController::setSnapshotInterval(int ms)
{
    QMetaObject::invokeMethod(broker_, [b = broker_, ms] { b->setSnapshotInterval(ms); }, Qt::QueuedConnection);
}

void BrokerController::runOnBroker(std::function<void(management::ManagementService &)> work)
{
    QMetaObject::invokeMethod(broker_, [b = broker_, work = std::move(work)] { work(b->management()); },
                              Qt::QueuedConnection);
}

void BrokerController::stop()
{
    QMetaObject::invokeMethod(broker_, &Broker::stop, Qt::QueuedConnection);
}

bool BrokerController::stopAndWait(int timeoutMs)
{
    if (!running_)
        return true;
    QEventLoop loop;
    connect(this, &BrokerController::stopped, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    stop();
    loop.exec();
    return !running_;
}

void BrokerController::subscribeEvents(QObject *watcher)
{
    if (watchers_.contains(watcher))
        return;
    watchers_.insert(watcher);
    connect(watcher, &QObject::destroyed, this, [this, watcher] { unsubscribeEvents(watcher); });
    watchersChanged();
}

void BrokerController::unsubscribeEvents(QObject *watcher)
{
    if (!watchers_.remove(watcher))
        return;
    disconnect(watcher, &QObject::destroyed, this, nullptr);
    watchersChanged();
}

void BrokerController::watchersChanged()
{
    QMetaObject::invokeMethod(broker_, [b = broker_, n = int(watchers_.size())] { b->setEventWatchers(n); },
                              Qt::QueuedConnection);
}

} // namespace warren
