#include "BasicProperties.h"

#include "MethodCodec.h"

namespace warren::amqp {

std::optional<BasicProperties> BasicProperties::decode(QByteArrayView raw, bool headers)
{
    ByteReader in(raw);
    const std::uint16_t flags = in.u16();
    // Bit 0 announces a further flags word; class basic has only 14 properties.
    if (flags & 0x0001)
        return std::nullopt;
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
    return out;
}

} // namespace warren::amqp
