#include "TraceJson.h"

#include "protocol/Utf8.h"

#include <QDateTime>

#include <charconv>

namespace warren::observe {

namespace {

// The fields each kind of event fills (the table in TraceEvent.h, as data).
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

// A flat JSON object written straight into bytes: the trace runs at thousands of events a
// second, and building QJsonObjects for them cost the watcher more than the broker spent.
class JsonLine {
public:
    explicit JsonLine(QByteArray &out) : out_(out) { out_ += '{'; }
    void end() { out_ += "}\n"; }

    void number(const char *name, qint64 value)
    {
        key(name);
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
        out_.append(digits, end - digits);
    }
    void boolean(const char *name, bool value)
    {
        key(name);
        out_ += value ? "true" : "false";
    }
    void string(const char *name, QByteArrayView value)
    {
        key(name);
        out_ += '"';
        // Names arrive as the protocol's checked UTF-8; a client's free text may not be.
        if (amqp::isValidUtf8(value))
            escape(value);
        else
            escape(QString::fromUtf8(value).toUtf8());
        out_ += '"';
    }

private:
    void key(const char *name)
    {
        if (out_.back() != '{')
            out_ += ',';
        out_ += '"';
        out_ += name;
        out_ += "\":";
    }
    // Runs of plain characters are copied whole: names rarely need any escape.
    void escape(QByteArrayView text)
    {
        static constexpr char hex[] = "0123456789abcdef";
        qsizetype plain = 0;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const auto u = static_cast<unsigned char>(text[i]);
            if (u >= 0x20 && u != '"' && u != '\\')
                continue;
            out_.append(text.sliced(plain, i - plain));
            plain = i + 1;
            if (u >= 0x20) {
                const char escaped[] = {'\\', char(u)};
                out_.append(escaped, 2);
            } else {
                const char escaped[] = {'\\', 'u', '0', '0', hex[u >> 4], hex[u & 0xf]};
                out_.append(escaped, 6);
            }
        }
        out_.append(text.sliced(plain));
    }

    QByteArray &out_;
};

// "2026-12-06T21:59:44.965Z": the date and time text is worked out once a second.
QByteArray isoTime(qint64 timeUs)
{
    static thread_local qint64 second = -1;
    static thread_local QByteArray prefix;
    const qint64 ms = timeUs / 1000;
    if (ms / 1000 != second) {
        second = ms / 1000;
        prefix = QDateTime::fromSecsSinceEpoch(second, Qt::UTC).toString(Qt::ISODate).chopped(1).toLatin1();
    }
    return prefix + '.' + QByteArray::number(ms % 1000 + 1000).sliced(1) + 'Z';
}

void head(JsonLine &json, const char *event, qint64 timeUs)
{
    json.string("event", event);
    json.string("time", isoTime(timeUs));
    json.number("time_us", timeUs);
}

} // namespace

QByteArray traceJsonLine(const TraceEvent &e)
{
    QByteArray out;
    out.reserve(256);
    JsonLine json(out);
    head(json, eventKindName(e.kind), e.timeUs);
    json.number("seq", qint64(e.seq));
    if (e.traceId)
        json.number("trace_id", qint64(e.traceId));
    const std::uint32_t f = fieldsOf(e.kind);
    const auto text = [&](Field field, const char *name, const QByteArray &value) {
        if (f & field)
            json.string(name, value);
    };
    const auto number = [&](Field field, const char *name, std::uint64_t value) {
        if (f & field)
            json.number(name, qint64(value));
    };
    const auto flag = [&](Field field, const char *name, EventFlag value) {
        if (f & field)
            json.boolean(name, e.has(value));
    };
    number(Conn, "connection", e.connection);
    number(Chan, "channel", e.channel);
    text(VHost, "vhost", e.vhost);
    text(Exch, "exchange", e.exchange);
    text(Queue, "queue", e.queue);
    text(Key, "routing_key", e.routingKey);
    text(CTag, "consumer_tag", e.consumerTag);
    number(DTag, "delivery_tag", e.deliveryTag);
    text(User, "user", e.user);
    text(Peer, "peer", e.peer);
    text(Detail, "detail", e.detail);
    text(Why, "cause", causeName(e.cause));
    number(Linked, "linked_trace_id", e.linkedTraceId);
    flag(FPersistent, "persistent", Persistent);
    flag(FMandatory, "mandatory", Mandatory);
    flag(FInTx, "in_transaction", InTransaction);
    flag(FRedelivered, "redelivered", Redelivered);
    flag(FNoAck, "no_ack", NoAck);
    flag(FOnDisk, "on_disk", OnDisk);
    flag(FToExchange, "to_exchange", ToExchange);
    json.end();
    return out;
}

QByteArray untracedJsonLine(qint64 timeUs, std::uint64_t untraced, std::uint64_t lost, int sampleEvery)
{
    QByteArray out;
    JsonLine json(out);
    head(json, "untraced", timeUs);
    json.number("untraced", qint64(untraced));
    json.number("lost", qint64(lost));
    json.number("sample_every", sampleEvery);
    json.end();
    return out;
}

} // namespace warren::observe
