// Channel: consuming, getting and acknowledging (class basic), confirm and tx selection.
#include "Channel.h"

#include "Connection.h"
#include "Firehose.h"
#include "NameGenerator.h"
#include "model/QueuePolicy.h"
#include "model/VHost.h"

#include <QVarLengthArray>

namespace warren::server {

using amqp::AmqpError;
using amqp::ReplyCode;

void Channel::handle(const amqp::BasicQos &m)
{
    if (m.prefetchSize != 0)
        throw AmqpError::make(ReplyCode::NotImplemented,
                              "prefetch_size!=0 (" + QByteArray::number(m.prefetchSize) + ")");
    // RabbitMQ's reading: global=false sets the limit of each consumer created from now on,
    // global=true one limit shared by all consumers of the channel. Its quirk is kept too: a
    // global=false qos also lifts an earlier channel-wide limit.
    if (m.global) {
        globalPrefetch_ = m.prefetchCount;
    } else {
        consumerPrefetch_ = m.prefetchCount;
        globalPrefetch_ = 0;
    }
    reply(amqp::BasicQosOk{});
    dispatchConsumedQueues();
}

void Channel::handle(const amqp::BasicConsume &m)
{
    if (m.queue == kReplyToQueue)
        return consumeReplies(m);
    model::Queue &queue = permittedQueue(m.queue, auth::Access::Read);
    checkExclusiveAccess(queue);
    const QByteArray tag = m.consumerTag.isEmpty() ? generateName("amq.ctag-") : m.consumerTag;
    if (findConsumer(tag))
        throw AmqpError::make(ReplyCode::NotAllowed, "attempt to reuse consumer tag '" + tag + "'");
    if (queue.hasExclusiveConsumer() || (m.exclusive && queue.consumerCount() > 0))
        throw AmqpError::make(ReplyCode::AccessRefused,
                              "queue '" + queue.name() + "' in vhost '" + vhost().name() + "' in exclusive use");
    const amqp::FieldValue *priority = m.arguments.find("x-priority");
    if (priority && !priority->isInteger())
        throw AmqpError::make(ReplyCode::PreconditionFailed, "invalid arg 'x-priority' for queue '" + queue.name()
                                                                 + "' in vhost '" + vhost().name()
                                                                 + "': " + model::integerTypeError(*priority));
    consumers_.push_back(std::make_unique<ChannelConsumer>(
        *this, nextConsumerId_++, tag, queue,
        ChannelConsumer::Settings{m.noAck, m.exclusive, consumerPrefetch_,
                                  priority && priority->isInteger() ? int(priority->toInteger()) : 0}));
    // consume-ok goes out before the first delivery.
    if (!m.noWait)
        reply(amqp::BasicConsumeOk{tag});
    traceConsumer(observe::EventKind::ConsumerAdded, *consumers_.back());
    queue.addConsumer(consumers_.back().get());
}

void Channel::handle(const amqp::BasicCancel &m)
{
    if (ChannelConsumer *consumer = findConsumer(m.consumerTag)) {
        // A single active consumer hands over only once what it holds is settled (acked
        // here, or requeued when the channel closes), so its successor sees that first.
        const bool holds = consumer->unacked() > 0;
        model::Queue *queue = removeConsumer(consumer);
        if (queue && !(holds && queue->policy().singleActiveConsumer))
            queue->dispatch();
    } else if (replyConsumer_ && replyConsumer_->tag == m.consumerTag)
        stopConsumingReplies();
    // An unknown tag is not an error: the consumer may have been cancelled by the server.
    if (!m.noWait)
        reply(amqp::BasicCancelOk{m.consumerTag});
}

void Channel::handle(const amqp::BasicGet &m)
{
    model::Queue &queue = permittedQueue(m.queue, auth::Access::Read);
    checkExclusiveAccess(queue);
    std::optional<model::QueueEntry> entry = queue.fetch(m.noAck);
    if (!entry) {
        reply(amqp::BasicGetEmpty{});
        return;
    }
    const std::uint64_t tag = ++lastDeliveryTag_;
    ++counters_.delivered;
    counters_.redelivered += entry->redelivered;
    const model::Message &message = *entry->message;
    if (tracing())
        traceDelivery(observe::EventKind::Got, queue, *entry, tag, {}, m.noAck);
    if (vhost().firehose())
        Firehose::delivered(connection_, number_, queue, message, entry->redelivered);
    amqp::FrameWriter &writer = connection_.writer();
    writer.method(number_, amqp::BasicGetOk{tag, entry->redelivered, message.exchange, message.routingKey,
                                            std::uint32_t(queue.readyCount())});
    writeContent(queue, *entry, true);
    connection_.outputAdded();
    if (!m.noAck)
        unacked_.add(UnackedDelivery{tag, queue.id(), 0, std::move(*entry)});
}

void Channel::handle(const amqp::BasicAck &m)
{
    settleByTag(m.deliveryTag, m.multiple, Settlement::Ack, observe::Cause::Ack);
}

void Channel::handle(const amqp::BasicReject &m)
{
    settleByTag(m.deliveryTag, false, m.requeue ? Settlement::Requeue : Settlement::Drop, observe::Cause::Reject);
}

void Channel::handle(const amqp::BasicNack &m)
{
    settleByTag(m.deliveryTag, m.multiple, m.requeue ? Settlement::Requeue : Settlement::Drop, observe::Cause::Nack);
}

void Channel::handle(const amqp::BasicRecoverAsync &m)
{
    if (!m.requeue)
        throw AmqpError::make(ReplyCode::NotImplemented, "requeue=false");
    settle(unacked_.takeAll(), Settlement::Requeue, observe::Cause::Recover);
}

void Channel::handle(const amqp::BasicRecover &m)
{
    handle(amqp::BasicRecoverAsync{m.requeue});
    reply(amqp::BasicRecoverOk{});
}

void Channel::settleByTag(std::uint64_t tag, bool multiple, Settlement how, observe::Cause cause)
{
    std::vector<UnackedDelivery> taken;
    if (!unacked_.take(tag, multiple, taken))
        throw AmqpError::make(ReplyCode::PreconditionFailed, "unknown delivery tag " + QByteArray::number(tag));
    if (transaction_)
        transaction_->settlements.push_back({std::move(taken), how, cause});
    else
        settle(std::move(taken), how, cause);
}

void Channel::settle(std::vector<UnackedDelivery> &&deliveries, Settlement how, observe::Cause cause)
{
    if (deliveries.empty())
        return;
    model::VHost *host = connection_.vhost();
    QVarLengthArray<model::Queue *, 4> requeuedTo;   // and other queues to dispatch
    for (UnackedDelivery &d : deliveries) {
        if (d.consumerId != 0) {
            if (ChannelConsumer *consumer = findConsumer(d.consumerId)) {
                consumer->released();
                --consumerUnacked_;
                if (how == Settlement::Ack)
                    consumer->countAck();
            }
        }
        model::Queue *queue = host ? host->queueById(d.queueId) : nullptr;
        if (!queue)
            continue;   // deleted meanwhile: its messages went with it
        if (tracing())
            traceSettled(d, *queue, how, cause);
        if (how == Settlement::Requeue) {
            queue->requeue(std::move(d.entry));
            if (!requeuedTo.contains(queue))
                requeuedTo.append(queue);
        } else if (how == Settlement::Drop) {
            queue->reject(std::move(d.entry));
        } else {
            queue->settle(d.entry);
            ++counters_.acked;
        }
        if (queue->policy().singleActiveConsumer && !requeuedTo.contains(queue))
            requeuedTo.append(queue);   // a pending hand-over may be due
    }
    for (model::Queue *queue : requeuedTo)
        queue->dispatch();
    dispatchConsumedQueues();
}

void Channel::handle(const amqp::ConfirmSelect &m)
{
    if (transaction_)
        throw AmqpError::make(ReplyCode::PreconditionFailed, "cannot switch from tx to confirm mode");
    confirmMode_ = true;
    if (!m.noWait)
        reply(amqp::ConfirmSelectOk{});
}

void Channel::handle(const amqp::TxSelect &)
{
    if (confirmMode_)
        throw AmqpError::make(ReplyCode::PreconditionFailed, "cannot switch from confirm to tx mode");
    if (!transaction_)
        transaction_.emplace();
    reply(amqp::TxSelectOk{});
}

Channel::Transaction &Channel::transactionOrThrow()
{
    if (!transaction_)
        throw AmqpError::make(ReplyCode::PreconditionFailed, "channel is not transactional");
    return *transaction_;
}

void Channel::handle(const amqp::TxCommit &)
{
    Transaction done = std::exchange(transactionOrThrow(), Transaction{});
    for (const PendingPublish &p : done.publishes)
        route(p, vhost().findExchange(p.exchange));
    for (Transaction::Settled &s : done.settlements)
        settle(std::move(s.deliveries), s.how, s.cause);
    reply(amqp::TxCommitOk{});
}

void Channel::handle(const amqp::TxRollback &)
{
    // As RabbitMQ: publishes are dropped; acknowledged deliveries become unacknowledged again.
    rollBack(transactionOrThrow());
    reply(amqp::TxRollbackOk{});
}

void Channel::rollBack(Transaction &transaction)
{
    for (Transaction::Settled &s : transaction.settlements)
        unacked_.restore(std::move(s.deliveries));
    transaction = Transaction{};
}

} // namespace warren::server
