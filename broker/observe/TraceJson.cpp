#include "TraceJson.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace warren::observe {

namespace {

// The fields each kind of event fills, declared once (the table in TraceEvent.h, as data).
enum Field : std::uint32_t {
    Conn = 1 << 0, Chan = 1 << 1, VHost = 1 << 2, Exch = 1 << 3, Queue = 1 << 4, Key = 1 << 5, CTag = 1 << 6,
    DTag = 1 << 7, User = 1 << 8, Peer = 1 << 9, Detail = 1 << 10, Why = 1 << 11, Linked = 1 << 12,
    // flags written as booleans
    FPersistent = 1 << 16, FMandatory = 1 << 17, FInTx = 1 << 18, FRedelivered = 1 << 19, FNoAck = 1 << 20,
    FOnDisk = 1 << 21, FToExchange = 1 << 22,
};

std::uint32_t fieldsOf(EventKind kind)
{
    constexpr std::uint32_t ChannelOf = Conn | Chan | VHost;
    switch (kind) {
    case EventKind::Published: return ChannelOf | Exch | Key | FPersistent | FMandatory | FInTx;
    case EventKind::Routed: return VHost | Exch | Queue | Key | Detail | Why;
    case EventKind::Returned:
    case EventKind::Unroutable: return ChannelOf | Exch | Key;
    case EventKind::Refused: return ChannelOf | Queue | Why;
    case EventKind::Confirmed: return ChannelOf | DTag | Why | FOnDisk;
    case EventKind::Delivered: return ChannelOf | Queue | CTag | DTag | FRedelivered | FNoAck;
    case EventKind::Got: return ChannelOf | Queue | DTag | FRedelivered | FNoAck;
    case EventKind::Acked:
    case EventKind::Rejected:
    case EventKind::Requeued: return ChannelOf | Queue | DTag | Why;
    case EventKind::DeadLettered: return VHost | Queue | Exch | Key | Why | Linked;
    case EventKind::Expired: return VHost | Queue;
    case EventKind::Dropped: return VHost | Queue | Why;
    case EventKind::ConsumerAdded:
    case EventKind::ConsumerCancelled: return ChannelOf | Queue | CTag | FNoAck;
    case EventKind::ConnectionOpened: return Conn | VHost | User | Peer | Detail;
    case EventKind::ConnectionClosed:
    case EventKind::ConnectionLost: return Conn | VHost | Detail;
    case EventKind::QueueDeclared:
    case EventKind::QueueDeleted: return VHost | Queue;
    case EventKind::ExchangeDeclared:
    case EventKind::ExchangeDeleted: return VHost | Exch | Detail;
    case EventKind::BindingAdded:
    case EventKind::BindingRemoved: return VHost | Exch | Queue | Key | Detail | FToExchange;
    }
    return 0;
}

QString text(const QByteArray &bytes) { return QString::fromUtf8(bytes); }

QString isoTime(qint64 timeUs)
{
    return QDateTime::fromMSecsSinceEpoch(timeUs / 1000, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

QByteArray traceJsonLine(const TraceEvent &e)
{
    const std::uint32_t f = fieldsOf(e.kind);
    QJsonObject o{{u"seq"_s, qint64(e.seq)}, {u"time"_s, isoTime(e.timeUs)}, {u"time_us"_s, e.timeUs},
                  {u"event"_s, QLatin1String(eventKindName(e.kind))}};
    if (e.traceId)
        o.insert(u"trace_id"_s, qint64(e.traceId));
    const auto put = [&](Field field, const char *name, const QJsonValue &value) {
        if (f & field)
            o.insert(QLatin1String(name), value);
    };
    put(Conn, "connection", qint64(e.connection));
    put(Chan, "channel", e.channel);
    put(VHost, "vhost", text(e.vhost));
    put(Exch, "exchange", text(e.exchange));
    put(Queue, "queue", text(e.queue));
    put(Key, "routing_key", text(e.routingKey));
    put(CTag, "consumer_tag", text(e.consumerTag));
    put(DTag, "delivery_tag", qint64(e.deliveryTag));
    put(User, "user", text(e.user));
    put(Peer, "peer", text(e.peer));
    put(Detail, "detail", text(e.detail));
    put(Why, "cause", QLatin1String(causeName(e.cause)));
    put(Linked, "linked_trace_id", qint64(e.linkedTraceId));
    put(FPersistent, "persistent", e.has(Persistent));
    put(FMandatory, "mandatory", e.has(Mandatory));
    put(FInTx, "in_transaction", e.has(InTransaction));
    put(FRedelivered, "redelivered", e.has(Redelivered));
    put(FNoAck, "no_ack", e.has(NoAck));
    put(FOnDisk, "on_disk", e.has(OnDisk));
    put(FToExchange, "to_exchange", e.has(ToExchange));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray untracedJsonLine(qint64 timeUs, std::uint64_t untraced, std::uint64_t lost, int sampleEvery)
{
    const QJsonObject o{{u"event"_s, u"untraced"_s},     {u"time"_s, isoTime(timeUs)},
                        {u"time_us"_s, timeUs},          {u"untraced"_s, qint64(untraced)},
                        {u"lost"_s, qint64(lost)},       {u"sample_every"_s, sampleEvery}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace warren::observe
