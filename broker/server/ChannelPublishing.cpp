// Channel: basic.publish, routing, mandatory returns and publisher confirms.
#include "Channel.h"

#include "Connection.h"
#include "Firehose.h"
#include "model/QueuePolicy.h"
#include "model/VHost.h"
#include "protocol/BasicProperties.h"

namespace warren::server {

using amqp::AmqpError;
using amqp::ReplyCode;

void Channel::handle(const amqp::BasicPublish &m)
{
    if (m.immediate)
        throw AmqpError::make(ReplyCode::NotImplemented, "immediate=true");
    connection_.notePublisher();
    assembler_.begin(m);
}

void Channel::publish(PublishAssembler::Content &&content)
{
    const amqp::BasicPublish &method = content.method;
    requirePublishAccess(method.exchange);
    model::Exchange &exchange = exchangeOrThrow(method.exchange);
    if (exchange.options().internal)
        throw AmqpError::make(ReplyCode::AccessRefused, "cannot publish to internal exchange '" + method.exchange
                                                            + "' in vhost '" + vhost().name() + "'");
    const amqp::PropertiesSummary properties = checkedProperties(content.properties);
    std::optional<qint64> ttl;
    if (properties.expiration) {
        const model::ExpirationOrError parsed = model::parseExpiration(*properties.expiration);
        if (!parsed.ttl)
            throw AmqpError::make(ReplyCode::PreconditionFailed, "invalid expiration '"
                                      + properties.expiration->toByteArray() + "': " + parsed.error);
        ttl = parsed.ttl;
    }
    model::MessageRef message(new model::Message);
    message->exchange = exchange.name();
    message->routingKey = method.routingKey;
    if (properties.replyTo == QByteArrayView(kReplyToQueue))   // direct reply-to: name this channel
        content.properties = amqp::BasicProperties::withReplyTo(content.properties, replyAddress());
    message->properties = std::move(content.properties);
    if (properties.headers && mayHoldRecipientLists(*properties.headers))
        takeRecipientLists(*message);
    message->body = std::move(content.body);
    message->deliveryMode = properties.deliveryMode;
    message->priority = properties.priority;
    ++exchange.publishedIn;
    ++counters_.published;
    tallyPublish(exchange);
    if (tracing()) {
        message->traceId = tap().sampleMessage();
        tracePublished(*message, method);
    }

    PendingPublish publish{method, exchange.name(), std::move(message), ttl};
    if (transaction_)
        transaction_->publishes.push_back(std::move(publish));
    else
        route(publish, &exchange);
}

// The encoded names "CC" and "BCC" (a length octet, then the name): most headers tables
// hold neither, and then are never decoded on the publish path.
bool Channel::mayHoldRecipientLists(QByteArrayView headers)
{
    return headers.contains(QByteArrayView("\x02" "CC", 3)) || headers.contains(QByteArrayView("\x03" "BCC", 4));
}

// Sender-selected distribution: CC and BCC headers name more routing keys. BCC leaves the
// message, as in RabbitMQ, but keeps routing it (dead-lettering included).
void Channel::takeRecipientLists(model::Message &message)
{
    amqp::BasicProperties props = amqp::BasicProperties::decode(message.properties).value_or(amqp::BasicProperties{});
    if (!props.headers)
        return;
    const auto keysOf = [&](const char *name) {
        QList<QByteArray> keys;
        if (const amqp::FieldValue *list = props.headers->find(name)) {
            for (const amqp::FieldValue &v : list->toArray()) {
                if (v.type() == amqp::FieldValue::Type::LongString)
                    keys.append(v.toBytes());
            }
        }
        return keys;
    };
    message.ccKeys = keysOf("CC");
    message.bccKeys = keysOf("BCC");
    if (props.headers->contains("BCC")) {
        props.headers->remove("BCC");
        message.properties = props.encode();
    }
}

// RabbitMQ decodes a published content header here, after the exchange checks, and a
// property list or headers table it cannot decode crashes its channel process: the client
// sees its connection closed with a bare 541 INTERNAL_ERROR that names no method, and
// nothing is routed.
amqp::PropertiesSummary Channel::checkedProperties(QByteArrayView encoded)
{
    const std::optional<amqp::PropertiesSummary> properties =
        encoded.size() >= 2 ? amqp::PropertiesSummary::scan(encoded) : std::nullopt;
    if (!properties) {
        currentMethod_ = 0;
        throw AmqpError::make(ReplyCode::InternalError, {});
    }
    if (properties->userId && *properties->userId != connection_.user())
        throw AmqpError::make(ReplyCode::PreconditionFailed,
                              "user_id property set to '" + properties->userId->toByteArray()
                                  + "' but authenticated user was '" + connection_.user() + "'");
    return *properties;
}

void Channel::route(const PendingPublish &publish, model::Exchange *exchange)
{
    const std::uint64_t confirmSeq = confirmMode_ ? confirms_.publish() : 0;
    bool rejected = false;
    if (isReplyAddress(publish.method.exchange, publish.method.routingKey)) {
        routeReply(publish);
    } else if (exchange) {
        model::RouteSet routes;
        const model::Message &m = *publish.message;
        const model::RoutingInput input{publish.method.routingKey, nullptr, m.properties,
                                        m.ccKeys.isEmpty() && m.bccKeys.isEmpty() ? QList<QByteArray>()
                                                                                  : m.ccKeys + m.bccKeys};
        model::RouteTrail trail;
        vhost().route(*exchange, input, routes, m.traceId ? &trail : nullptr);
        if (m.traceId)
            traceRoutes(m, input, trail);
        if (routes.isEmpty()) {
            traceUnroutable(publish);
            if (publish.method.mandatory)
                returnUnroutable(publish.method, m);
        }
        if (vhost().firehose())
            Firehose::published(connection_, number_, m, routes);
        persist(*publish.message, routes);
        for (const model::Destination &d : routes.queues()) {
            if (d.queue->enqueue(publish.message, publish.ttl) == model::Queue::EnqueueResult::Enqueued)
                continue;
            rejected = true;
            traceRefused(m, *d.queue);
        }
    }
    if (!confirmMode_)
        return;
    // A queue at its x-max-length with reject-publish refuses: the publisher gets a nack.
    const auto outcome = rejected ? ConfirmTracker::Outcome::Nack : ConfirmTracker::Outcome::Ack;
    if (publish.message->storeId && !rejected) {
        // A persistent message is confirmed once its record is on disk.
        awaitingDisk_.push_back(
            {connection_.context().messageStore()->appendedRecords(), confirmSeq, publish.message->traceId});
        connection_.context().awaitDurable(this);
        return;
    }
    confirms_.resolve(confirmSeq, outcome);
    if (tracing())
        traceConfirm(publish.message->traceId, confirmSeq, !rejected, false);
    connection_.confirmsPending(this);
}

void Channel::persist(model::Message &message, const model::RouteSet &routes)
{
    store::MessageStore *store = connection_.context().messageStore();
    if (!store)
        return;
    QList<quint64> durable;
    for (const model::Destination &d : routes.queues()) {
        if (d.queue->keepsOnDisk(message))
            durable.append(d.queue->id());
    }
    if (durable.isEmpty())
        return;
    store->append(message, durable);   // flushed and fsynced after this read (ServerContext::persistChanges)
}

void Channel::recordsSettled(quint64 records, bool written)
{
    bool any = false;
    while (!awaitingDisk_.empty() && awaitingDisk_.front().records <= records) {
        const AwaitingDisk &done = awaitingDisk_.front();
        confirms_.resolve(done.confirmSeq, written ? ConfirmTracker::Outcome::Ack : ConfirmTracker::Outcome::Nack);
        if (tracing())
            traceConfirm(done.traceId, done.confirmSeq, written, true);
        awaitingDisk_.pop_front();
        any = true;
    }
    if (awaitingDisk_.empty())
        connection_.context().stopAwaitingDurable(this);
    if (any)
        flushConfirms();
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
