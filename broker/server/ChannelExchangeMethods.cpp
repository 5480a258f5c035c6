// Channel: the exchange class.
#include "Channel.h"

#include "Connection.h"
#include "Equivalence.h"
#include "model/HeadersExchange.h"
#include "model/QueueArguments.h"
#include "model/VHost.h"

namespace warren::server {

using amqp::AmqpError;
using amqp::ReplyCode;

namespace {

QByteArray describe(const QByteArray &name, const model::VHost &vhost)
{
    return "exchange '" + name + "' in vhost '" + vhost.name() + "'";
}

} // namespace

void Channel::checkNotDefaultExchange(const QByteArray &name) const
{
    if (name.isEmpty())
        throw AmqpError::make(ReplyCode::AccessRefused, "operation not permitted on the default exchange");
}

void Channel::checkBindingArguments(const model::Exchange &source, const amqp::FieldTable &arguments) const
{
    if (source.type() != model::Exchange::Type::Headers)
        return;
    if (const QByteArray error = model::HeadersExchange::invalidArguments(arguments); !error.isEmpty())
        throw AmqpError::make(ReplyCode::PreconditionFailed, error);
}

model::Exchange &Channel::exchangeOrThrow(const QByteArray &name) const
{
    model::Exchange *exchange = vhost().findExchange(name);
    if (!exchange)
        throw AmqpError::make(ReplyCode::NotFound, "no " + describe(name, vhost()));
    return *exchange;
}

void Channel::handle(const amqp::ExchangeDeclare &m)
{
    if (m.passive) {
        checkNotDefaultExchange(m.exchange);
        exchangeOrThrow(m.exchange);
        if (!m.noWait)
            reply(amqp::ExchangeDeclareOk{});
        return;
    }
    model::Exchange::Type type;
    if (!model::Exchange::parseType(m.type, &type))
        throw AmqpError::make(ReplyCode::CommandInvalid,
                              (m.type.isEmpty() ? "invalid" : "unknown") + QByteArray(" exchange type '") + m.type + "'");
    checkNotDefaultExchange(m.exchange);
    requireAccess(auth::Access::Configure, auth::Resource::exchange(m.exchange));
    model::Exchange *exchange = vhost().findExchange(m.exchange);
    if (!exchange) {
        if (m.exchange.startsWith("amq."))
            throw AmqpError::make(ReplyCode::AccessRefused,
                                  "exchange name '" + m.exchange + "' contains reserved prefix 'amq.*'");
        requireForwardingAccess(auth::Resource::exchange(m.exchange), m.arguments, "alternate-exchange");
        if (const QByteArray error = model::Exchange::invalidArguments(m.arguments, describe(m.exchange, vhost()));
            !error.isEmpty())
            throw AmqpError::make(ReplyCode::PreconditionFailed, error);
        model::ExchangeOptions options{m.durable, m.autoDelete, m.internal, m.arguments};
        exchange = vhost().addExchange(model::Exchange::create(m.exchange, m.type, std::move(options)));
    }
    const QByteArray what = describe(m.exchange, vhost());
    const model::ExchangeOptions &current = exchange->options();
    assertEquivalent("type", QByteArray(exchange->typeName()), m.type, what);
    assertEquivalent("durable", current.durable, m.durable, what);
    assertEquivalent("auto_delete", current.autoDelete, m.autoDelete, what);
    assertEquivalent("internal", current.internal, m.internal, what);
    assertEquivalentArguments(current.arguments, m.arguments, model::ArgumentsOf::Exchange, what);
    if (!m.noWait)
        reply(amqp::ExchangeDeclareOk{});
}

void Channel::handle(const amqp::ExchangeDelete &m)
{
    checkNotDefaultExchange(m.exchange);
    if (m.exchange.startsWith("amq."))
        throw AmqpError::make(ReplyCode::AccessRefused,
                              "deletion of system " + describe(m.exchange, vhost()) + " not allowed");
    requireAccess(auth::Access::Configure, auth::Resource::exchange(m.exchange));
    if (model::Exchange *exchange = vhost().findExchange(m.exchange)) {
        if (m.ifUnused && !exchange->bindings().empty())
            throw AmqpError::make(ReplyCode::PreconditionFailed, describe(m.exchange, vhost()) + " in use");
        vhost().removeExchange(exchange);
    }
    if (!m.noWait)
        reply(amqp::ExchangeDeleteOk{});
}

Channel::ResolvedBinding Channel::exchangeBinding(const QByteArray &source, const QByteArray &destination,
                                                  const QByteArray &routingKey, const amqp::FieldTable &arguments)
{
    requireBindingAccess(auth::Resource::exchange(destination), source);
    model::Exchange &from = exchangeOrThrow(source);
    model::Exchange &to = exchangeOrThrow(destination);
    return {from, model::Binding{{nullptr, &to}, routingKey, arguments}};
}

void Channel::bind(const ResolvedBinding &b)
{
    checkBindingArguments(b.source, b.binding.arguments);
    vhost().bind(b.source, b.binding);
}

void Channel::unbind(const ResolvedBinding &b)
{
    vhost().unbind(b.source, b.binding);
}

void Channel::handle(const amqp::ExchangeBind &m)
{
    bind(exchangeBinding(m.source, m.destination, m.routingKey, m.arguments));
    if (!m.noWait)
        reply(amqp::ExchangeBindOk{});
}

void Channel::handle(const amqp::ExchangeUnbind &m)
{
    requireBindingAccess(auth::Resource::exchange(m.destination), m.source);
    model::Exchange *source = vhost().findExchange(m.source);
    model::Exchange *destination = vhost().findExchange(m.destination);
    if (source && destination)   // unbinding what is not there succeeds, as in RabbitMQ
        unbind(ResolvedBinding{*source, model::Binding{{nullptr, destination}, m.routingKey, m.arguments}});
    if (!m.noWait)
        reply(amqp::ExchangeUnbindOk{});
}

} // namespace warren::server
