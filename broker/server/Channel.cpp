#include "Channel.h"

#include "Connection.h"
#include "Firehose.h"
#include "model/VHost.h"
#include "protocol/ByteReader.h"
#include "protocol/MethodCodec.h"
#include "protocol/UndecodableMethod.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcChannel, "warren.channel")

namespace warren::server {

using amqp::AmqpError;
using amqp::ReplyCode;

Channel::Channel(Connection &connection, std::uint16_t number) : connection_(connection), number_(number) {}

Channel::~Channel()
{
    shutdown();
}

void Channel::handleFrame(const amqp::Frame &frame)
{
    try {
        if (frame.type == amqp::FrameType::Method) {
            handleMethod(frame.payload);
        } else if (state_ == State::Open) {
            handleContentFrame(frame);
        }
    } catch (AmqpError &error) {
        onError(std::move(error));
    }
}

void Channel::handleMethod(QByteArrayView payload)
{
    const amqp::MethodId id = amqp::ByteReader(payload).u32();
    if (state_ == State::Closing) {
        // After our channel.close only its answer matters; a crossing close is answered.
        if (id == amqp::ChannelCloseOk::id) {
            state_ = State::Finished;
        } else if (id == amqp::ChannelClose::id) {
            reply(amqp::ChannelCloseOk{});
        }
        return;
    }
    // A method in the middle of a publish's content is that publish's error.
    currentMethod_ = assembler_.stage() == PublishAssembler::Stage::Idle ? 0 : amqp::BasicPublish::id;
    assembler_.checkMethodAllowed();
    // Errors name the method only once it decoded; decoding errors name it themselves.
    amqp::throwIfUndecodable(amqp::dispatchMethod(payload,
                                            [this](const auto &m) {
                                                currentMethod_ = std::decay_t<decltype(m)>::id;
                                                handle(m);
                                            }),
                       payload);
}

void Channel::handleContentFrame(const amqp::Frame &frame)
{
    currentMethod_ = assembler_.stage() == PublishAssembler::Stage::Idle ? 0 : amqp::BasicPublish::id;
    if (frame.type == amqp::FrameType::Header)
        assembler_.onHeader(frame.payload, connection_.context().settings.maxMessageSize);
    else
        assembler_.onBody(frame.payload);
    if (assembler_.isComplete())
        publish(assembler_.take());
}

void Channel::onError(AmqpError error)
{
    if (error.method == 0)
        error.method = currentMethod_;
    currentMethod_ = 0;
    if (error.isHard()) {
        connection_.fail(error);
        return;
    }
    closeWithError(error);
}

void Channel::closeWithError(const AmqpError &error)
{
    qCInfo(lcChannel) << "channel" << number_ << "error:" << error.replyText();
    shutdown();
    reply(amqp::ChannelClose{std::uint16_t(error.code), error.replyText(), amqp::classIdOf(error.method),
                             amqp::methodIndexOf(error.method)});
    state_ = State::Closing;
}

void Channel::checkConsumerTimeout(qint64 nowMs, qint64 timeoutMs)
{
    if (timeoutMs <= 0 || state_ != State::Open || !consumerTimeout_.expired(unacked_.oldestTag(), nowMs, timeoutMs))
        return;
    closeWithError(AmqpError::make(ReplyCode::PreconditionFailed,
                                   "delivery acknowledgement on channel " + QByteArray::number(number_)
                                       + " timed out. Timeout value used: " + QByteArray::number(timeoutMs)
                                       + " ms. This timeout value can be configured, see consumers doc guide to "
                                         "learn more"));
}

void Channel::shutdown(observe::Cause cause)
{
    // Consumers first, so that requeued messages are not delivered straight back here;
    // their queues dispatch once everything is back.
    std::vector<std::uint64_t> consumed;
    while (!consumers_.empty()) {
        if (model::Queue *q = removeConsumer(consumers_.back().get()))
            consumed.push_back(q->id());
    }
    stopConsumingReplies();
    if (transaction_)
        rollBack(*transaction_);
    settle(unacked_.takeAll(), Settlement::Requeue, cause);
    awaitingDisk_.clear();
    connection_.context().stopAwaitingDurable(this);
    for (std::uint64_t id : consumed) {
        if (model::Queue *q = connection_.vhost() ? connection_.vhost()->queueById(id) : nullptr)
            q->dispatch();
    }
    confirms_ = ConfirmTracker();
}

// ---- channel class --------------------------------------------------------------------

void Channel::handle(const amqp::ChannelOpen &)
{
    if (opened_)
        throw AmqpError::make(ReplyCode::ChannelError, "second 'channel.open' seen");
    opened_ = true;
    reply(amqp::ChannelOpenOk{});
}

void Channel::handle(const amqp::ChannelFlow &m)
{
    // RabbitMQ no longer lets clients stop deliveries this way; consumers use prefetch.
    if (!m.active)
        throw AmqpError::make(ReplyCode::NotImplemented, "active=false");
    reply(amqp::ChannelFlowOk{true});
}

void Channel::handle(const amqp::ChannelClose &)
{
    shutdown();
    reply(amqp::ChannelCloseOk{});
    state_ = State::Finished;
}

// ---- delivery -------------------------------------------------------------------------

bool Channel::canDeliverTo(const ChannelConsumer &consumer)
{
    if (!connection_.mayDeliver())
        return false;
    if (consumer.noAck())
        return true;
    if (consumer.prefetch() != 0 && consumer.unacked() >= consumer.prefetch())
        return false;
    return globalPrefetch_ == 0 || consumerUnacked_ < globalPrefetch_;
}

void Channel::deliver(ChannelConsumer &consumer, model::Queue &queue, model::QueueEntry &&entry)
{
    const std::uint64_t tag = ++lastDeliveryTag_;
    ++counters_.delivered;
    counters_.redelivered += entry.redelivered;
    consumer.countDelivery(entry.redelivered);
    const model::Message &message = *entry.message;
    if (tracing())
        traceDelivery(observe::EventKind::Delivered, queue, entry, tag, consumer.tag(), consumer.noAck());
    if (vhost().firehose())
        Firehose::delivered(connection_, number_, queue, message, entry.redelivered);
    amqp::FrameWriter &writer = connection_.writer();
    writer.method(number_, amqp::BasicDeliver{consumer.tag(), tag, entry.redelivered, message.exchange,
                                              message.routingKey});
    writeContent(queue, entry, false);
    connection_.outputAdded();
    if (!consumer.noAck()) {
        consumer.delivered();
        ++consumerUnacked_;
        unacked_.add(UnackedDelivery{tag, queue.id(), consumer.id(), std::move(entry)});
    }
}

void Channel::writeContent(const model::Queue &queue, const model::QueueEntry &entry, bool viaGet)
{
    const model::Message &message = *entry.message;
    // Quorum queues count deliveries in x-delivery-count: from 0 for basic.get, from the
    // first return for consumers, as RabbitMQ 3.10 does.
    const bool counted = queue.policy().type == model::QueueType::Quorum && (viaGet || entry.deliveryCount > 0);
    if (!counted) {
        connection_.writer().content(number_, message.properties, message.body);
        return;
    }
    connection_.writer().content(
        number_,
        amqp::BasicProperties::withHeader(message.properties, "x-delivery-count",
                                          amqp::FieldValue::integer(entry.deliveryCount)),
        message.body);
}

void Channel::consumerQueueDeleted(ChannelConsumer &consumer)
{
    const QByteArray tag = consumer.tag();
    removeConsumer(&consumer);
    if (state_ == State::Open && connection_.clientHasCapability("consumer_cancel_notify"))
        reply(amqp::BasicCancel{tag, true});
}

void Channel::resumeDelivery()
{
    dispatchConsumedQueues();
}

void Channel::dispatchConsumedQueues()
{
    for (const auto &consumer : consumers_) {
        if (consumer->queue())
            consumer->queue()->dispatch();
    }
}

// ---- consumers ------------------------------------------------------------------------

ChannelConsumer *Channel::findConsumer(const QByteArray &tag) const
{
    for (const auto &c : consumers_) {
        if (c->tag() == tag)
            return c.get();
    }
    return nullptr;
}

ChannelConsumer *Channel::findConsumer(std::uint32_t id) const
{
    for (const auto &c : consumers_) {
        if (c->id() == id)
            return c.get();
    }
    return nullptr;
}

model::Queue *Channel::removeConsumer(ChannelConsumer *consumer)
{
    model::Queue *queue = consumer->queue();
    traceConsumer(observe::EventKind::ConsumerCancelled, *consumer);
    consumerUnacked_ -= consumer->unacked();
    auto it = std::find_if(consumers_.begin(), consumers_.end(), [&](const auto &c) { return c.get() == consumer; });
    const std::unique_ptr<ChannelConsumer> gone = std::move(*it);
    consumers_.erase(it);
    if (!queue || !vhost().queueById(queue->id()))
        return nullptr;   // the queue is being deleted
    queue->removeConsumer(consumer);
    if (queue->isAutoDelete() && queue->consumerCount() == 0) {
        deleteQueue(*queue);
        return nullptr;
    }
    return queue;
}

bool ChannelConsumer::canTakeMessage() const { return channel_.canDeliverTo(*this); }

void ChannelConsumer::deliver(model::Queue &queue, model::QueueEntry &&entry)
{
    channel_.deliver(*this, queue, std::move(entry));
}

void ChannelConsumer::queueDeleted(model::Queue &)
{
    channel_.consumerQueueDeleted(*this);
}

} // namespace warren::server
