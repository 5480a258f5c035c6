#include "Broker.h"

#include "SnapshotBuilder.h"
#include "management/Definitions.h"
#include "management/ManagementService.h"

#include "server/AcceptGate.h"
#include "server/Connection.h"
#include "server/ConsumerTimeout.h"
#include "server/Listener.h"
#include "server/SocketConnection.h"
#include "server/TlsServerConfig.h"
#include "server/ResourceMonitor.h"
#include "store/DataDirectory.h"
#include "store/MessageStore.h"
#include "store/TopologyStore.h"

#include <QElapsedTimer>

#include <malloc.h>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcBroker, "warren.broker")

namespace warren {


Broker::Broker(QObject *parent)
    : QObject(parent), context_(std::make_unique<server::ServerContext>()),
      management_(std::make_unique<management::ManagementService>(*context_))
{
    qRegisterMetaType<warren::BrokerSnapshot>();
    qRegisterMetaType<warren::BrokerConfig>();
    qRegisterMetaType<warren::observe::TraceBatch>();
    connect(&eventTick_, &QTimer::timeout, this, &Broker::drainEvents);
    eventTick_.setInterval(kEventIntervalMs);
    connect(&snapshotTimer_, &QTimer::timeout, this, &Broker::publishSnapshot);
    snapshotTimer_.setInterval(250);
    // Expiry is checked at the queue heads on every dispatch; this tick catches the queues
    // nobody touches. 20 ms keeps short TTLs close to exact at negligible cost.
    connect(&expiryTick_, &QTimer::timeout, this, [this] {
        for (const auto &vhost : context_->vhosts())
            vhost->expireQueues();
        context_->persistChanges(false);   // expired messages; x-expires may have removed durable
                                           // queues; a failed topology save is retried
    });
    expiryTick_.setInterval(20);
    connect(&resourceTick_, &QTimer::timeout, this, &Broker::checkResources);
    resourceTick_.setInterval(250);
    connect(&consumerTimeoutTick_, &QTimer::timeout, this, &Broker::checkConsumerTimeouts);
    // A cascade of dead letters that outlasts its turn goes on at the next turn of the event
    // loop, after whatever else is waiting (other connections' reads, timers).
    deadLetterTurn_.setSingleShot(true);
    deadLetterTurn_.setInterval(0);
    connect(&deadLetterTurn_, &QTimer::timeout, this, &Broker::deliverDeadLetters);
}

Broker::~Broker()
{
    // Connections are QObject children, which would be deleted after the members: they
    // must go while the context they use still exists.
    closeListeners();
    dropConnections();
    management_.reset();
}

void Broker::dropConnections()
{
    const auto sockets = findChildren<server::SocketConnection *>(Qt::FindDirectChildrenOnly);
    qDeleteAll(sockets);
}

bool Broker::openDataDirectory(const BrokerConfig &config, QString *error)
{
    dropConnections();     // they belong to the old context,
    management_.reset();   // and so do these
    context_ = std::make_unique<server::ServerContext>();
    management_ = std::make_unique<management::ManagementService>(*context_);
    context_->setTapEnabled(eventWatchers_ > 0);   // a fresh context: the watchers still watch
    context_->setDeadLettersWaiting([this] { deadLetterTurn_.start(); });
    context_->setPagingWindow(config.pagingWindow);
    dataDirectory_.reset();
    if (config.dataDir.isEmpty())
        return true;   // nothing survives a restart
    auto directory = std::make_unique<store::DataDirectory>(config.dataDir);
    if (!directory->acquire(error))
        return false;
    context_->setTopologyStore(
        std::make_unique<store::TopologyStore>(directory->file(QStringLiteral("topology.json"))));
    // The store first: queues restored from the topology keep their messages in it.
    context_->setMessageStore(
        std::make_unique<store::MessageStore>(directory->file(QStringLiteral("messages")), config.segmentSize),
        config.groupCommitMs);
    if (!context_->loadTopology(error) || !context_->recoverMessages(error))
        return false;
    ::malloc_trim(0);   // recovery's bookkeeping is gone: give its memory back to the system
    dataDirectory_ = std::move(directory);
    return true;
}

bool Broker::importDefinitions(const QString &path, QString *error)
{
    const std::optional<QJsonObject> definitions = management::readDefinitionsFile(path, error);
    if (!definitions)
        return false;
    // Refused objects do not stop the broker: the report says what was left out.
    qCInfo(lcBroker).noquote() << management_->importDefinitions(*definitions).toText();
    return true;
}

bool Broker::exportDefinitions(const BrokerConfig &config, const QString &path, QString *error)
{
    const bool ok = openDataDirectory(config, error)
        && management::writeDefinitionsFile(management::exportDefinitions(*context_), path, error);
    dataDirectory_.reset();   // the lock goes with it
    return ok;
}

void Broker::start(const BrokerConfig &config)
{
    closeListeners();
    std::optional<server::TlsServerConfig> tls;
    if (config.tls.enabled()) {
        QString tlsError;
        tls = server::TlsServerConfig::load({config.tls.certFile, config.tls.keyFile, config.tls.caFile,
                                             config.tls.verifyPeer}, &tlsError);
        if (!tls) {
            emit failed(QStringLiteral("TLS: ") + tlsError);
            return;
        }
    }
    QString storageError;
    if (!openDataDirectory(config, &storageError)
        || (!config.importDefinitions.isEmpty() && !importDefinitions(config.importDefinitions, &storageError))) {
        emit failed(storageError);
        return;
    }
    applyLimits(config);
    QStringList errors;
    listen(config, config.port, nullptr, listeningOn_, errors);
    if (tls)
        listen(config, config.tls.port, &*tls, tlsListeningOn_, errors);
    // Without explicit addresses one loopback address is enough (a host may lack IPv6).
    if (listeningOn_.isEmpty() || (tls && tlsListeningOn_.isEmpty())
        || (config.bindAddressesExplicit && !errors.isEmpty())) {
        closeListeners();
        emit failed(QStringLiteral("cannot listen on ") + errors.join(QStringLiteral(", ")));
        return;
    }
    for (const QString &e : std::as_const(errors))
        qCWarning(lcBroker) << "not listening on" << e;
    warnAboutDefaultGuest(config);
    turnFirehoseOn(config.firehoseVHosts);
    if (!snapshotsOff_)
        snapshotTimer_.start();
    expiryTick_.start();
    const double watermark = config.memoryHighWatermark;
    resources_ = std::make_unique<server::ResourceMonitor>(server::ResourceLimits{
        watermark < 1 ? qint64(watermark * double(server::ResourceMonitor::physicalMemory())) : qint64(watermark),
        config.diskFreeLimit, config.dataDir});
    resourceTick_.start();
    if (config.consumerTimeoutMs > 0)
        consumerTimeoutTick_.start(server::ConsumerTimeout::checkIntervalMs(config.consumerTimeoutMs));
    startedAt_ = QDateTime::currentDateTime();
    dataDir_ = config.dataDir;
    emit started(listeningOn_, tlsListeningOn_);
    publishSnapshot();
}

void Broker::stop()
{
    management_->resumeAllDeliveries();   // step mode never outlives the broker
    closeListeners();
    snapshotTimer_.stop();
    expiryTick_.stop();
    resourceTick_.stop();
    consumerTimeoutTick_.stop();
    // The explorer's own connections close at once, rather than wait for a close-ok.
    management_ = std::make_unique<management::ManagementService>(*context_);
    const std::vector<server::Connection *> open = context_->connections();
    for (server::Connection *c : open)
        c->closeByServer(amqp::ReplyCode::ConnectionForced, "broker forced connection closure with reason 'shutdown'");
    // Give peers a moment to read the close and answer it, then report.
    auto *elapsed = new QElapsedTimer;
    elapsed->start();
    stopPoll_.disconnect();
    connect(&stopPoll_, &QTimer::timeout, this, [this, elapsed] {
        if (!context_->connections().empty() && elapsed->elapsed() < 2000)
            return;
        stopPoll_.stop();
        delete elapsed;
        dropConnections();   // peers that did not answer the close in time
        publishSnapshot();
        if (eventWatchers_ > 0)
            drainEvents();   // the closes, before `stopped` lets a watcher go
        // Copies still on their way stay undelivered: those for queues that keep them on
        // disk were written when they were dead-lettered, and come back at the next start.
        deadLetterTurn_.stop();
        context_->saveTopologyIfChanged();
        context_->syncMessages();
        dataDirectory_.reset();   // the lock goes with it
        emit stopped();
    });
    stopPoll_.start(20);
}

void Broker::deliverDeadLetters()
{
    for (const auto &vhost : context_->vhosts()) {
        if (vhost->hasDeadLettersWaiting())
            vhost->deliverDeadLetters();   // asks for another turn if it leaves some again
    }
    context_->persistChanges(false);   // what the copies' queues did with them
}

void Broker::checkResources()
{
    QByteArray alarm = resources_->check();
    // A store that cannot write (a full disk, a quota) is a disk alarm too, whatever the
    // free space says: persistent publishes would only pile up in memory.
    if (alarm.isEmpty() && context_->messageStoreFailing())
        alarm = "low on disk";
    const bool tight = alarm == "low on memory";
    // Under memory pressure queues page all but a little out (transient messages too).
    context_->setMemoryTight(tight);
    if (tight)
        ::malloc_trim(0);   // give what paging freed back to the system, so RSS shows it
    context_->setAlarmReason(alarm);
}

void Broker::applyLimits(const BrokerConfig &config)
{
    server::ServerSettings &settings = context_->settings;
    settings.handshakeTimeoutMs = config.handshakeTimeoutMs;
    settings.consumerTimeoutMs = config.consumerTimeoutMs;
    QSet<QByteArray> loopbackUsers;
    for (const QString &name : config.loopbackUsers)
        loopbackUsers.insert(name.toUtf8());
    context_->users.setLoopbackUsers(loopbackUsers);
    acceptGate_ = std::make_unique<server::AcceptGate>(config.maxConnections,
                                                       server::AcceptGate::raiseDescriptorLimit());
    qCInfo(lcBroker) << "accepting up to" << acceptGate_->limit() << "connections";
}

// RabbitMQ's advice on guest, said at start when it matters: other machines may reach the
// broker and guest still has the password everyone knows.
void Broker::warnAboutDefaultGuest(const BrokerConfig &config) const
{
    QStringList exposed;
    for (const QHostAddress &address : config.bindAddresses) {
        if (!address.isLoopback())
            exposed.append(formatHostPort(address, config.port));
    }
    if (exposed.isEmpty() || !context_->users.guestHasDefaultPassword())
        return;
    const QString where = exposed.join(QStringLiteral(", "));
    if (context_->users.isLoopbackOnly("guest"))
        qCWarning(lcBroker).noquote() << "listening on" << where << "while user 'guest' still has the password "
                                      "'guest': it may log in only from this machine (--loopback-users), but give "
                                      "it another password or delete it before others use this broker";
    else
        qCWarning(lcBroker).noquote() << "listening on" << where << "while user 'guest' still has the password "
                                      "'guest' and --loopback-users lets it log in from other machines: anyone who "
                                      "reaches this port can log in as an administrator";
}

void Broker::checkConsumerTimeouts()
{
    const qint64 now = model::Clock::steady().nowMs();
    const std::vector<server::Connection *> open = context_->connections();   // a copy: channels may close
    for (server::Connection *c : open)
        c->checkConsumerTimeouts(now);
    context_->persistChanges(false);   // requeued deliveries; nobody waits on a topology save
}

void Broker::turnFirehoseOn(const QStringList &vhosts)
{
    for (const QString &name : vhosts) {
        if (management_->setFirehose(name, true).ok())
            qCInfo(lcBroker).noquote() << "tracing (firehose) on for vhost" << name;
        else
            qCWarning(lcBroker).noquote() << "--trace-on: no vhost" << name;
    }
}

void Broker::setEventWatchers(int count)
{
    eventWatchers_ = count;
    context_->setTapEnabled(count > 0);
    if (count > 0) {
        samplingWindow_.start();
        eventTick_.start();
    } else {
        eventTick_.stop();
    }
}

void Broker::drainEvents()
{
    if (samplingWindow_.elapsed() >= 1000) {
        context_->tap.newWindow();
        samplingWindow_.restart();
    }
    observe::TraceBatch batch = context_->tap.takeBatch();
    if (!batch.isEmpty())
        emit eventsReady(batch);
}

void Broker::listen(const BrokerConfig &config, quint16 port, const server::TlsServerConfig *tls, QStringList &on,
                    QStringList &errors)
{
    for (const QHostAddress &address : config.bindAddresses) {
        auto *listener = new server::Listener(*context_, *acceptGate_,
                                              tls ? std::optional(*tls) : std::nullopt, this);
        if (listener->listen(address, port)) {
            listeners_.append(listener);
            on.append(formatHostPort(address, listener->serverPort()));
        } else {
            errors.append(formatHostPort(address, port) + QStringLiteral(": ") + listener->errorString());
            delete listener;
        }
    }
}

void Broker::closeListeners()
{
    for (const QPointer<server::Listener> &l : std::as_const(listeners_))
        delete l.data();
    listeners_.clear();
    listeningOn_.clear();
    tlsListeningOn_.clear();
}

void Broker::setSnapshotInterval(int ms)
{
    snapshotsOff_ = ms <= 0;
    if (snapshotsOff_)
        return snapshotTimer_.stop();
    snapshotTimer_.setInterval(ms);
    if (!listeners_.isEmpty())
        snapshotTimer_.start();
}

void Broker::publishSnapshot()
{
    emit snapshotReady(takeSnapshot());
}

BrokerSnapshot Broker::takeSnapshot() const
{
    BrokerSnapshot s = snapshotOf(*context_);
    s.running = !listeners_.isEmpty();
    s.listeningOn = listeningOn_;
    s.tlsListeningOn = tlsListeningOn_;
    s.startedAt = startedAt_;
    s.dataDir = dataDir_;
    return s;
}

} // namespace warren
