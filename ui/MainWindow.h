// The main window: starts the embedded broker on its own thread and shows what it is doing.
#pragma once

#include "BrokerConfig.h"
#include "BrokerSnapshot.h"

#include <QMainWindow>

class QLabel;
class QTableView;

namespace warren {
class BrokerController;
}

namespace warren::ui {

class QueueTableModel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const BrokerConfig &config, QWidget *parent = nullptr);
    ~MainWindow() override;

private:
    void showSnapshot(const BrokerSnapshot &snapshot);

    BrokerController *broker_;
    QueueTableModel *queues_;
    QLabel *status_;
    QLabel *connections_;
    QTableView *queueView_;
};

} // namespace warren::ui
