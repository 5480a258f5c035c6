#include "Simulation.h"

#include "SimConsumer.h"
#include "SimProducer.h"
#include "TopologyDeclarer.h"

namespace warren::sim {

namespace {

constexpr int kDefaultSnapshotMs = 250;

} // namespace

Simulation::Simulation(QObject *parent) : QObject(parent), snapshotTimer_(this)
{
    qRegisterMetaType<SimulationSnapshot>();
    connect(&snapshotTimer_, &QTimer::timeout, this, &Simulation::sendSnapshot);
}

void Simulation::startSnapshots()
{
    if (!snapshotTimer_.isActive())
        snapshotTimer_.start(kDefaultSnapshotMs);
}

Simulation::~Simulation()
{
    qDeleteAll(producers_);
    qDeleteAll(consumers_);
}

void Simulation::addProducer(quint32 id, const ProducerSpec &spec)
{
    auto *producer = new SimProducer(id, spec, this);
    producers_.insert(id, producer);
    producer->start();
    snapshotSoon();
}

void Simulation::addConsumer(quint32 id, const ConsumerSpec &spec)
{
    auto *consumer = new SimConsumer(id, spec, this);
    consumers_.insert(id, consumer);
    consumer->start();
    snapshotSoon();
}

void Simulation::command(quint32 id, ClientCommand command)
{
    if (SimProducer *producer = producers_.value(id))
        producerCommand(id, producer, command);
    else if (SimConsumer *consumer = consumers_.value(id))
        consumerCommand(id, consumer, command);
    snapshotSoon();
}

void Simulation::producerCommand(quint32 id, SimProducer *producer, ClientCommand command)
{
    switch (command) {
    case ClientCommand::Start:
        return producer->start();
    case ClientCommand::Pause:
        return producer->pause();
    case ClientCommand::Stop:
        return producer->stop();
    case ClientCommand::Crash:
    case ClientCommand::Restart:
        return;
    case ClientCommand::Remove:
        producers_.remove(id);
        delete producer;
        return;
    }
}

void Simulation::consumerCommand(quint32 id, SimConsumer *consumer, ClientCommand command)
{
    switch (command) {
    case ClientCommand::Start:
        return consumer->start();
    case ClientCommand::Pause:
        return;
    case ClientCommand::Stop:
        return consumer->stop();
    case ClientCommand::Crash:
        return consumer->crash();
    case ClientCommand::Restart:
        return consumer->restart();
    case ClientCommand::Remove:
        consumers_.remove(id);
        delete consumer;
        return;
    }
}

void Simulation::setSnapshotInterval(int ms)
{
    snapshotTimer_.start(qMax(10, ms));
}

void Simulation::declareTopology(const QString &url, const QJsonObject &definitions,
                                 std::function<void(const QString &error)> done)
{
    auto *declarer = new TopologyDeclarer(url, definitions, this);
    // deleteLater: `done` may run inside one of the declarer's own callbacks.
    declarer->start([declarer, done = std::move(done)](const QString &error) {
        declarer->deleteLater();
        if (done)
            done(error);
    });
}

SimulationSnapshot Simulation::snapshot() const
{
    SimulationSnapshot s;
    s.commandsApplied = commandsApplied_;
    for (const SimProducer *producer : producers_)
        s.producers.append(producer->status());
    for (const SimConsumer *consumer : consumers_)
        s.consumers.append(consumer->status());
    return s;
}

// Soon after a command, so a click shows its effect without waiting for the next tick.
void Simulation::snapshotSoon()
{
    if (std::exchange(snapshotPending_, true))
        return;
    QTimer::singleShot(0, this, [this] {
        snapshotPending_ = false;
        sendSnapshot();
    });
}

void Simulation::sendSnapshot()
{
    emit snapshotReady(snapshot());
}

} // namespace warren::sim
