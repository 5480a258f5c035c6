// The GUI thread's handle on the simulation, as BrokerController is on the broker: it owns
// the simulation's thread, sends commands as queued calls and re-emits its snapshots (a few
// per second, never one per message). Its headers include nothing of the AMQP client
// library: the GUI sees simulated clients only as specs, ids and statuses.
//
// Ids are given here, at once, so the caller can command a client it has just added.
#pragma once

#include "sim/SimulationTypes.h"

#include <QJsonObject>
#include <QObject>
#include <QThread>

#include <functional>

namespace warren::sim {

class Simulation;

class SimulationController : public QObject {
    Q_OBJECT
public:
    explicit SimulationController(QObject *parent = nullptr);
    // Closes every simulated connection and waits for the thread to end.
    ~SimulationController() override;

    // Adds a client and starts it; returns its id.
    quint32 addProducer(const ProducerSpec &spec);
    quint32 addConsumer(const ConsumerSpec &spec);

    // What a client does not have (pausing a consumer, crashing a producer) does nothing.
    void command(quint32 id, ClientCommand command);

    // Declares a lesson's topology (a RabbitMQ definitions fragment: exchanges, queues,
    // bindings) over AMQP on the broker at `url`, on the simulation thread, in its own
    // connection "warren lesson setup". Then `done` runs here, on this object's thread, with
    // an empty error or the first refusal as the broker replied ("406 PRECONDITION_FAILED -
    // ..."), unless `receiver` has been destroyed by then. A fragment with virtual hosts,
    // users or permissions is refused without connecting: only a scratch broker of Warren's
    // own can make those (it imports the fragment whole).
    void declareTopology(const QString &url, const QJsonObject &definitions, QObject *receiver,
                         std::function<void(const QString &error)> done);

    // How often snapshots come (default 250 ms).
    void setSnapshotInterval(int ms);
    const SimulationSnapshot &lastSnapshot() const { return snapshot_; }
    // Adds and commands sent so far; see SimulationSnapshot::commandsApplied.
    quint64 commandsSent() const { return commandsSent_; }

signals:
    void snapshotUpdated(const warren::sim::SimulationSnapshot &snapshot);

private:
    void send(std::function<void(Simulation &)> work);
    // An add or a command: counted, and the simulation records it as applied.
    void sendCommand(std::function<void(Simulation &)> work);

    QThread thread_;
    Simulation *simulation_;   // lives on thread_; deleted there when it finishes
    SimulationSnapshot snapshot_;
    quint32 nextId_ = 1;
    quint64 commandsSent_ = 0;
};

} // namespace warren::sim
