// Channel: basic.publish, routing, mandatory returns and publisher confirms.
#include "Channel.h"

#include "Connection.h"
#include "model/VHost.h"
#include "protocol/BasicProperties.h"

namespace warren::server {

using amqp::AmqpError;
using amqp::ReplyCode;

void Channel::handle(const amqp::BasicPublish &m)
{
    if (m.immediate)
        throw AmqpError::make(ReplyCode::NotImplemented, "immediate=true");
    assembler_.begin(m);
}

void Channel::publish(ContentAssembler::Content &&content)
{
    const amqp::BasicPublish &method = content.method;
    model::Exchange &exchange = exchangeOrThrow(method.exchange);
    if (exchange.options().internal)
        throw AmqpError::make(ReplyCode::AccessRefused, "cannot publish to internal exchange '" + method.exchange
                                                            + "' in vhost '" + vhost().name() + "'");
    const std::optional<amqp::PropertiesSummary> properties = amqp::PropertiesSummary::scan(content.properties);
    if (!properties)
        throw AmqpError::make(ReplyCode::FrameError, "malformed content header properties");
    if (properties->userId && *properties->userId != connection_.user())
        throw AmqpError::make(ReplyCode::PreconditionFailed,
                              "user_id property set to '" + properties->userId->toByteArray()
                                  + "' but authenticated user was '" + connection_.user() + "'");

    const std::uint64_t confirmSeq = confirmMode_ ? confirms_.publish() : 0;
    model::MessageRef message(new model::Message);
    message->exchange = exchange.name();
    message->routingKey = method.routingKey;
    message->properties = std::move(content.properties);
    message->body = std::move(content.body);
    message->deliveryMode = properties->deliveryMode;
    message->priority = properties->priority;
    ++exchange.publishedIn;

    model::RouteSet routes;
    vhost().route(exchange, model::RoutingInput{method.routingKey, nullptr, message->properties}, routes);
    if (routes.isEmpty() && method.mandatory)
        returnUnroutable(method, *message);
    for (const model::Destination &d : routes.queues())
        d.queue->enqueue(message);

    if (confirmMode_) {
        confirms_.resolve(confirmSeq, ConfirmTracker::Outcome::Ack);
        connection_.confirmsPending(this);
    }
}

void Channel::returnUnroutable(const amqp::BasicPublish &method, const model::Message &message)
{
    amqp::FrameWriter &writer = connection_.writer();
    writer.method(number_, amqp::BasicReturn{std::uint16_t(ReplyCode::NoRoute), "NO_ROUTE", method.exchange,
                                             method.routingKey});
    writer.content(number_, message.properties, message.body);
    connection_.outputAdded();
}

void Channel::flushConfirms()
{
    if (state_ != State::Open)
        return;
    confirms_.drain([this](std::uint64_t tag, bool multiple, bool ack) {
        if (ack)
            connection_.writer().method(number_, amqp::BasicAck{tag, multiple});
        else
            connection_.writer().method(number_, amqp::BasicNack{tag, multiple, false});
    });
    connection_.outputAdded();
}

} // namespace warren::server
