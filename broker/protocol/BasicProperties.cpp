#include "BasicProperties.h"

#include "FieldTableCheck.h"
#include "MethodCodec.h"

namespace warren::amqp {

std::optional<BasicProperties> BasicProperties::decode(QByteArrayView raw, bool headers)
{
    ByteReader in(raw);
    const std::uint16_t flags = in.u16();
    BasicProperties p;
    MethodFieldDecoder decoder(in);
#define WARREN_DECODE_PROPERTY(bit, kind, member)                                   \
    if (flags & (1u << bit)) {                                                      \
        if (FieldKind::kind == FieldKind::Table && !headers) {                      \
            in.view(in.u32());                                                      \
        } else {                                                                    \
            p.member.emplace();                                                     \
            decoder.field<FieldKind::kind>(*p.member);                              \
        }                                                                           \
    }
    WARREN_BASIC_PROPERTIES(WARREN_DECODE_PROPERTY)
#undef WARREN_DECODE_PROPERTY
    if (!in.ok() || !in.atEnd())
        return std::nullopt;
    return p;
}

QByteArray BasicProperties::withHeader(QByteArrayView raw, const QByteArray &name, FieldValue value)
{
    BasicProperties p = decode(raw).value_or(BasicProperties{});
    FieldTable headers = p.headers.value_or(FieldTable{});
    headers.insert(name, std::move(value));
    p.headers = std::move(headers);
    return p.encode();
}

QByteArray BasicProperties::withReplyTo(QByteArrayView raw, const QByteArray &replyTo)
{
    BasicProperties p = decode(raw).value_or(BasicProperties{});
    p.replyTo = replyTo;
    return p.encode();
}

namespace {

// Reads one property of the given kind in place; unused values are only skipped.
struct PropertySkipper {
    ByteReader &in;
    QByteArrayView read(FieldKind kind)
    {
        switch (kind) {
        case FieldKind::Octet: return in.view(1);
        case FieldKind::LongLong: return in.view(8);
        case FieldKind::ShortStr: return in.view(in.u8());
        case FieldKind::Table: return in.view(in.u32());
        default: in.fail(); return {};
        }
    }
};

} // namespace

void PropertiesSummary::take(Property property, QByteArrayView value)
{
    switch (property) {
    case Property::deliveryMode: deliveryMode = std::uint8_t(value.isEmpty() ? 0 : value[0]); break;
    case Property::priority: priority = std::uint8_t(value.isEmpty() ? 0 : value[0]); break;
    case Property::expiration: expiration = value; break;
    case Property::userId: userId = value; break;
    case Property::replyTo: replyTo = value; break;
    case Property::headers: headers = value; break;
    default: break;
    }
}

std::optional<PropertiesSummary> PropertiesSummary::scan(QByteArrayView raw)
{
    PropertiesSummary p;
    if (raw.isEmpty())
        return p;
    ByteReader in(raw);
    const std::uint16_t flags = in.u16();
    PropertySkipper skip{in};
#define WARREN_SCAN_PROPERTY(bit, kind, member) \
    if (flags & (1u << bit)) p.take(Property::member, skip.read(FieldKind::kind));
    WARREN_BASIC_PROPERTIES(WARREN_SCAN_PROPERTY)
#undef WARREN_SCAN_PROPERTY
    if (!in.ok() || !in.atEnd() || (p.headers && !isWellFormedTable(*p.headers)))
        return std::nullopt;
    return p;
}

QByteArray BasicProperties::encode() const
{
    QByteArray out;
    ByteWriter w(out);
    std::uint16_t flags = 0;
#define WARREN_PROPERTY_FLAG(bit, kind, member) if (member) flags |= std::uint16_t(1u << bit);
    WARREN_BASIC_PROPERTIES(WARREN_PROPERTY_FLAG)
#undef WARREN_PROPERTY_FLAG
    w.u16(flags);
    MethodFieldEncoder encoder(w);
#define WARREN_ENCODE_PROPERTY(bit, kind, member) \
    if (member) encoder.field<FieldKind::kind>(*member);
    WARREN_BASIC_PROPERTIES(WARREN_ENCODE_PROPERTY)
#undef WARREN_ENCODE_PROPERTY
    w.finish();
    return out;
}

} // namespace warren::amqp
