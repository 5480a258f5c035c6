// The broker itself, living on its own thread: listeners, connections, virtual hosts.
// Reached only through queued calls (see BrokerController); it reports through signals
// carrying values: started/failed/stopped and a periodic BrokerSnapshot.
#pragma once

#include "BrokerConfig.h"
#include "BrokerSnapshot.h"
#include "observe/TraceEvent.h"
#include "server/ServerContext.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace warren {

namespace server { class AcceptGate; class Listener; class ResourceMonitor; struct TlsServerConfig; }
namespace store { class DataDirectory; }
namespace management { class ManagementService; }

class Broker : public QObject {
    Q_OBJECT
public:
    static constexpr int kEventIntervalMs = 30;

    explicit Broker(QObject *parent = nullptr);
    ~Broker() override;

    // Broker-thread only; for tests that drive the broker on their own thread.
    server::ServerContext &context() { return *context_; }
    // The explorer's commands (BrokerController runs them here, on the broker thread).
    management::ManagementService &management() { return *management_; }
    // For `warren --export`: opens the data directory, writes its definitions to `path` and
    // closes it again, without listening. Not while started.
    bool exportDefinitions(const BrokerConfig &config, const QString &path, QString *error);

public slots:
    void start(const warren::BrokerConfig &config);
    void stop();
    void setSnapshotInterval(int ms);
    // The event tap is on while anyone watches: its events go out as one batch every
    // kEventIntervalMs (eventsReady), never one signal per message.
    void setEventWatchers(int count);

signals:
    void started(const QStringList &listeningOn, const QStringList &tlsListeningOn);
    void failed(const QString &error);
    void stopped();
    void snapshotReady(const warren::BrokerSnapshot &snapshot);
    void eventsReady(const warren::observe::TraceBatch &batch);

private:
    BrokerSnapshot takeSnapshot() const;
    void publishSnapshot();
    // A listener on `port` at each bind address (TLS ones with `tls`): where they listen goes
    // to `on`, why not to `errors`.
    void listen(const BrokerConfig &config, quint16 port, const server::TlsServerConfig *tls, QStringList &on,
                QStringList &errors);
    void closeListeners();
    void dropConnections();
    bool openDataDirectory(const BrokerConfig &config, QString *error);
    bool importDefinitions(const QString &path, QString *error);
    void checkResources();
    void checkConsumerTimeouts();
    void applyLimits(const BrokerConfig &config);
    void warnAboutDefaultGuest(const BrokerConfig &config) const;
    void drainEvents();
    void deliverDeadLetters();
    void turnFirehoseOn(const QStringList &vhosts);

    // Fresh at every start: what survives a restart is what the data directory holds.
    std::unique_ptr<server::ServerContext> context_;
    std::unique_ptr<store::DataDirectory> dataDirectory_;
    std::unique_ptr<server::AcceptGate> acceptGate_;   // before the listeners that use it
    QList<QPointer<server::Listener>> listeners_;
    QStringList listeningOn_;
    QStringList tlsListeningOn_;
    QTimer snapshotTimer_{this};   // a child, so it moves to the broker thread with us
    bool snapshotsOff_ = false;
    QTimer stopPoll_{this};
    QTimer expiryTick_{this};   // message TTLs and x-expires
    QTimer resourceTick_{this};  // memory and disk alarms
    QTimer consumerTimeoutTick_{this};
    QTimer eventTick_{this};     // event batches, while someone watches
    QTimer deadLetterTurn_{this};  // the next turn of a long dead-letter cascade
    QElapsedTimer samplingWindow_;
    int eventWatchers_ = 0;
    std::unique_ptr<server::ResourceMonitor> resources_;
    std::unique_ptr<management::ManagementService> management_;   // uses context_
    QDateTime startedAt_;
    QString dataDir_;
};

} // namespace warren
