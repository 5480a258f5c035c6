#include "DeadLettering.h"

#include "protocol/BasicProperties.h"

namespace warren::model {

using amqp::FieldArray;
using amqp::FieldTable;
using amqp::FieldValue;

const char *deathReasonName(DeathReason reason)
{
    switch (reason) {
    case DeathReason::Rejected: return "rejected";
    case DeathReason::Expired: return "expired";
    case DeathReason::MaxLen: return "maxlen";
    case DeathReason::DeliveryLimit: return "delivery_limit";
    }
    return "rejected";
}

namespace {

FieldValue text(const QByteArray &s) { return FieldValue::string(s); }

FieldTable deathEntry(const Death &death, const std::optional<QByteArray> &originalExpiration)
{
    FieldArray keys;
    for (const QByteArray &k : death.routingKeys)
        keys.append(text(k));
    // In key order, as RabbitMQ sorts the table.
    FieldTable entry{{"count", FieldValue::integer(1)}, {"exchange", text(death.exchange)}};
    if (originalExpiration)
        entry.insert("original-expiration", text(*originalExpiration));
    entry.insert("queue", text(death.queue));
    entry.insert("reason", text(deathReasonName(death.reason)));
    entry.insert("routing-keys", FieldValue::array(keys));
    entry.insert("time", FieldValue::integer(death.unixTime, FieldValue::Type::Timestamp));
    return entry;
}

// x-death holds one entry per (queue, reason), the most recent first; a repeat death
// counts up its entry and moves it to the front.
FieldArray updatedDeaths(const FieldArray &deaths, FieldTable newest)
{
    FieldArray out;
    for (const FieldValue &d : deaths) {
        const FieldTable &t = d.toTable();
        const FieldValue *queue = t.find("queue");
        const FieldValue *reason = t.find("reason");
        if (queue && reason && queue->toBytes() == newest.find("queue")->toBytes()
            && reason->toBytes() == newest.find("reason")->toBytes()) {
            FieldTable again = t;
            const FieldValue *count = t.find("count");
            again.insert("count", FieldValue::integer((count ? count->toInteger() : 0) + 1));
            newest = again;
        } else {
            out.append(d);
        }
    }
    out.prepend(FieldValue::table(newest));
    return out;
}

} // namespace

MessageRef recordDeath(const Message &message, const Death &death, const QByteArray &deadLetterExchange,
                       const QByteArray &routingKey)
{
    amqp::BasicProperties props = amqp::BasicProperties::decode(message.properties).value_or(amqp::BasicProperties{});
    FieldTable headers = props.headers.value_or(FieldTable{});
    const FieldValue *previous = headers.find("x-death");
    headers.insert("x-death", FieldValue::array(updatedDeaths(previous ? previous->toArray() : FieldArray{},
                                                              deathEntry(death, props.expiration))));
    if (!headers.contains("x-first-death-reason")) {
        headers.insert("x-first-death-reason", text(deathReasonName(death.reason)));
        headers.insert("x-first-death-queue", text(death.queue));
        headers.insert("x-first-death-exchange", text(death.exchange));
    }
    props.headers = headers;
    props.expiration.reset();   // it would expire again at once in the next queue

    MessageRef dead(new Message(message));
    dead->exchange = deadLetterExchange;
    dead->routingKey = routingKey;
    dead->properties = props.encode();
    dead->traceId = 0;   // a new message: the event tap decides whether to follow it
    return dead;
}

bool isDeathCycle(const Message &message, const QByteArray &queue)
{
    const auto props = amqp::BasicProperties::decode(message.properties);
    const FieldValue *deaths = props && props->headers ? props->headers->find("x-death") : nullptr;
    if (!deaths)
        return false;
    // Most recent first: a cycle is a way back to `queue` with no rejection on it.
    for (const FieldValue &d : deaths->toArray()) {
        if (d.type() != FieldValue::Type::Table)
            return false;   // not written by a broker: a client's doing, like a rejection
        const FieldTable &t = d.toTable();
        const FieldValue *reason = t.find("reason");
        if (reason && reason->toBytes() == "rejected")
            return false;
        const FieldValue *q = t.find("queue");
        if (q && q->toBytes() == queue)
            return true;
    }
    return false;
}

} // namespace warren::model
