// One thing that happened in the broker, as the event tap reports it: a plain value with ids
// and names, never a pointer into the broker, so that it can cross to the GUI thread or go
// to a file as it is. The names (vhost, exchange, queue, keys) are the broker's own
// implicitly shared QByteArrays: putting one in an event costs a reference count, not a copy
// of the text.
//
// Which fields an event kind fills (the rest stay empty or 0); docs/trace-events.md has the
// same table for the JSON lines of `warren --trace-file`:
//
//   published          connection, channel, vhost, exchange, routingKey; flags Persistent,
//                      Mandatory, InTransaction
//   routed             vhost, exchange (whose binding matched), queue, routingKey, detail (the
//                      binding key); cause Binding, ExchangeBinding, AlternateExchange, DefaultExchange
//   returned           connection, channel, vhost, exchange, routingKey (mandatory, unroutable)
//   unroutable         connection, channel, vhost, exchange, routingKey (dropped)
//   refused            connection, channel, vhost, queue (x-overflow reject-publish: nacked);
//                      cause MaxLength
//   confirmed          connection, channel, deliveryTag (the publish sequence number); cause Ack
//                      or Nack; flag OnDisk when the confirm waited for the message's fsync
//   delivered / got    connection, channel, vhost, queue, consumerTag (delivered), deliveryTag;
//                      flags Redelivered, NoAck
//   acked / rejected / requeued
//                      connection, channel, vhost, queue, deliveryTag; cause Ack, Nack, Reject,
//                      Recover, ChannelClosed, ConnectionLost
//   dead_lettered      vhost, queue (it died in), exchange (the dead-letter exchange), routingKey
//                      (it is republished with); cause Rejected, Expired, MaxLength,
//                      DeliveryLimit; linkedTraceId: the new copy's trace id
//   expired            vhost, queue
//   dropped            vhost, queue; cause MaxLength, DeliveryLimit
//   consumer_added / consumer_cancelled
//                      connection, channel, vhost, queue, consumerTag; flag NoAck
//   connection_opened  connection, vhost, user, peer, detail (the client's connection_name)
//   connection_closed / connection_lost
//                      connection, vhost, detail (the reason)
//   queue_declared / queue_deleted / exchange_declared / exchange_deleted
//                      vhost, queue or exchange; detail: the exchange's type
//   binding_added / binding_removed
//                      vhost, exchange (the source), queue or detail (a destination exchange),
//                      routingKey (the binding key)
#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>

#include <cstdint>

namespace warren::observe {

enum class EventKind : std::uint8_t {
    Published, Routed, Returned, Unroutable, Refused, Confirmed,
    Delivered, Got, Acked, Rejected, Requeued,
    DeadLettered, Expired, Dropped,
    ConsumerAdded, ConsumerCancelled,
    ConnectionOpened, ConnectionClosed, ConnectionLost,
    QueueDeclared, QueueDeleted, ExchangeDeclared, ExchangeDeleted, BindingAdded, BindingRemoved,
};
inline constexpr int kEventKinds = int(EventKind::BindingRemoved) + 1;

// Why: how a delivery was settled, why a message died, how a route was found, how a publish
// was confirmed. One list, so that every event reads the same way.
enum class Cause : std::uint8_t {
    None,
    Ack, Nack, Reject, Recover, ChannelClosed, ConnectionLost,
    Rejected, Expired, MaxLength, DeliveryLimit,
    Binding, ExchangeBinding, AlternateExchange, DefaultExchange,
};

enum EventFlag : std::uint16_t {
    Persistent = 1 << 0,
    Mandatory = 1 << 1,
    InTransaction = 1 << 2,
    Redelivered = 1 << 3,
    NoAck = 1 << 4,
    OnDisk = 1 << 5,
    ToExchange = 1 << 6,   // a binding whose destination is an exchange (named in `detail`)
};

// The names used in the JSON lines and wherever events are written down.
const char *eventKindName(EventKind kind);
const char *causeName(Cause cause);

struct TraceEvent {
    std::uint64_t seq = 0;        // numbered in the order the tap recorded them
    qint64 timeUs = 0;            // microseconds since the Unix epoch
    EventKind kind = EventKind::Published;
    Cause cause = Cause::None;
    std::uint16_t flags = 0;
    std::uint16_t channel = 0;
    std::uint64_t traceId = 0;        // the message followed end to end; 0: not about a message
    std::uint64_t linkedTraceId = 0;  // dead_lettered: the copy's trace id
    std::uint64_t connection = 0;     // the broker's connection id, as in snapshots
    std::uint64_t deliveryTag = 0;
    QByteArray vhost;
    QByteArray exchange;
    QByteArray queue;
    QByteArray routingKey;
    QByteArray consumerTag;
    QByteArray user;
    QByteArray peer;
    QByteArray detail;

    bool has(EventFlag flag) const { return flags & flag; }
};

// What crosses to the GUI thread every few tens of milliseconds: the events the tap recorded
// since the last batch, and how many it did not. Counters in snapshots stay exact whatever
// is sampled here.
struct TraceBatch {
    QList<TraceEvent> events;
    std::uint64_t untraced = 0;  // events of messages the sampler left out
    std::uint64_t lost = 0;      // events of traced messages the full ring had no room for
    int sampleEvery = 1;         // 1: every message traced; K: past the budget, 1 in K

    bool isEmpty() const { return events.isEmpty() && untraced == 0 && lost == 0; }
};

} // namespace warren::observe

Q_DECLARE_METATYPE(warren::observe::TraceBatch)
