// The GUI thread's (and headless main's) handle on the broker: it owns the broker thread,
// sends commands as queued calls and re-emits the broker's value-only signals. Nothing
// here blocks on the broker except the destructor, which waits for the thread to end.
#pragma once

#include "BrokerConfig.h"
#include "BrokerSnapshot.h"
#include "management/ManagementService.h"
#include "observe/TraceEvent.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QThread>

#include <functional>

namespace warren {

class Broker;

class BrokerController : public QObject {
    Q_OBJECT
public:
    explicit BrokerController(QObject *parent = nullptr);
    ~BrokerController() override;

    void start(const BrokerConfig &config);
    void stop();
    // Stops the broker the way SIGTERM does in headless mode (clients are told
    // 320 CONNECTION_FORCED, the store's last group commit is written) and waits for it, at
    // most `timeoutMs`; for a window that is closing. Returns whether it stopped in time.
    bool stopAndWait(int timeoutMs = 5000);
    bool isRunning() const { return running_; }
    const BrokerSnapshot &lastSnapshot() const { return snapshot_; }
    // For `warren --export`: writes the definitions kept in `config`'s data directory to
    // `path`, on the calling thread and without serving; false (and `error`) when it cannot.
    static bool exportDefinitions(const BrokerConfig &config, const QString &path, QString *error);
    // How often snapshots come (default 250 ms); 0: none, for a broker nobody looks at
    // (headless), whose thread then never spends time describing itself.
    void setSnapshotInterval(int ms);

    // The event tap is on while at least one watcher is subscribed; batches arrive through
    // eventsReady() every few tens of milliseconds. A watcher that is destroyed unsubscribes.
    void subscribeEvents(QObject *watcher);
    void unsubscribeEvents(QObject *watcher);

    // Runs one of the ManagementService's commands on the broker thread with copies of
    // `args`, then hands its result to `done` here, on this object's thread, unless
    // `receiver` has been destroyed by then. Only the facade's own methods can be sent:
    // the caller never runs code on the broker thread, e.g.
    //   broker->call(&ManagementService::purgeQueue, this, onPurged, vhost, name);
    template <class R, class... Params, class... Args>
    void call(R (management::ManagementService::*method)(Params...), QObject *receiver,
              std::function<void(const R &)> done, Args &&...args)
    {
        auto work = [method, ... a = std::decay_t<Params>(std::forward<Args>(args))](
                        management::ManagementService &service) mutable { return (service.*method)(a...); };
        QPointer<QObject> guard(receiver);
        runOnBroker([this, work = std::move(work), guard, done = std::move(done)](
                        management::ManagementService &service) mutable {
            R result = work(service);
            QMetaObject::invokeMethod(this, [guard, done, result = std::move(result)] {
                if (guard && done)
                    done(result);
            }, Qt::QueuedConnection);
        });
    }

signals:
    void started(const QStringList &listeningOn, const QStringList &tlsListeningOn);
    void failed(const QString &error);
    void stopped();
    void snapshotUpdated(const warren::BrokerSnapshot &snapshot);
    void eventsReady(const warren::observe::TraceBatch &batch);

private:
    void runOnBroker(std::function<void(management::ManagementService &)> work);
    void watchersChanged();

    QThread thread_;
    Broker *broker_;   // lives on thread_; deleted there when it finishes
    BrokerSnapshot snapshot_;
    bool running_ = false;
    QSet<QObject *> watchers_;
};

} // namespace warren
