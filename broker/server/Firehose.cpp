#include "Firehose.h"

#include "Connection.h"
#include "protocol/BasicProperties.h"

#include <algorithm>

namespace warren::server {

using amqp::FieldTable;
using amqp::FieldValue;

namespace {

FieldValue text(const QByteArray &s) { return FieldValue::string(s); }

// The message's properties as a table, in the order RabbitMQ builds it (last property first).
FieldTable propertiesTable(const QByteArray &encoded)
{
    const amqp::BasicProperties p = amqp::BasicProperties::decode(encoded).value_or(amqp::BasicProperties{});
    FieldTable t;
    const auto put = [&](const char *name, const std::optional<QByteArray> &v) {
        if (v)
            t.append(name, text(*v));
    };
    put("cluster_id", p.clusterId);
    put("app_id", p.appId);
    put("user_id", p.userId);
    put("type", p.type);
    if (p.timestamp)
        t.append("timestamp", FieldValue::integer(qint64(*p.timestamp), FieldValue::Type::Int64));
    put("message_id", p.messageId);
    put("expiration", p.expiration);
    put("reply_to", p.replyTo);
    put("correlation_id", p.correlationId);
    if (p.priority)
        t.append("priority", FieldValue::integer(*p.priority, FieldValue::Type::Int32));
    if (p.deliveryMode)
        t.append("delivery_mode", FieldValue::integer(*p.deliveryMode, FieldValue::Type::Int32));
    if (p.headers)
        t.append("headers", FieldValue::table(*p.headers));
    put("content_encoding", p.contentEncoding);
    put("content_type", p.contentType);
    return t;
}

// exchange_name, routing_keys, properties and node: what every trace message carries.
FieldTable messageTable(Connection &connection, const model::Message &message)
{
    amqp::FieldArray keys{text(message.routingKey)};
    for (const QByteArray &k : message.ccKeys + message.bccKeys)
        keys.append(text(k));
    return FieldTable{{"exchange_name", text(message.exchange)},
                      {"routing_keys", FieldValue::array(keys)},
                      {"properties", FieldValue::table(propertiesTable(message.properties))},
                      {"node", text(connection.context().settings.clusterName)}};
}

// vhost, connection, channel and user, as RabbitMQ names a connection ("peer -> local").
void appendOrigin(FieldTable &t, const Connection &connection, std::uint16_t channel)
{
    const PeerInfo &p = connection.peer();
    t.append("vhost", text(connection.vhost()->name()));
    t.append("connection", text(p.remote() + " -> " + p.local()));
    t.append("channel", FieldValue::integer(channel, FieldValue::Type::Int32));
    t.append("user", text(connection.user()));
}

void publishTrace(model::VHost &vhost, const QByteArray &routingKey, FieldTable headers, const QByteArray &body)
{
    model::Exchange *trace = vhost.findExchange(Firehose::kExchange);
    if (!trace)
        return;
    amqp::BasicProperties properties;
    properties.headers = std::move(headers);
    model::MessageRef m(new model::Message);
    m->exchange = trace->name();
    m->routingKey = routingKey;
    m->properties = properties.encode();
    m->body = body;   // shared, not copied
    model::RouteSet routes;
    vhost.route(*trace, model::RoutingInput{routingKey, nullptr, m->properties, {}}, routes);
    for (const model::Destination &d : routes.queues())
        d.queue->enqueue(m);
}

// The queue names in order, each once, as RabbitMQ lists them. Its default exchange "routes"
// to the queues its keys name before it looks them up, so that trace lists a queue that does
// not exist too; other exchanges list what they reached.
amqp::FieldArray routedQueues(const model::Message &message, const model::RouteSet &routes)
{
    QList<QByteArray> names;
    if (message.exchange.isEmpty()) {
        names = QList<QByteArray>{message.routingKey} + message.ccKeys + message.bccKeys;
    } else {
        for (const model::Destination &d : routes.queues())
            names.append(d.queue->name());
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    amqp::FieldArray queues;
    for (const QByteArray &name : std::as_const(names))
        queues.append(text(name));
    return queues;
}

bool isTraceMessage(const model::Message &message) { return message.exchange == Firehose::kExchange; }

} // namespace

void Firehose::published(Connection &connection, std::uint16_t channel, const model::Message &message,
                         const model::RouteSet &routes)
{
    if (isTraceMessage(message))
        return;
    FieldTable headers = messageTable(connection, message);
    appendOrigin(headers, connection, channel);
    headers.append("routed_queues", FieldValue::array(routedQueues(message, routes)));
    publishTrace(*connection.vhost(), "publish." + message.exchange, std::move(headers), message.body);
}

void Firehose::delivered(Connection &connection, std::uint16_t channel, const model::Queue &queue,
                         const model::Message &message, bool redelivered)
{
    if (isTraceMessage(message))
        return;
    FieldTable headers = messageTable(connection, message);
    headers.append("redelivered", FieldValue::integer(redelivered ? 1 : 0, FieldValue::Type::Int32));
    appendOrigin(headers, connection, channel);
    publishTrace(*connection.vhost(), "deliver." + queue.name(), std::move(headers), message.body);
}

} // namespace warren::server
