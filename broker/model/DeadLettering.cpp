#include "DeadLettering.h"

#include "protocol/BasicProperties.h"
#include "protocol/FieldCodec.h"

#include <QVarLengthArray>

#include <cstring>
#include <utility>

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

// A repeat death counts up the entry of its (queue, reason), which keeps its first time,
// exchange and keys.
FieldTable countedAgain(const FieldTable &entry)
{
    FieldTable again = entry;
    const FieldValue *count = entry.find("count");
    again.insert("count", FieldValue::integer((count ? count->toInteger() : 0) + 1));
    return again;
}

// Where the death headers sit in encoded properties, found in place.
struct EncodedDeaths {
    QByteArrayView headers;                    // the headers table's entries
    std::optional<amqp::EncodedValue> deaths;  // x-death (its first occurrence, as find() sees it)
    bool firstDeathRecorded = false;           // x-first-death-reason is there
    bool expires = false;                      // the message has an expiration
};

std::optional<EncodedDeaths> findDeaths(QByteArrayView properties)
{
    const std::optional<amqp::PropertiesSummary> summary = amqp::PropertiesSummary::scan(properties);
    if (!summary)
        return std::nullopt;
    EncodedDeaths found;
    found.expires = summary->expiration.has_value();
    found.headers = summary->headers.value_or(QByteArrayView());
    const bool wellFormed = amqp::forEachEncodedEntry(found.headers, [&](QByteArrayView name, const amqp::EncodedValue &v) {
        if (name == "x-death" && !found.deaths)
            found.deaths = v;
        else if (name == "x-first-death-reason")
            found.firstDeathRecorded = true;
        return true;
    });
    return wellFormed ? std::optional(found) : std::nullopt;
}

// The x-death entries, still encoded; empty when x-death is not an array.
QByteArrayView deathItems(const EncodedDeaths &found)
{
    return found.deaths && found.deaths->type == FieldValue::Type::Array ? found.deaths->content() : QByteArrayView();
}

// The queue and reason an x-death entry names (the first of each, as find() sees them),
// read as RabbitMQ's cycle check reads them: longstr values only. (Its count-up would also
// match a byte array holding the same bytes, which only a client can have written.)
struct DeathKey {
    std::optional<QByteArrayView> queue;
    std::optional<QByteArrayView> reason;
};

DeathKey keyOf(const amqp::EncodedValue &entry)
{
    DeathKey key;
    bool queueSeen = false;
    bool reasonSeen = false;
    amqp::forEachEncodedEntry(entry.content(), [&](QByteArrayView name, const amqp::EncodedValue &v) {
        std::optional<QByteArrayView> *field = nullptr;
        if (name == "queue" && !std::exchange(queueSeen, true))
            field = &key.queue;
        else if (name == "reason" && !std::exchange(reasonSeen, true))
            field = &key.reason;
        if (field && v.type == FieldValue::Type::LongString)
            *field = v.text();
        return !(queueSeen && reasonSeen);
    });
    return key;
}

// Whether an x-death entry may name `queue`, decided without reading the entries: each one
// that does holds these bytes (its key, the longstr tag, the name with its length). x-death
// grows by an entry per queue a message dies in, so in a chain of dead-letter queues every
// death looks through all the earlier ones; searching their bytes costs a fraction of
// reading each entry (a 20,000-queue chain: 18 s instead of 62), and glibc's memmem does it
// 2.5 times faster than QByteArrayView::indexOf. A false alarm only means the entries are read.
bool mayName(QByteArrayView items, QByteArrayView queue)
{
    QByteArray needle;
    amqp::ByteWriter w(needle);
    w.shortString("queue");
    w.u8(std::uint8_t(FieldValue::Type::LongString));
    w.longString(queue);
    w.finish();
    // memmem's arguments must not be null, which an empty view's data() may be.
    return items.size() >= needle.size()
        && ::memmem(items.data(), size_t(items.size()), needle.data(), size_t(needle.size())) != nullptr;
}

// Headers ready for a death to be recorded in place, by decoding and encoding them once:
// for a first death (x-first-death-* added, an empty x-death array), a message with an
// expiration (removed, or it would expire again at once in the next queue; the entry
// records it), or an x-death that is not an array (replaced, as RabbitMQ does).
QByteArray preparedForDeaths(QByteArrayView properties, const Death &death, std::optional<QByteArray> *expiration)
{
    amqp::BasicProperties props = amqp::BasicProperties::decode(properties).value_or(amqp::BasicProperties{});
    FieldTable headers = props.headers.value_or(FieldTable{});
    const FieldValue *deaths = headers.find("x-death");
    if (!deaths || deaths->type() != FieldValue::Type::Array)
        headers.insert("x-death", FieldValue::array({}));
    if (!headers.contains("x-first-death-reason")) {
        headers.insert("x-first-death-reason", text(deathReasonName(death.reason)));
        headers.insert("x-first-death-queue", text(death.queue));
        headers.insert("x-first-death-exchange", text(death.exchange));
    }
    props.headers = headers;
    *expiration = std::exchange(props.expiration, std::nullopt);
    return props.encode();
}

// Records the death in x-death without decoding it: one entry per (queue, reason), the most
// recent first, so the new entry (or the counted-up entry of a repeat death) goes in front
// of the other entries' bytes, and only the lengths around them change. Nullopt when the
// properties need preparedForDeaths() first, or are malformed.
std::optional<QByteArray> recordedInPlace(QByteArrayView properties, const Death &death,
                                          const std::optional<QByteArray> &originalExpiration)
{
    const std::optional<EncodedDeaths> found = findDeaths(properties);
    if (!found || found->expires || !found->firstDeathRecorded || !found->deaths
        || found->deaths->type != FieldValue::Type::Array)
        return std::nullopt;
    const QByteArrayView items = deathItems(*found);
    const QByteArrayView reason(deathReasonName(death.reason));
    QVarLengthArray<amqp::EncodedValue, 1> repeats;   // a client may have written one twice
    if (mayName(items, death.queue)) {
        const bool wellFormed = amqp::forEachEncodedItem(items, [&](const amqp::EncodedValue &item) {
            const DeathKey key = keyOf(item);
            if (key.queue == QByteArrayView(death.queue) && key.reason == reason)
                repeats.append(item);
            return true;
        });
        if (!wellFormed)
            return std::nullopt;
    }
    amqp::ByteReader repeated(repeats.isEmpty() ? QByteArrayView() : repeats.front().bytes);
    const FieldTable entry = repeats.isEmpty() ? deathEntry(death, originalExpiration)
                                               : countedAgain(amqp::decodeTable(repeated));
    QByteArray newest;
    {
        amqp::ByteWriter w(newest);
        amqp::encodeFieldValue(w, FieldValue::table(entry));
    }
    qsizetype growth = newest.size();
    for (const amqp::EncodedValue &gone : repeats)
        growth -= gone.whole().size();
    const char *headersLength = found->headers.data() - 4;
    const char *itemsLength = items.data() - 4;
    const auto from = [](const char *begin, const char *end) { return QByteArrayView(begin, end - begin); };

    QByteArray out;
    out.reserve(properties.size() + growth);
    amqp::ByteWriter w(out);
    w.raw(from(properties.data(), headersLength));
    w.u32(std::uint32_t(found->headers.size() + growth));
    w.raw(from(headersLength + 4, itemsLength));
    w.u32(std::uint32_t(items.size() + growth));
    w.raw(newest);
    const char *kept = items.data();
    for (const amqp::EncodedValue &gone : repeats) {
        w.raw(from(kept, gone.whole().data()));
        kept = gone.whole().data() + gone.whole().size();
    }
    w.raw(from(kept, properties.data() + properties.size()));
    w.finish();
    return out;
}

QByteArray withDeath(QByteArrayView properties, const Death &death)
{
    if (std::optional<QByteArray> recorded = recordedInPlace(properties, death, std::nullopt))
        return *std::move(recorded);
    std::optional<QByteArray> expiration;
    const QByteArray prepared = preparedForDeaths(properties, death, &expiration);
    // Encoded just now, with everything recordedInPlace() asks for: it cannot refuse them.
    return recordedInPlace(prepared, death, expiration).value_or(prepared);
}

} // namespace

MessageRef recordDeath(const Message &message, const Death &death, const QByteArray &deadLetterExchange,
                       const QByteArray &routingKey)
{
    MessageRef dead(new Message(message));
    dead->exchange = deadLetterExchange;
    dead->routingKey = routingKey;
    dead->properties = withDeath(message.properties, death);
    dead->storeId = 0;   // a message of its own: the original's record is not its record
    dead->traceId = 0;   // a new message: the event tap decides whether to follow it
    return dead;
}

bool isDeathCycle(const Message &message, const QByteArray &queue)
{
    const std::optional<EncodedDeaths> found = findDeaths(message.properties);
    const QByteArrayView items = found ? deathItems(*found) : QByteArrayView();
    if (!mayName(items, queue))
        return false;
    // Most recent first: a cycle is a way back to `queue` with no rejection on it.
    bool cycle = false;
    amqp::forEachEncodedItem(items, [&](const amqp::EncodedValue &d) {
        if (d.type != FieldValue::Type::Table)
            return false;   // not written by a broker: a client's doing, like a rejection
        const DeathKey key = keyOf(d);
        if (key.reason == QByteArrayView("rejected"))
            return false;
        cycle = key.queue == QByteArrayView(queue);
        return !cycle;
    });
    return cycle;
}

} // namespace warren::model
