// Channel: direct reply-to. An RPC client consumes the pseudo-queue amq.rabbitmq.reply-to
// (no-ack); a request it publishes with reply_to "amq.rabbitmq.reply-to" leaves with an
// address naming this channel, and a reply published to that address through the default
// exchange is delivered straight to the client, without any queue.
//
// The address is unguessable (a random suffix, NameGenerator.h) and valid only in the
// client's virtual host: a reply published in another one is dropped as a reply to an
// unknown address is. (RabbitMQ 3.10 delivers it: its addresses name a channel process,
// whatever the virtual host.)
#include "Channel.h"

#include "NameGenerator.h"
#include "model/VHost.h"

namespace warren::server {

using amqp::AmqpError;
using amqp::ReplyCode;

namespace {
const QByteArray kReplyToPrefix = QByteArray(Channel::kReplyToQueue) + '.';
}

void Channel::consumeReplies(const amqp::BasicConsume &m)
{
    const QByteArray tag = m.consumerTag.isEmpty() ? generateName("amq.ctag-") : m.consumerTag;
    if (findConsumer(tag))
        throw AmqpError::make(ReplyCode::NotAllowed, "attempt to reuse consumer tag '" + tag + "'");
    if (!m.noAck)
        throw AmqpError::make(ReplyCode::PreconditionFailed, "reply consumer cannot acknowledge");
    if (replyConsumer_)
        throw AmqpError::make(ReplyCode::PreconditionFailed, "reply consumer already set");
    replyConsumer_ = ReplyConsumer{tag, generateName("")};
    connection_.context().registerReplyConsumer(replyAddressIn(replyConsumer_->suffix), this);
    if (!m.noWait)
        reply(amqp::BasicConsumeOk{tag});
}

void Channel::stopConsumingReplies()
{
    if (!replyConsumer_)
        return;
    connection_.context().unregisterReplyConsumer(replyAddressIn(replyConsumer_->suffix));
    replyConsumer_.reset();
}

ServerContext::ReplyAddress Channel::replyAddressIn(const QByteArray &suffix) const
{
    return {vhost().name(), suffix};
}

QByteArray Channel::replyAddress() const
{
    if (!replyConsumer_)
        throw AmqpError::make(ReplyCode::PreconditionFailed, "fast reply consumer does not exist");
    return kReplyToPrefix + replyConsumer_->suffix;
}

// The pseudo-queue exists, with one consumer as RabbitMQ reports it; a reply address exists
// while its client consumes.
void Channel::declareReplyQueue(const amqp::QueueDeclare &m)
{
    const bool exists = m.queue == kReplyToQueue
        || (m.queue.startsWith(kReplyToPrefix)
            && connection_.context().replyConsumer(replyAddressIn(m.queue.sliced(kReplyToPrefix.size()))));
    if (!exists)
        throw AmqpError::make(ReplyCode::NotFound, "no queue '" + m.queue + "' in vhost '" + vhost().name() + "'");
    if (!m.noWait)
        reply(amqp::QueueDeclareOk{m.queue, 0, 1});
}

bool Channel::isReplyAddress(const QByteArray &exchange, const QByteArray &routingKey)
{
    return exchange.isEmpty() && routingKey.startsWith(kReplyToPrefix);
}

void Channel::routeReply(const PendingPublish &publish)
{
    const QByteArray suffix = publish.method.routingKey.sliced(kReplyToPrefix.size());
    // A reply to a client that has gone, or is in another virtual host, is dropped.
    if (Channel *client = connection_.context().replyConsumer(replyAddressIn(suffix))) {
        client->deliverReply(*publish.message);
        client->connection_.holdWriterUntilDrained(connection_);
    }
    // RabbitMQ's quirk, kept: no queue took it, so a mandatory reply also comes back.
    if (publish.method.mandatory)
        returnUnroutable(publish.method, *publish.message);
}

void Channel::deliverReply(const model::Message &message)
{
    if (state_ != State::Open || !replyConsumer_)
        return;
    connection_.writer().method(number_, amqp::BasicDeliver{replyConsumer_->tag, ++lastDeliveryTag_, false,
                                                            message.exchange, message.routingKey});
    connection_.writer().content(number_, message.properties, message.body);
    connection_.outputAdded();
}

} // namespace warren::server
