// The simulated producers and consumers, on the simulation's thread (SimulationController
// owns the thread and sends the commands). It sends a snapshot of all of them every few
// hundred milliseconds, and soon after a command, never one per message.
#pragma once

#include "sim/SimulationTypes.h"

#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QTimer>

#include <functional>

namespace warren::sim {

class SimConsumer;
class SimProducer;

class Simulation : public QObject {
    Q_OBJECT
public:
    explicit Simulation(QObject *parent = nullptr);
    ~Simulation() override;

    // The ids are the controller's; a client starts at once.
    void addProducer(quint32 id, const ProducerSpec &spec);
    void addConsumer(quint32 id, const ConsumerSpec &spec);
    // Commands a client does not have (pausing a consumer, crashing a producer) do nothing.
    void command(quint32 id, ClientCommand command);
    // Snapshots every 250 ms until told otherwise. Called on the simulation's own thread: a
    // timer running when its object moves to a thread leaves Qt a re-registration event,
    // lost (and leaked) if that thread ends before it runs.
    void startSnapshots();
    void setSnapshotInterval(int ms);
    // Declares a lesson's topology on the broker at `url` (TopologyDeclarer), then calls
    // `done` here, with the first refusal or an empty error. The declarer is a child of the
    // simulation until then: done is not called if the simulation ends first.
    void declareTopology(const QString &url, const QJsonObject &definitions,
                         std::function<void(const QString &error)> done);
    void setCommandsApplied(quint64 sequence) { commandsApplied_ = sequence; }
    SimulationSnapshot snapshot() const;

signals:
    void snapshotReady(const warren::sim::SimulationSnapshot &snapshot);

private:
    void producerCommand(quint32 id, SimProducer *producer, ClientCommand command);
    void consumerCommand(quint32 id, SimConsumer *consumer, ClientCommand command);
    void snapshotSoon();
    void sendSnapshot();

    QMap<quint32, SimProducer *> producers_;
    QMap<quint32, SimConsumer *> consumers_;
    QTimer snapshotTimer_;
    bool snapshotPending_ = false;
    quint64 commandsApplied_ = 0;
};

} // namespace warren::sim
