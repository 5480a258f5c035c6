// The 14 content properties of class basic, declared once as data. A published message
// keeps its encoded properties as received; this struct is only built where someone
// needs to read them (persistence, priority, TTL, headers routing, the explorer).
#pragma once

#include "FieldValue.h"
#include "Methods.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace warren::amqp {

// P(flagBit, Kind, member), in wire order; bit 15 is the first property. Bits 1 and 0 are
// ignored, as RabbitMQ ignores them (bit 0 would announce a further flags word, which class
// basic never needs).
#define WARREN_BASIC_PROPERTIES(P)         \
    P(15, ShortStr, contentType)           \
    P(14, ShortStr, contentEncoding)       \
    P(13, Table, headers)                  \
    P(12, Octet, deliveryMode)             \
    P(11, Octet, priority)                 \
    P(10, ShortStr, correlationId)         \
    P(9, ShortStr, replyTo)                \
    P(8, ShortStr, expiration)             \
    P(7, ShortStr, messageId)              \
    P(6, LongLong, timestamp)              \
    P(5, ShortStr, type)                   \
    P(4, ShortStr, userId)                 \
    P(3, ShortStr, appId)                  \
    P(2, ShortStr, clusterId)

// The properties by name, in wire order.
enum class Property {
#define WARREN_PROPERTY_ENUM(bit, kind, member) member,
    WARREN_BASIC_PROPERTIES(WARREN_PROPERTY_ENUM)
#undef WARREN_PROPERTY_ENUM
};

struct BasicProperties {
#define WARREN_PROPERTY_MEMBER(bit, kind, member) \
    std::optional<typename FieldStorage<FieldKind::kind>::type> member;
    WARREN_BASIC_PROPERTIES(WARREN_PROPERTY_MEMBER)
#undef WARREN_PROPERTY_MEMBER

    bool isPersistent() const { return deliveryMode.value_or(1) == 2; }

    // Decodes flags + property list. With headers=false the headers table is skipped
    // (length-checked only) and left empty; the cheap path used on every publish.
    static std::optional<BasicProperties> decode(QByteArrayView raw, bool headers = true);
    QByteArray encode() const;
    // Encoded properties with one header set (added or replaced).
    static QByteArray withHeader(QByteArrayView raw, const QByteArray &name, FieldValue value);
    static QByteArray withReplyTo(QByteArrayView raw, const QByteArray &replyTo);

    friend bool operator==(const BasicProperties &, const BasicProperties &) = default;
};

// What the broker needs of a message's properties on every publish, read in place without
// allocating. Views point into the scanned bytes.
struct PropertiesSummary {
    std::uint8_t deliveryMode = 0;
    std::uint8_t priority = 0;
    std::optional<QByteArrayView> userId;
    std::optional<QByteArrayView> replyTo;
    std::optional<QByteArrayView> headers;   // the table's entries, still encoded
    std::optional<QByteArrayView> expiration;

    // nullopt when RabbitMQ could not decode the property list: lengths past its end,
    // bytes after it, a headers table isWellFormedTable refuses. Empty `raw` is a message
    // without properties (the broker's own; on the wire a header has at least the flags).
    static std::optional<PropertiesSummary> scan(QByteArrayView raw);

private:
    void take(Property property, QByteArrayView value);
};

} // namespace warren::amqp
