// The broker state every connection shares: settings, users, virtual hosts and the
// registry of live connections. Lives on the broker thread only.
#pragma once

#include "auth/UserDatabase.h"
#include "ModelEventRelay.h"
#include "model/VHost.h"
#include "observe/EventTap.h"
#include "observe/MessageCounters.h"
#include "store/GroupCommit.h"
#include "store/MessageStore.h"
#include "store/TopologyStore.h"
#include "protocol/Constants.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QSet>

#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace warren::server {

class Connection;
class Channel;

struct ServerSettings {
    std::uint32_t frameMax = amqp::kDefaultFrameMax;
    std::uint16_t channelMax = amqp::kDefaultChannelMax;
    std::uint16_t heartbeatSeconds = amqp::kDefaultHeartbeatSeconds;
    qint64 maxMessageSize = qint64(128) << 20;   // RabbitMQ's default max_message_size
    qsizetype outputHighWatermark = qsizetype(4) << 20;   // stop delivering to a peer above this
    qsizetype outputLowWatermark = qsizetype(1) << 20;    // resume below this
    QByteArray clusterName = "warren@localhost";
    int handshakeTimeoutMs = 10'000;         // BrokerConfig's
    qint64 consumerTimeoutMs = 1'800'000;    // 0: off
};

class ServerContext : public model::TopologyListener {
public:
    ServerContext();
    ~ServerContext() override;

    // Persistence, when the broker has a data directory: the topology and the users.
    void setTopologyStore(std::unique_ptr<store::TopologyStore> store);
    bool loadTopology(QString *error);
    void durableTopologyChanged() override
    {
        topologyDirty_ = true;
        ++topologyChanges_;
    }
    // Counts durable topology changes: a connection compares it before and after a read to
    // know whether replies it wrote wait on the topology being saved.
    quint64 topologyChanges() const { return topologyChanges_; }
    std::uint64_t newQueueId() override { return nextQueueId_++; }
    // Writes durable topology changes; called before replies leave, so that a declare-ok
    // means the declaration is on disk. False while what is on disk is behind: the save
    // failed now, or failed less than a second ago and nobody waits on it (`waitedOn`
    // false: a timer's retry), so that a broken disk is not rewritten 50 times a second.
    bool saveTopologyIfChanged(bool waitedOn = true);
    // After a burst of work (a read from a peer, a timer tick): the topology if it changed,
    // and an fsync scheduled for whatever the message store took meanwhile — acks and
    // deliveries too, not only publishes, so that they reach the disk without waiting for
    // the next publish. Returns saveTopologyIfChanged's answer.
    bool persistChanges(bool waitedOn = true);
    // Why the last topology save failed; empty once one succeeded.
    QString topologyError() const { return topologyError_; }

    // The message store: persistent messages of durable queues. Null without a data directory.
    void setMessageStore(std::unique_ptr<store::MessageStore> store, int groupCommitMs);
    bool recoverMessages(QString *error);
    store::MessageStore *messageStore() const { return messages_.get(); }
    bool messageStoreFailing() const { return messages_ && messages_->isFailing(); }
    void awaitDurable(Channel *channel) { awaitingDisk_.insert(channel); }
    void stopAwaitingDurable(Channel *channel) { awaitingDisk_.remove(channel); }
    // Stopping: everything to disk now.
    void syncMessages();

    // Resource alarms, as RabbitMQ words them in connection.blocked: "low on memory",
    // "low on disk". Empty when none is raised.
    void setAlarmReason(const QByteArray &reason);
    const QByteArray &alarmReason() const { return alarmReason_; }

    ServerSettings settings;
    auth::UserDatabase users;
    observe::MessageCounters retiredCounters;   // of channels that have closed
    observe::FateCounters retiredFates;         // of virtual hosts that were deleted

    // The event tap: what happens to each message, for whoever watches (off by default).
    observe::EventTap tap;
    void setTapEnabled(bool on);

    // Called when a virtual host left dead-lettered copies for a later turn of the event
    // loop (model::VHost::deliverDeadLetters); the broker schedules that turn.
    void setDeadLettersWaiting(std::function<void()> notify) { deadLettersWaiting_ = std::move(notify); }

    model::VHost *vhost(const QByteArray &name) const { return vhosts_.value(name).get(); }
    model::VHost *addVHost(const QByteArray &name);
    // Closes the connections using it, then deletes it with its queues and their messages.
    void removeVHost(const QByteArray &name);
    const QHash<QByteArray, std::shared_ptr<model::VHost>> &vhosts() const { return vhosts_; }
    // How many bytes of ready messages each queue keeps in memory, in every virtual host
    // (new ones too); set before recovery, it also bounds what a restart reads back.
    void setPagingWindow(qint64 bytes);
    // Under the memory alarm every queue's window narrows to kTightPagingWindow, and widens
    // again when the alarm clears.
    void setMemoryTight(bool tight);
    static constexpr qint64 kTightPagingWindow = qint64(1) << 20;
    // The window queues have now.
    qint64 pagingWindow() const { return memoryTight_ ? qMin(kTightPagingWindow, pagingWindow_) : pagingWindow_; }

    std::uint64_t newConnectionId() { return nextConnectionId_++; }
    void registerConnection(Connection *c) { connections_.push_back(c); }
    void unregisterConnection(Connection *c);
    const std::vector<Connection *> &connections() const { return connections_; }

    // Direct reply-to: the channels consuming amq.rabbitmq.reply-to, by their virtual host
    // and the suffix of the reply address ("amq.rabbitmq.reply-to.<suffix>") they hand out.
    // Per virtual host: a reply published in another one finds no client and is dropped.
    using ReplyAddress = std::pair<QByteArray, QByteArray>;   // vhost name, suffix
    void registerReplyConsumer(const ReplyAddress &address, Channel *channel) { replyConsumers_.insert(address, channel); }
    void unregisterReplyConsumer(const ReplyAddress &address) { replyConsumers_.remove(address); }
    Channel *replyConsumer(const ReplyAddress &address) const { return replyConsumers_.value(address); }

private:
    QHash<QByteArray, std::shared_ptr<model::VHost>> vhosts_;
    std::vector<Connection *> connections_;
    QHash<ReplyAddress, Channel *> replyConsumers_;
    qint64 pagingWindow_ = model::Queue::kPagingWindowBytes;   // as configured
    bool memoryTight_ = false;
    std::uint64_t nextConnectionId_ = 1;
    std::uint64_t nextQueueId_ = 1;
    std::unique_ptr<store::TopologyStore> topology_;
    bool topologyDirty_ = false;
    quint64 topologyChanges_ = 0;
    QString topologyError_;
    QElapsedTimer sinceTopologyFailure_;
    std::unique_ptr<store::MessageStore> messages_;
    std::unique_ptr<store::GroupCommit> groupCommit_;
    QSet<Channel *> awaitingDisk_;
    QByteArray alarmReason_;
    ModelEventRelay relay_{tap};
    std::function<void()> deadLettersWaiting_;
};

} // namespace warren::server
