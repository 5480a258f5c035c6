#include "ModelEventRelay.h"

namespace warren::server {

using observe::Cause;
using observe::EventKind;
using observe::TraceEvent;

namespace {

TraceEvent about(EventKind kind, const model::VHost &vhost)
{
    TraceEvent e;
    e.kind = kind;
    e.vhost = vhost.name();
    return e;
}

TraceEvent exchangeEvent(EventKind kind, const model::VHost &vhost, const model::Exchange &exchange)
{
    TraceEvent e = about(kind, vhost);
    e.exchange = exchange.name();
    e.detail = exchange.typeName();
    return e;
}

TraceEvent bindingEvent(EventKind kind, const model::VHost &vhost, const model::Exchange &source,
                        const model::Binding &binding)
{
    TraceEvent e = about(kind, vhost);
    e.exchange = source.name();
    e.routingKey = binding.routingKey;
    if (const model::Queue *q = binding.destination.queue) {
        e.queue = q->name();
    } else {
        e.detail = binding.destination.exchange->name();
        e.flags |= observe::ToExchange;
    }
    return e;
}

// The binding key that took the message from `exchange` to `queue`: the first binding
// between the two that matches it (the default exchange's implicit binding is the queue name).
QByteArray bindingKeyOf(const model::VHost &vhost, const model::Exchange &exchange, const model::Queue &queue,
                        const model::RoutingInput &input)
{
    if (&exchange == vhost.defaultExchange())
        return queue.name();
    for (const model::Binding &b : exchange.bindings()) {
        if (b.destination.queue == &queue && exchange.judge(b.routingKey, b.arguments, input).matched)
            return b.routingKey;
    }
    return {};
}

Cause routeCause(const model::VHost &vhost, const model::RouteStep &step)
{
    if (step.how != Cause::None)
        return step.how;
    return step.exchange == vhost.defaultExchange() ? Cause::DefaultExchange : Cause::Binding;
}

} // namespace

Cause causeOf(model::DeathReason reason)
{
    switch (reason) {
    case model::DeathReason::Rejected: return Cause::Rejected;
    case model::DeathReason::Expired: return Cause::Expired;
    case model::DeathReason::MaxLen: return Cause::MaxLength;
    case model::DeathReason::DeliveryLimit: return Cause::DeliveryLimit;
    }
    return Cause::None;
}

void ModelEventRelay::exchangeAdded(const model::VHost &vhost, const model::Exchange &exchange)
{
    tap_.event([&] { return exchangeEvent(EventKind::ExchangeDeclared, vhost, exchange); });
}

void ModelEventRelay::exchangeRemoved(const model::VHost &vhost, const model::Exchange &exchange)
{
    tap_.event([&] { return exchangeEvent(EventKind::ExchangeDeleted, vhost, exchange); });
}

void ModelEventRelay::queueAdded(const model::VHost &vhost, const model::Queue &queue)
{
    tap_.event([&] {
        TraceEvent e = about(EventKind::QueueDeclared, vhost);
        e.queue = queue.name();
        return e;
    });
}

void ModelEventRelay::queueRemoved(const model::VHost &vhost, const model::Queue &queue)
{
    tap_.event([&] {
        TraceEvent e = about(EventKind::QueueDeleted, vhost);
        e.queue = queue.name();
        return e;
    });
}

void ModelEventRelay::bindingAdded(const model::VHost &vhost, const model::Exchange &source,
                                   const model::Binding &binding)
{
    tap_.event([&] { return bindingEvent(EventKind::BindingAdded, vhost, source, binding); });
}

void ModelEventRelay::bindingRemoved(const model::VHost &vhost, const model::Exchange &source,
                                     const model::Binding &binding)
{
    tap_.event([&] { return bindingEvent(EventKind::BindingRemoved, vhost, source, binding); });
}

void ModelEventRelay::messageDropped(const model::VHost &vhost, const model::Queue &queue,
                                     const model::Message &message, model::DeathReason reason)
{
    tap_.message(message.traceId, [&] {
        TraceEvent e = about(reason == model::DeathReason::Expired ? EventKind::Expired : EventKind::Dropped, vhost);
        e.queue = queue.name();
        e.cause = reason == model::DeathReason::Expired ? Cause::None : causeOf(reason);
        return e;
    });
}

void ModelEventRelay::deadLettered(const model::VHost &vhost, const model::Queue &from,
                                   const model::Message &original, model::Message &copy, model::DeathReason reason,
                                   const model::RoutingInput &input, const model::RouteTrail &routes)
{
    copy.traceId = tap_.linkedId(original.traceId);
    tap_.message(original.traceId, [&] {
        TraceEvent e = about(EventKind::DeadLettered, vhost);
        e.queue = from.name();
        e.exchange = copy.exchange;
        e.routingKey = copy.routingKey;
        e.cause = causeOf(reason);
        e.linkedTraceId = copy.traceId;
        return e;
    });
    recordRoutes(tap_, vhost, copy, input, routes);   // the vhost's own input: CC keys too
}

void ModelEventRelay::recordRoutes(observe::EventTap &tap, const model::VHost &vhost, const model::Message &message,
                                   const model::RoutingInput &input, const model::RouteTrail &routes)
{
    for (const model::RouteStep &step : routes) {
        tap.message(message.traceId, [&] {
            TraceEvent e = about(EventKind::Routed, vhost);
            e.exchange = step.exchange->name();
            e.queue = step.queue->name();
            e.routingKey = message.routingKey;
            e.detail = bindingKeyOf(vhost, *step.exchange, *step.queue, input);
            e.cause = routeCause(vhost, step);
            return e;
        });
    }
}

} // namespace warren::server
