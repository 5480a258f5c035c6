// Channel: the queue class, and the lookups with RabbitMQ's errors shared by all handlers.
#include "Channel.h"

#include "Connection.h"
#include "Equivalence.h"
#include "NameGenerator.h"
#include "model/QueueArguments.h"
#include "model/VHost.h"

namespace warren::server {

using amqp::AmqpError;
using amqp::ReplyCode;

namespace {

QByteArray inVHost(const char *kind, const QByteArray &name, const model::VHost &vhost)
{
    return QByteArray(kind) + " '" + name + "' in vhost '" + vhost.name() + "'";
}

} // namespace

model::VHost &Channel::vhost() const
{
    return *connection_.vhost();
}

QByteArray Channel::queueNameOrLast(const QByteArray &name) const
{
    if (!name.isEmpty())
        return name;
    if (lastDeclaredQueue_.isEmpty())
        throw AmqpError::make(ReplyCode::NotFound, "no previously declared queue");
    return lastDeclaredQueue_;
}

model::Queue &Channel::queueOrThrow(const QByteArray &name) const
{
    const QByteArray resolved = queueNameOrLast(name);
    model::Queue *queue = vhost().findQueue(resolved);
    if (!queue)
        throw AmqpError::make(ReplyCode::NotFound, "no " + inVHost("queue", resolved, vhost()));
    return *queue;
}

AmqpError Channel::lockedQueueError(const model::Queue &queue) const
{
    return AmqpError::make(ReplyCode::ResourceLocked,
                           "cannot obtain exclusive access to locked " + inVHost("queue", queue.name(), vhost())
                               + ". It could be originally declared on another connection or the exclusive "
                                 "property value does not match that of the original declaration.");
}

void Channel::checkExclusiveAccess(const model::Queue &queue) const
{
    if (queue.isExclusive() && queue.exclusiveOwner() != connection_.id())
        throw lockedQueueError(queue);
}

void Channel::deleteQueue(model::Queue &queue)
{
    vhost().removeQueue(&queue);
}

void Channel::handle(const amqp::QueueDeclare &m)
{
    if (m.queue == kReplyToQueue || (m.passive && m.queue.startsWith(kReplyToQueue)))
        return declareReplyQueue(m);
    model::Queue &queue = m.passive ? declarePassively(m) : declare(m);
    queue.markUsed();
    queue.expire();   // the counts below leave out what has expired
    lastDeclaredQueue_ = queue.name();
    if (!m.noWait)
        reply(amqp::QueueDeclareOk{queue.name(), std::uint32_t(queue.readyCount()),
                                   std::uint32_t(queue.consumerCount())});
}

model::Queue &Channel::declarePassively(const amqp::QueueDeclare &m)
{
    model::Queue &queue = queueOrThrow(m.queue);
    checkExclusiveAccess(queue);
    return queue;
}

model::Queue &Channel::declare(const amqp::QueueDeclare &m)
{
    QByteArray name = m.queue;
    if (name.isEmpty())
        name = generateName("amq.gen-");
    else if (name.startsWith("amq."))
        throw AmqpError::make(ReplyCode::AccessRefused,
                              "queue name '" + name + "' contains reserved prefix 'amq.*'");
    requireAccess(auth::Access::Configure, auth::Resource::queue(name));
    // As in RabbitMQ, an exclusive queue is never durable: it dies with its connection.
    const bool durable = m.durable && !m.exclusive;
    const QByteArray what = inVHost("queue", name, vhost());
    if (model::Queue *queue = vhost().findQueue(name)) {
        // Strict, unlike other uses: the declared exclusivity must match the queue's.
        const std::uint64_t declaredOwner = m.exclusive ? connection_.id() : 0;
        if (queue->exclusiveOwner() != declaredOwner)
            throw lockedQueueError(*queue);
        assertEquivalent("durable", queue->isDurable(), durable, what);
        assertEquivalent("auto_delete", queue->isAutoDelete(), m.autoDelete, what);
        assertEquivalentArguments(queue->options().arguments, m.arguments, model::ArgumentsOf::Queue, what);
        return *queue;
    }
    requireForwardingAccess(auth::Resource::queue(name), m.arguments, "x-dead-letter-exchange");
    model::PolicyOrError parsed = model::parseQueuePolicy(m.arguments, durable, m.exclusive, m.autoDelete, what);
    if (!parsed.policy)
        throw AmqpError::make(ReplyCode::PreconditionFailed, parsed.error.text(what));
    model::QueueOptions options{durable, m.autoDelete, m.exclusive ? connection_.id() : 0, m.arguments,
                                *parsed.policy};
    return *vhost().addQueue(name, std::move(options));
}

Channel::ResolvedBinding Channel::queueBinding(const QByteArray &exchange, const QByteArray &queue,
                                               const QByteArray &routingKey, const amqp::FieldTable &arguments)
{
    const QByteArray queueName = queueNameOrLast(queue);
    requireBindingAccess(auth::Resource::queue(queueName), exchange);
    model::Exchange &source = exchangeOrThrow(exchange);
    model::Queue &destination = queueOrThrow(queueName);
    checkExclusiveAccess(destination);
    return {source, model::Binding{{&destination, nullptr}, routingKey, arguments}};
}

void Channel::handle(const amqp::QueueBind &m)
{
    bind(queueBinding(m.exchange, m.queue, m.routingKey, m.arguments));
    if (!m.noWait)
        reply(amqp::QueueBindOk{});
}

void Channel::handle(const amqp::QueueUnbind &m)
{
    const QByteArray queueName = queueNameOrLast(m.queue);
    requireBindingAccess(auth::Resource::queue(queueName), m.exchange);
    // Unbinding what is not there succeeds, as in RabbitMQ, missing exchange or queue included.
    model::Exchange *source = vhost().findExchange(m.exchange);
    model::Queue *queue = vhost().findQueue(queueName);
    if (source && queue) {
        checkExclusiveAccess(*queue);
        unbind(ResolvedBinding{*source, model::Binding{{queue, nullptr}, m.routingKey, m.arguments}});
    }
    reply(amqp::QueueUnbindOk{});
}

void Channel::handle(const amqp::QueuePurge &m)
{
    model::Queue &queue = permittedQueue(m.queue, auth::Access::Read);
    checkExclusiveAccess(queue);
    const qsizetype purged = queue.purge();
    if (!m.noWait)
        reply(amqp::QueuePurgeOk{std::uint32_t(purged)});
}

void Channel::handle(const amqp::QueueDelete &m)
{
    const QByteArray name = queueNameOrLast(m.queue);
    requireAccess(auth::Access::Configure, auth::Resource::queue(name));
    model::Queue *queue = vhost().findQueue(name);
    if (!queue) {
        // Deleting what is not there succeeds, as in RabbitMQ.
        if (!m.noWait)
            reply(amqp::QueueDeleteOk{0});
        return;
    }
    checkExclusiveAccess(*queue);
    if (m.ifUnused && queue->consumerCount() > 0)
        throw AmqpError::make(ReplyCode::PreconditionFailed, inVHost("queue", name, vhost()) + " in use");
    if (m.ifEmpty && queue->readyCount() > 0)
        throw AmqpError::make(ReplyCode::PreconditionFailed, inVHost("queue", name, vhost()) + " not empty");
    const std::uint32_t count = std::uint32_t(queue->readyCount());
    deleteQueue(*queue);
    if (!m.noWait)
        reply(amqp::QueueDeleteOk{count});
}

} // namespace warren::server
