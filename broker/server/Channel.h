// One AMQP channel: method handling with RabbitMQ's checks and reply codes, content
// assembly for publishes, consumers, deliveries awaiting ack, and publisher confirms.
//
// Protocol errors are thrown as amqp::AmqpError from the handlers and caught in one place
// (handleFrame): a soft error closes this channel, a hard one the whole connection.
// Handlers are split over several files by method class: Channel.cpp (lifecycle, frames,
// delivery), ChannelQueueMethods.cpp, ChannelExchangeMethods.cpp, ChannelBasicMethods.cpp,
// ChannelPublishing.cpp.
#pragma once

#include "ChannelConsumer.h"
#include "ConfirmTracker.h"
#include "Connection.h"
#include "ConsumerTimeout.h"
#include "UnackedDeliveries.h"
#include "auth/Resource.h"
#include "auth/VHostPermissions.h"
#include "model/RouteSet.h"
#include "observe/EventTap.h"
#include "observe/MessageCounters.h"
#include "protocol/AmqpError.h"
#include "protocol/BasicProperties.h"
#include "protocol/ContentAssembler.h"
#include "protocol/FrameReader.h"
#include "protocol/Methods.h"

#include <QSet>

#include <deque>
#include <memory>
#include <optional>
#include <vector>

namespace warren::model {
class Exchange;
class VHost;
}

namespace warren::server {

using PublishAssembler = amqp::ContentAssembler<amqp::BasicPublish>;

class Channel {
public:
    enum class State { Open, Closing, Finished };
    static constexpr const char *kReplyToQueue = "amq.rabbitmq.reply-to";

    Channel(Connection &connection, std::uint16_t number);
    ~Channel();
    Channel(const Channel &) = delete;
    Channel &operator=(const Channel &) = delete;

    void handleFrame(const amqp::Frame &frame);
    bool isFinished() const { return state_ == State::Finished; }
    // The channel or its connection is going away: cancel consumers, requeue what is unacked
    // (the event tap is told why: ChannelClosed, or ConnectionLost when the socket went).
    void shutdown(observe::Cause cause = observe::Cause::ChannelClosed);
    void resumeDelivery();
    void flushConfirms();
    // The periodic consumer-timeout check (0: off): a delivery left unacknowledged for
    // timeoutMs closes the channel with RabbitMQ's 406, and its deliveries are requeued.
    void checkConsumerTimeout(qint64 nowMs, qint64 timeoutMs);
    // The message store reached `records` on disk: confirms waiting for it go out.
    // The store's records up to `records` are on disk (written) or may be lost (their fsync
    // failed): the publishes waiting on them are confirmed with basic.ack, or basic.nack.
    void recordsSettled(quint64 records, bool written);

    // For ChannelConsumer.
    bool canDeliverTo(const ChannelConsumer &consumer);
    void deliver(ChannelConsumer &consumer, model::Queue &queue, model::QueueEntry &&entry);
    void consumerQueueDeleted(ChannelConsumer &consumer);

    // For the explorer's snapshots.
    std::uint16_t number() const { return number_; }
    State state() const { return state_; }
    qsizetype unackedCount() const { return unacked_.size(); }
    std::uint16_t consumerPrefetch() const { return consumerPrefetch_; }
    std::uint16_t globalPrefetch() const { return globalPrefetch_; }
    bool confirmMode() const { return confirmMode_; }
    bool transactional() const { return transaction_.has_value(); }
    const observe::MessageCounters &counters() const { return counters_; }
    // The exchanges it published to, with how many messages each (RabbitMQ's channel_exchange
    // stats), in the order first used.
    struct ExchangeTally {
        QByteArray exchange;
        std::uint64_t published = 0;
    };
    const std::deque<ExchangeTally> &publishedTo() const { return publishedTo_; }
    const std::vector<std::unique_ptr<ChannelConsumer>> &consumers() const { return consumers_; }

    // Method handlers, one per method a client may send; the template catches the rest.
    void handle(const amqp::ChannelOpen &m);
    void handle(const amqp::ChannelFlow &m);
    void handle(const amqp::ChannelClose &m);
    void handle(const amqp::ExchangeDeclare &m);
    void handle(const amqp::ExchangeDelete &m);
    void handle(const amqp::ExchangeBind &m);
    void handle(const amqp::ExchangeUnbind &m);
    void handle(const amqp::QueueDeclare &m);
    void handle(const amqp::QueueBind &m);
    void handle(const amqp::QueueUnbind &m);
    void handle(const amqp::QueuePurge &m);
    void handle(const amqp::QueueDelete &m);
    void handle(const amqp::BasicQos &m);
    void handle(const amqp::BasicConsume &m);
    void handle(const amqp::BasicCancel &m);
    void handle(const amqp::BasicPublish &m);
    void handle(const amqp::BasicGet &m);
    void handle(const amqp::BasicAck &m);
    void handle(const amqp::BasicReject &m);
    void handle(const amqp::BasicNack &m);
    void handle(const amqp::BasicRecover &m);
    void handle(const amqp::BasicRecoverAsync &m);
    void handle(const amqp::ConfirmSelect &m);
    void handle(const amqp::TxSelect &m);
    void handle(const amqp::TxCommit &m);
    void handle(const amqp::TxRollback &m);
    template <class M> void handle(const M &)
    {
        throw amqp::AmqpError::make(amqp::ReplyCode::CommandInvalid, "unimplemented method", M::id);
    }

private:
    enum class Settlement { Ack, Requeue, Drop };

    void handleMethod(QByteArrayView payload);
    void handleContentFrame(const amqp::Frame &frame);
    void onError(amqp::AmqpError error);
    void closeWithError(const amqp::AmqpError &error);
    template <class M> void reply(const M &method)
    {
        connection_.writer().method(number_, method);
        connection_.outputAdded();
    }

    // Queues and exchanges by name, with RabbitMQ's errors when missing or locked.
    model::VHost &vhost() const;
    QByteArray queueNameOrLast(const QByteArray &name) const;
    model::Queue &queueOrThrow(const QByteArray &name) const;
    model::Exchange &exchangeOrThrow(const QByteArray &name) const;
    void checkExclusiveAccess(const model::Queue &queue) const;
    amqp::AmqpError lockedQueueError(const model::Queue &queue) const;
    void checkNotDefaultExchange(const QByteArray &name) const;
    void checkBindingArguments(const model::Exchange &source, const amqp::FieldTable &arguments) const;

    // RabbitMQ's permission checks (ChannelAccess.cpp), each before it looks for the object,
    // as RabbitMQ: 403 ACCESS_REFUSED in its words unless the user's permissions in this vhost
    // allow `access` to `resource`. The explorer's own connection is not checked.
    void requireAccess(auth::Access access, const auth::Resource &resource) const;
    // (Un)binding: write on the destination, read on the source exchange.
    void requireBindingAccess(const auth::Resource &destination, const QByteArray &source) const;
    // A new exchange's alternate exchange, or a new queue's dead-letter exchange (the
    // exchange named by `argument`), will receive messages from `from`: read on it, write on
    // that exchange.
    void requireForwardingAccess(const auth::Resource &from, const amqp::FieldTable &arguments,
                                 const char *argument) const;
    // The named queue ("": the last declared), once `access` to it is allowed.
    model::Queue &permittedQueue(const QByteArray &name, auth::Access access) const;
    // basic.publish's write check, remembered per exchange name while the permissions stay
    // as they were: a publish pays a comparison with the last name (a set lookup for another
    // one), not a regular expression.
    void requirePublishAccess(const QByteArray &exchange)
    {
        if (writableGeneration_ != connection_.context().users.permissions().generation() || exchange != lastWritable_)
            checkPublishAccess(exchange);
    }
    void checkPublishAccess(const QByteArray &exchange);

    // A binding named by a bind/unbind method, its exchanges and queue looked up and checked.
    struct ResolvedBinding {
        model::Exchange &source;
        model::Binding binding;
    };
    ResolvedBinding queueBinding(const QByteArray &exchange, const QByteArray &queue, const QByteArray &routingKey,
                                 const amqp::FieldTable &arguments);
    ResolvedBinding exchangeBinding(const QByteArray &source, const QByteArray &destination,
                                    const QByteArray &routingKey, const amqp::FieldTable &arguments);
    void bind(const ResolvedBinding &binding);
    void unbind(const ResolvedBinding &binding);   // an auto-delete source may go with it
    void deleteQueue(model::Queue &queue);
    model::Queue &declarePassively(const amqp::QueueDeclare &m);
    model::Queue &declare(const amqp::QueueDeclare &m);   // creates, or checks equivalence

    // A publish ready to be routed: at once, or at tx.commit.
    struct PendingPublish {
        amqp::BasicPublish method;
        QByteArray exchange;
        model::MessageRef message;
        std::optional<qint64> ttl;   // from the expiration property
    };
    void publish(PublishAssembler::Content &&content);
    amqp::PropertiesSummary checkedProperties(QByteArrayView encoded);
    static bool mayHoldRecipientLists(QByteArrayView headers);
    static void takeRecipientLists(model::Message &message);
    // exchange: nullptr when it has gone since (a transaction's buffered publish).
    void route(const PendingPublish &publish, model::Exchange *exchange);
    // Writes the message to the store when a durable queue among `routes` keeps it.
    void persist(model::Message &message, const model::RouteSet &routes);
    void writeContent(const model::Queue &queue, const model::QueueEntry &entry, bool viaGet);

    // Direct reply-to (ChannelDirectReplyTo.cpp).
    struct ReplyConsumer {
        QByteArray tag;
        QByteArray suffix;   // of the reply address this channel hands out
    };
    void consumeReplies(const amqp::BasicConsume &m);
    void stopConsumingReplies();
    void declareReplyQueue(const amqp::QueueDeclare &m);
    QByteArray replyAddress() const;
    ServerContext::ReplyAddress replyAddressIn(const QByteArray &suffix) const;   // of this vhost
    static bool isReplyAddress(const QByteArray &exchange, const QByteArray &routingKey);
    void routeReply(const PendingPublish &publish);
    void deliverReply(const model::Message &message);
    void returnUnroutable(const amqp::BasicPublish &method, const model::Message &message);
    void settle(std::vector<UnackedDelivery> &&deliveries, Settlement how, observe::Cause cause);
    void settleByTag(std::uint64_t tag, bool multiple, Settlement how, observe::Cause cause);
    // The consumer's queue, unless it went with the consumer (auto-delete) or before it.
    model::Queue *removeConsumer(ChannelConsumer *consumer);
    ChannelConsumer *findConsumer(const QByteArray &tag) const;
    ChannelConsumer *findConsumer(std::uint32_t id) const;
    void dispatchConsumedQueues();

    // The event tap (ChannelEvents.cpp): an event of this channel, its connection and vhost
    // filled in, and the hooks that are more than one line. Call sites on the message path
    // check tracing() first, so that a broker nobody watches pays one branch for them.
    observe::EventTap &tap() const;
    bool tracing() const { return connection_.context().tap.isEnabled(); }
    observe::TraceEvent event(observe::EventKind kind) const;
    // Publishers mostly stay with one exchange: the same name as last time (the exchange's
    // own shared bytes) is counted without a search.
    void tallyPublish(const model::Exchange &exchange)
    {
        if (exchange.name().constData() == lastTallied_)
            ++*lastTally_;
        else
            tallyNewExchange(exchange);
    }
    void tallyNewExchange(const model::Exchange &exchange);
    void tracePublished(const model::Message &message, const amqp::BasicPublish &method);
    void traceRefused(const model::Message &message, const model::Queue &queue);
    void traceRoutes(const model::Message &message, const model::RoutingInput &input, const model::RouteTrail &trail);
    void traceUnroutable(const PendingPublish &publish);
    void traceDelivery(observe::EventKind kind, const model::Queue &queue, const model::QueueEntry &entry,
                       std::uint64_t tag, const QByteArray &consumerTag, bool noAck);
    void traceSettled(const UnackedDelivery &delivery, const model::Queue &queue, Settlement how,
                      observe::Cause cause);
    void traceConfirm(std::uint64_t traceId, std::uint64_t seq, bool ack, bool onDisk);
    void traceConsumer(observe::EventKind kind, const ChannelConsumer &consumer);

    Connection &connection_;
    std::uint16_t number_;
    State state_ = State::Open;
    bool opened_ = false;
    amqp::MethodId currentMethod_ = 0;

    PublishAssembler assembler_;
    UnackedDeliveries unacked_;
    ConsumerTimeout consumerTimeout_;
    std::uint64_t lastDeliveryTag_ = 0;
    std::vector<std::unique_ptr<ChannelConsumer>> consumers_;
    std::uint32_t nextConsumerId_ = 1;
    qsizetype consumerUnacked_ = 0;        // deliveries to consumers awaiting ack (global qos)
    std::uint16_t consumerPrefetch_ = 0;   // basic.qos global=false: for new consumers
    std::uint16_t globalPrefetch_ = 0;     // basic.qos global=true: for the whole channel
    QByteArray lastDeclaredQueue_;
    std::optional<ReplyConsumer> replyConsumer_;

    observe::MessageCounters counters_;
    std::deque<ExchangeTally> publishedTo_;   // a deque: lastTally_ stays valid as it grows
    const char *lastTallied_ = nullptr;       // the name's bytes of the exchange last counted
    std::uint64_t *lastTally_ = nullptr;
    QSet<QByteArray> writableExchanges_;   // publishing allowed, as of writableGeneration_
    QByteArray lastWritable_;               // the one of them published to last
    quint64 writableGeneration_ = 0;        // of the permission table; 0: nothing known yet
    bool confirmMode_ = false;
    ConfirmTracker confirms_;
    struct AwaitingDisk {
        quint64 records;      // the store's record count that must be durable
        quint64 confirmSeq;
        quint64 traceId;      // the message, for the event tap
    };
    std::deque<AwaitingDisk> awaitingDisk_;

    // tx.select: publishes and settlements wait here for tx.commit.
    struct Transaction {
        struct Settled {
            std::vector<UnackedDelivery> deliveries;
            Settlement how;
            observe::Cause cause;
        };
        std::vector<PendingPublish> publishes;
        std::vector<Settled> settlements;
    };
    std::optional<Transaction> transaction_;
    Transaction &transactionOrThrow();
    void rollBack(Transaction &transaction);
};

} // namespace warren::server
