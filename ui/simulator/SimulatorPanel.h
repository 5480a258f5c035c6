// The Simulator page: simulated producers and consumers, added with a click and each a real
// AMQP connection (sim::SimulationController, on its own thread, owned by the window so that
// the clients outlive a page made anew in another language) to the broker whose URL is at the
// top: this window's broker by default, any other (a rabbitmq-server) if changed.
// Two live tables say what each client does and counts (exactly), and the received lists
// show, per consumer, which messages it got and which came again, redelivered.
//
// The window's restart action proves durability: clients reconnect by themselves, and a
// durable queue's persistent messages are still there.
#pragma once

#include "sim/SimulationTypes.h"

#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace warren {
class BrokerController;
namespace sim {
class SimulationController;
}
}

namespace warren::ui {

class ClientTable;
class ReceivedModel;

class SimulatorPanel : public QWidget {
    Q_OBJECT
public:
    // Shows and commands the clients of `simulation`, which it does not own.
    SimulatorPanel(BrokerController *broker, sim::SimulationController *simulation, QWidget *parent = nullptr);
    ~SimulatorPanel() override;
    // Made anew in another language (MainWindow): takes over the broker URL, the numbering of
    // new clients' names and the selected clients of the page it replaces.
    void continueFrom(const SimulatorPanel &previous);

    sim::SimulationController *simulation() const { return simulation_; }
    QLineEdit *brokerUrl() const { return url_; }
    ClientTable *producers() const { return producers_; }
    ClientTable *consumers() const { return consumers_; }
    QTableView *received() const { return received_; }

public slots:
    // Where this window's broker listens (BrokerController::started): the default URL.
    void setLocalBroker(const QStringList &listeningOn);

private:
    QWidget *createUrlRow();
    void createProducerTable();
    void createConsumerTable();
    QWidget *createReceivedSection();
    void addProducer();
    void addConsumer();
    void showSimulation(const sim::SimulationSnapshot &snapshot);
    void showUrlStatus();

    sim::SimulationController *simulation_;
    QLineEdit *url_;
    QPushButton *useLocal_;
    QLabel *urlStatus_;
    QString localUrl_;
    ClientTable *producers_;
    ClientTable *consumers_;
    QAction *addProducer_;
    QAction *addConsumer_;
    ReceivedModel *receivedModel_;
    QTableView *received_;
    int producersAdded_ = 0;
    int consumersAdded_ = 0;
};

} // namespace warren::ui
