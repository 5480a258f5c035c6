// Channel: what it tells the event tap, and its per-exchange publish tallies. Every hook
// costs one branch while the tap is off; see observe/EventTap.h.
#include "Channel.h"

#include "ModelEventRelay.h"
#include "model/VHost.h"

#include <algorithm>

namespace warren::server {

using observe::EventKind;
using observe::TraceEvent;

observe::EventTap &Channel::tap() const
{
    return connection_.context().tap;
}

TraceEvent Channel::event(EventKind kind) const
{
    TraceEvent e;
    e.kind = kind;
    e.connection = connection_.id();
    e.channel = number_;
    if (const model::VHost *v = connection_.vhost())
        e.vhost = v->name();
    return e;
}

void Channel::tallyNewExchange(const model::Exchange &exchange)
{
    auto it = std::find_if(publishedTo_.begin(), publishedTo_.end(),
                           [&](const ExchangeTally &t) { return t.exchange == exchange.name(); });
    ExchangeTally &tally = it != publishedTo_.end() ? *it : publishedTo_.emplace_back();
    // Sharing the exchange's own bytes keeps them alive, so their address names this
    // exchange for as long as the tally does.
    tally.exchange = exchange.name();
    lastTallied_ = tally.exchange.constData();
    lastTally_ = &tally.published;
    ++*lastTally_;
}

void Channel::tracePublished(const model::Message &message, const amqp::BasicPublish &method)
{
    tap().message(message.traceId, [&] {
        TraceEvent e = event(EventKind::Published);
        e.exchange = message.exchange;
        e.routingKey = method.routingKey;
        e.flags = (message.isPersistent() ? observe::Persistent : 0) | (method.mandatory ? observe::Mandatory : 0)
            | (transaction_ ? observe::InTransaction : 0);
        return e;
    });
}

void Channel::traceRefused(const model::Message &message, const model::Queue &queue)
{
    tap().message(message.traceId, [&] {
        TraceEvent e = event(EventKind::Refused);
        e.queue = queue.name();
        e.cause = observe::Cause::MaxLength;
        return e;
    });
}

void Channel::traceRoutes(const model::Message &message, const model::RoutingInput &input,
                          const model::RouteTrail &trail)
{
    ModelEventRelay::recordRoutes(tap(), vhost(), message, input, trail);
}

void Channel::traceUnroutable(const PendingPublish &publish)
{
    const bool returned = publish.method.mandatory;
    model::VHost &host = vhost();
    ++(returned ? host.fates().returned : host.fates().unroutable);
    tap().message(publish.message->traceId, [&] {
        TraceEvent e = event(returned ? EventKind::Returned : EventKind::Unroutable);
        e.exchange = publish.exchange;
        e.routingKey = publish.method.routingKey;
        return e;
    });
}

void Channel::traceDelivery(EventKind kind, const model::Queue &queue, const model::QueueEntry &entry,
                            std::uint64_t tag, const QByteArray &consumerTag, bool noAck)
{
    tap().message(entry.message->traceId, [&] {
        TraceEvent e = event(kind);
        e.queue = queue.name();
        e.consumerTag = consumerTag;
        e.deliveryTag = tag;
        e.flags = (entry.redelivered ? observe::Redelivered : 0) | (noAck ? observe::NoAck : 0);
        return e;
    });
}

void Channel::traceSettled(const UnackedDelivery &delivery, const model::Queue &queue, Settlement how,
                           observe::Cause cause)
{
    const model::Message *message = delivery.entry.message.data();
    tap().message(message ? message->traceId : 0, [&] {
        TraceEvent e = event(how == Settlement::Ack      ? EventKind::Acked
                             : how == Settlement::Requeue ? EventKind::Requeued
                                                          : EventKind::Rejected);
        e.queue = queue.name();
        e.deliveryTag = delivery.tag;
        e.cause = cause;
        return e;
    });
}

void Channel::traceConfirm(std::uint64_t traceId, std::uint64_t seq, bool ack, bool onDisk)
{
    tap().message(traceId, [&] {
        TraceEvent e = event(EventKind::Confirmed);
        e.deliveryTag = seq;
        e.cause = ack ? observe::Cause::Ack : observe::Cause::Nack;
        e.flags = onDisk ? observe::OnDisk : 0;
        return e;
    });
}

void Channel::traceConsumer(EventKind kind, const ChannelConsumer &consumer)
{
    tap().event([&] {
        TraceEvent e = event(kind);
        e.queue = consumer.queue() ? consumer.queue()->name() : QByteArray();
        e.consumerTag = consumer.tag();
        e.flags = consumer.noAck() ? observe::NoAck : 0;
        return e;
    });
}

} // namespace warren::server
