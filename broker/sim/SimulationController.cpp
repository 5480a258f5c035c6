#include "SimulationController.h"

#include "sim/Simulation.h"

#include <QPointer>

namespace warren::sim {

SimulationController::SimulationController(QObject *parent) : QObject(parent), simulation_(new Simulation)
{
    thread_.setObjectName(QStringLiteral("warren-simulation"));
    simulation_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, simulation_, &QObject::deleteLater);
    connect(simulation_, &Simulation::snapshotReady, this, [this](const SimulationSnapshot &s) {
        snapshot_ = s;
        emit snapshotUpdated(snapshot_);
    });
    thread_.start();
    send([](Simulation &s) { s.startSnapshots(); });
}

SimulationController::~SimulationController()
{
    thread_.quit();
    thread_.wait();
}

void SimulationController::send(std::function<void(Simulation &)> work)
{
    QMetaObject::invokeMethod(simulation_, [s = simulation_, work = std::move(work)] { work(*s); },
                              Qt::QueuedConnection);
}

void SimulationController::sendCommand(std::function<void(Simulation &)> work)
{
    send([work = std::move(work), sequence = ++commandsSent_](Simulation &s) {
        work(s);
        s.setCommandsApplied(sequence);
    });
}

quint32 SimulationController::addProducer(const ProducerSpec &spec)
{
    const quint32 id = nextId_++;
    sendCommand([id, spec](Simulation &s) { s.addProducer(id, spec); });
    return id;
}

quint32 SimulationController::addConsumer(const ConsumerSpec &spec)
{
    const quint32 id = nextId_++;
    sendCommand([id, spec](Simulation &s) { s.addConsumer(id, spec); });
    return id;
}

void SimulationController::command(quint32 id, ClientCommand command)
{
    sendCommand([id, command](Simulation &s) { s.command(id, command); });
}

void SimulationController::declareTopology(const QString &url, const QJsonObject &definitions, QObject *receiver,
                                           std::function<void(const QString &error)> done)
{
    QPointer<QObject> guard(receiver);
    // Runs on the simulation thread; the answer comes back here as a queued call, which Qt
    // drops if this controller is gone by then.
    auto reply = [this, guard, done = std::move(done)](const QString &error) {
        QMetaObject::invokeMethod(this, [guard, done, error] {
            if (guard && done)
                done(error);
        }, Qt::QueuedConnection);
    };
    send([url, definitions, reply = std::move(reply)](Simulation &s) { s.declareTopology(url, definitions, reply); });
}

void SimulationController::setSnapshotInterval(int ms)
{
    send([ms](Simulation &s) { s.setSnapshotInterval(ms); });
}

} // namespace warren::sim
