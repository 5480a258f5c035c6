#include "ServerContext.h"

#include "Channel.h"
#include "Connection.h"

#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcContext, "warren.store")

namespace warren::server {

ServerContext::ServerContext()
{
    addVHost("/");
}

ServerContext::~ServerContext() = default;

model::VHost *ServerContext::addVHost(const QByteArray &name)
{
    auto &slot = vhosts_[name];
    if (!slot) {
        slot = std::make_shared<model::VHost>(name);
        slot->setTopologyListener(this);
        slot->setStorage(messages_.get());
        slot->setPagingWindow(pagingWindow());
        slot->setObserver(tap.isEnabled() ? &relay_ : nullptr);
        slot->setDeadLettersWaiting([this] {
            if (deadLettersWaiting_)
                deadLettersWaiting_();
        });
        topologyDirty_ = true;
    }
    return slot.get();
}

void ServerContext::removeVHost(const QByteArray &name)
{
    const std::shared_ptr<model::VHost> vhost = vhosts_.value(name);
    if (!vhost)
        return;
    const std::vector<Connection *> open = connections_;   // closing may unregister some
    for (Connection *c : open) {
        if (c->vhost() == vhost.get())
            c->vhostDeleted();
    }
    const auto queues = vhost->queues();
    for (const auto &queue : queues)
        vhost->removeQueue(queue.get());
    retiredFates += vhost->fates();   // the broker's totals never drop
    vhosts_.remove(name);
    users.removeVHost(name);   // as RabbitMQ: its permissions go with it
    topologyDirty_ = true;
}

void ServerContext::setPagingWindow(qint64 bytes)
{
    pagingWindow_ = bytes;
    for (const auto &vhost : std::as_const(vhosts_))
        vhost->setPagingWindow(pagingWindow());
}

void ServerContext::setMemoryTight(bool tight)
{
    if (tight == memoryTight_)
        return;
    memoryTight_ = tight;
    setPagingWindow(pagingWindow_);
}

void ServerContext::setTapEnabled(bool on)
{
    tap.setEnabled(on);
    for (const auto &vhost : std::as_const(vhosts_))
        vhost->setObserver(on ? &relay_ : nullptr);
}

void ServerContext::setTopologyStore(std::unique_ptr<store::TopologyStore> store)
{
    topology_ = std::move(store);
    if (topology_)
        topology_->setUsers(&users);   // users and permissions survive restarts too
}

bool ServerContext::loadTopology(QString *error)
{
    if (!topology_)
        return true;
    const bool ok = topology_->load([this](const QByteArray &name) { return addVHost(name); }, &nextQueueId_, error);
    topologyDirty_ = false;   // what was just read is what is on disk
    return ok;
}

void ServerContext::setMessageStore(std::unique_ptr<store::MessageStore> store, int groupCommitMs)
{
    messages_ = std::move(store);
    groupCommit_ = std::make_unique<store::GroupCommit>(*messages_, groupCommitMs);
    const auto settle = [this](quint64 records, bool written) {
        const QSet<Channel *> waiting = awaitingDisk_;
        for (Channel *channel : waiting)
            channel->recordsSettled(records, written);
    };
    QObject::connect(groupCommit_.get(), &store::GroupCommit::durable, [settle](quint64 n) { settle(n, true); });
    QObject::connect(groupCommit_.get(), &store::GroupCommit::lost, [settle](quint64 n) { settle(n, false); });
    for (const auto &vhost : std::as_const(vhosts_))
        vhost->setStorage(messages_.get());
}

bool ServerContext::recoverMessages(QString *error)
{
    if (!messages_)
        return true;
    const auto queueById = [this](quint64 id) -> model::Queue * {
        for (const auto &vhost : std::as_const(vhosts_)) {
            if (model::Queue *q = vhost->queueById(id))
                return q;
        }
        return nullptr;
    };
    return messages_->open([&](quint64 id) { return queueById(id) != nullptr; },
                           [&](quint64 id, const model::RestoredMessage &message) {
                               queueById(id)->restore(message);
                           },
                           error);
}

bool ServerContext::persistChanges(bool waitedOn)
{
    const bool saved = saveTopologyIfChanged(waitedOn);
    if (groupCommit_ && messages_->appendedRecords() > groupCommit_->settledRecords())
        groupCommit_->appended();
    return saved;
}

void ServerContext::syncMessages()
{
    if (groupCommit_)
        groupCommit_->syncNow();
}

void ServerContext::setAlarmReason(const QByteArray &reason)
{
    if (reason == alarmReason_)
        return;
    alarmReason_ = reason;
    qCWarning(lcContext) << (reason.isEmpty() ? QByteArray("resource alarm cleared: publishers resume")
                                              : "resource alarm (" + reason + "): publishers are blocked");
    for (Connection *c : connections_)
        c->setPublishingBlocked(reason);
}

bool ServerContext::saveTopologyIfChanged(bool waitedOn)
{
    if (!topologyDirty_ || !topology_)
        return true;
    if (!topologyError_.isEmpty() && !waitedOn && sinceTopologyFailure_.elapsed() < 1000)
        return false;
    QString error;
    if (!topology_->save(vhosts_, nextQueueId_, &error)) {
        if (topologyError_.isEmpty())
            qCCritical(lcContext) << "cannot save the topology (retrying every second):" << error;
        topologyError_ = error.isEmpty() ? QStringLiteral("unknown error") : error;
        sinceTopologyFailure_.start();
        return false;
    }
    if (!topologyError_.isEmpty())
        qCInfo(lcContext) << "the topology is saved again";
    topologyError_.clear();
    topologyDirty_ = false;
    return true;
}

void ServerContext::unregisterConnection(Connection *c)
{
    connections_.erase(std::remove(connections_.begin(), connections_.end(), c), connections_.end());
}

} // namespace warren::server
