#include "BrokerController.h"

#include "Broker.h"

namespace warren {

BrokerController::BrokerController(QObject *parent) : QObject(parent), broker_(new Broker)
{
    thread_.setObjectName(QStringLiteral("warren-broker"));
    broker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, broker_, &QObject::deleteLater);
    connect(broker_, &Broker::started, this, [this](const QStringList &on) {
        running_ = true;
        emit started(on);
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
    thread_.start();
}

BrokerController::~BrokerController()
{
    thread_.quit();
    thread_.wait();
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

} // namespace warren
