// Channel: RabbitMQ's permission checks (rabbit_channel's check_*_permitted). Which method
// needs which access on what is RabbitMQ 3.10's table, applied where each handler names its
// objects: configure to declare or delete an exchange or queue; write on a queue or
// exchange to bind to it and on an exchange to publish to it; read on an exchange to bind
// from it and on a queue to get, consume or purge. Passive declares need nothing.
#include "Channel.h"

#include "Connection.h"
#include "model/VHost.h"

namespace warren::server {

namespace {
constexpr qsizetype kWritableExchangesKept = 256;
}

using amqp::AmqpError;
using amqp::ReplyCode;

void Channel::requireAccess(auth::Access access, const auth::Resource &resource) const
{
    if (connection_.isUnrestricted())
        return;
    const QByteArray &user = connection_.user();
    if (!connection_.context().users.permissions().allows(user, vhost().name(), access, resource))
        throw AmqpError::make(ReplyCode::AccessRefused, resource.refusal(vhost().name(), user));
}

void Channel::requireBindingAccess(const auth::Resource &destination, const QByteArray &source) const
{
    requireAccess(auth::Access::Write, destination);
    if (destination.kind == auth::Resource::Kind::Exchange)
        checkNotDefaultExchange(destination.name);
    checkNotDefaultExchange(source);
    requireAccess(auth::Access::Read, auth::Resource::exchange(source));
}

void Channel::requireForwardingAccess(const auth::Resource &from, const amqp::FieldTable &arguments,
                                      const char *argument) const
{
    const amqp::FieldValue *target = arguments.find(argument);
    if (!target || target->type() != amqp::FieldValue::Type::LongString)
        return;   // absent, or of a type the argument checks refuse
    requireAccess(auth::Access::Read, from);
    requireAccess(auth::Access::Write, auth::Resource::exchange(target->toBytes()));
}

model::Queue &Channel::permittedQueue(const QByteArray &name, auth::Access access) const
{
    const QByteArray resolved = queueNameOrLast(name);
    requireAccess(access, auth::Resource::queue(resolved));
    return queueOrThrow(resolved);
}

// Not the last exchange published to, or the permissions changed since (requirePublishAccess).
void Channel::checkPublishAccess(const QByteArray &exchange)
{
    const quint64 generation = connection_.context().users.permissions().generation();
    if (generation != writableGeneration_) {
        writableExchanges_.clear();
        writableGeneration_ = generation;
    } else if (writableExchanges_.contains(exchange)) {
        lastWritable_ = exchange;
        return;
    }
    requireAccess(auth::Access::Write, auth::Resource::exchange(exchange));
    if (writableExchanges_.size() >= kWritableExchangesKept)
        writableExchanges_.clear();   // names are the client's to choose: the cache stays small
    writableExchanges_.insert(exchange);
    lastWritable_ = exchange;
}

} // namespace warren::server
