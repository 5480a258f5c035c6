#include "ScratchBroker.h"

#include <QTcpServer>

namespace warren::lesson {

namespace {
constexpr quint16 kAmqpPort = 5672;
}

ScratchBroker::ScratchBroker(QObject *parent) : QObject(parent)
{
    config_.bindAddresses = {QHostAddress(QHostAddress::LocalHost)};
    config_.bindAddressesExplicit = true;
    config_.dataDir = dataDir_.path();
    config_.port = choosePort();
    connect(&controller_, &BrokerController::started, this, &ScratchBroker::started);
    // 5672 was free when chosen, but another program may take it first: then any free port.
    connect(&controller_, &BrokerController::failed, this, [this](const QString &error) {
        if (config_.port != kAmqpPort || controller_.isRunning())
            return emit failed(error);
        config_.port = freePort();
        controller_.start(config_);
    });
}

ScratchBroker::~ScratchBroker()
{
    controller_.stopAndWait();   // before the directory goes
}

void ScratchBroker::start()
{
    if (!dataDir_.isValid())
        return emit failed(tr("cannot create a temporary directory: %1").arg(dataDir_.errorString()));
    controller_.start(config_);
}

void ScratchBroker::restart(std::function<void(const QString &error)> done)
{
    auto *context = new QObject(this);   // the one-shot connections below end with it
    connect(&controller_, &BrokerController::stopped, context, [this] { controller_.start(config_); });
    connect(&controller_, &BrokerController::started, context, [context, done] {
        context->deleteLater();
        done({});
    });
    connect(&controller_, &BrokerController::failed, context, [context, done](const QString &error) {
        context->deleteLater();
        done(error);
    });
    controller_.stop();
}

QString ScratchBroker::url() const
{
    return QStringLiteral("amqp://guest:guest@127.0.0.1:%1/").arg(config_.port);
}

quint16 ScratchBroker::choosePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, kAmqpPort) ? kAmqpPort : freePort();
}

quint16 ScratchBroker::freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace warren::lesson
