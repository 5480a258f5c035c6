// One plain struct per AMQP method, generated from MethodTable.h. Each struct knows its
// id, wire name and whether content follows it, and lists its fields to a visitor in wire
// order; MethodCodec.h uses that to encode and decode every method the same way.
#pragma once

#include "FieldValue.h"
#include "MethodId.h"
#include "MethodTable.h"

#include <QByteArray>

#include <cstdint>

namespace warren::amqp {

enum class FieldKind { Bit, Octet, Short, Long, LongLong, ShortStr, LongStr, Table };

template <FieldKind K> struct FieldStorage;
template <> struct FieldStorage<FieldKind::Bit> { using type = bool; };
template <> struct FieldStorage<FieldKind::Octet> { using type = std::uint8_t; };
template <> struct FieldStorage<FieldKind::Short> { using type = std::uint16_t; };
template <> struct FieldStorage<FieldKind::Long> { using type = std::uint32_t; };
template <> struct FieldStorage<FieldKind::LongLong> { using type = std::uint64_t; };
template <> struct FieldStorage<FieldKind::ShortStr> { using type = QByteArray; };
template <> struct FieldStorage<FieldKind::LongStr> { using type = QByteArray; };
template <> struct FieldStorage<FieldKind::Table> { using type = FieldTable; };

#define WARREN_METHOD_FIELD(kind, name) typename FieldStorage<FieldKind::kind>::type name{};
#define WARREN_METHOD_VISIT(kind, name) visitor.template field<FieldKind::kind>(self.name);
#define WARREN_DECLARE_METHOD(Cls, Mth, classNumber, methodNumber, wireName, content)     \
    struct Cls##Mth {                                                                       \
        static constexpr MethodId id = makeMethodId(classNumber, methodNumber);             \
        static constexpr const char *name = wireName;                                      \
        static constexpr bool hasContent = content;                                        \
        WARREN_FIELDS_##Cls##Mth(WARREN_METHOD_FIELD)                                      \
        /* Works for const and mutable instances: encoding reads, decoding writes. */      \
        template <class Self, class Visitor>                                               \
        static void visitFields([[maybe_unused]] Self &self, [[maybe_unused]] Visitor &visitor) \
        {                                                                                  \
            WARREN_FIELDS_##Cls##Mth(WARREN_METHOD_VISIT)                                  \
        }                                                                                  \
    };

WARREN_AMQP_METHODS(WARREN_DECLARE_METHOD)

#undef WARREN_DECLARE_METHOD
#undef WARREN_METHOD_VISIT
#undef WARREN_METHOD_FIELD

// The wire name of any method id ("basic.publish"), or nullptr when unknown.
const char *methodName(MethodId id);
// Whether a content header and body follow the method; false for unknown ids.
bool methodHasContent(MethodId id);

} // namespace warren::amqp
