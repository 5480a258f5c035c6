// The GUI thread's (and headless main's) handle on the broker: it owns the broker thread,
// sends commands as queued calls and re-emits the broker's value-only signals. Nothing
// here blocks on the broker except the destructor, which waits for the thread to end.
#pragma once

#include "BrokerConfig.h"
#include "BrokerSnapshot.h"

#include <QObject>
#include <QThread>

namespace warren {

class Broker;

class BrokerController : public QObject {
    Q_OBJECT
public:
    explicit BrokerController(QObject *parent = nullptr);
    ~BrokerController() override;

    void start(const BrokerConfig &config);
    void stop();
    bool isRunning() const { return running_; }
    const BrokerSnapshot &lastSnapshot() const { return snapshot_; }

signals:
    void started(const QStringList &listeningOn);
    void failed(const QString &error);
    void stopped();
    void snapshotUpdated(const warren::BrokerSnapshot &snapshot);

private:
    QThread thread_;
    Broker *broker_;   // lives on thread_; deleted there when it finishes
    BrokerSnapshot snapshot_;
    bool running_ = false;
};

} // namespace warren
