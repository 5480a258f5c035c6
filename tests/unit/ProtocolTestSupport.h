// Helpers shared by the protocol unit tests: readable QCOMPARE failure output for field
// values and tables (found by QtTest through ADL), and one-line encoders.
#pragma once

#include "protocol/ByteWriter.h"
#include "protocol/FieldCodec.h"
#include "protocol/FieldValue.h"

#include <QByteArray>
#include <QMetaType>
#include <QtEndian>
#include <QtTest/QTest>

namespace warren::amqp {

inline QByteArray encodedValue(const FieldValue &value)
{
    QByteArray out;
    ByteWriter w(out);
    encodeFieldValue(w, value);
    w.finish();
    return out;
}

inline QByteArray encodedTable(const FieldTable &table)
{
    QByteArray out;
    ByteWriter w(out);
    encodeTable(w, table);
    w.finish();
    return out;
}

// QtTest prints these when a comparison fails; the wire bytes are the least ambiguous
// description of a value.
inline char *toString(const FieldValue &value)
{
    return qstrdup(QByteArray("FieldValue(" + encodedValue(value).toHex(' ') + ')').constData());
}

inline char *toString(const FieldTable &table)
{
    return qstrdup(QByteArray("FieldTable(" + encodedTable(table).toHex(' ') + ')').constData());
}

} // namespace warren::amqp

namespace warren::test {

// Hex with optional spaces, for golden byte strings that stay readable in the source.
inline QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArray(text).replace(' ', QByteArray()));
}

inline void putU32(QByteArray &bytes, qsizetype at, std::uint32_t v)
{
    qToBigEndian(v, bytes.data() + at);
}

// A table that holds every wire type at least once, nested containers included.
inline amqp::FieldTable everyTypeTable()
{
    using amqp::FieldTable;
    using amqp::FieldValue;
    using Type = FieldValue::Type;
    const auto str = [](const char *s) { return FieldValue::string(QByteArray(s)); };
    const auto i32 = [](qint64 v) { return FieldValue::integer(v, Type::Int32); };
    return FieldTable{
        {"void", FieldValue()},
        {"bool", FieldValue::boolean(true)},
        {"i8", FieldValue::integer(-100, Type::Int8)},
        {"u8", FieldValue::integer(200, Type::UInt8)},
        {"i16", FieldValue::integer(-30000, Type::Int16)},
        {"u16", FieldValue::integer(60000, Type::UInt16)},
        {"i32", FieldValue::integer(-2000000000, Type::Int32)},
        {"u32", FieldValue::integer(4000000000, Type::UInt32)},
        {"i64", FieldValue::integer(-9000000000000000000, Type::Int64)},
        {"f", FieldValue::floating(-0.25, Type::Float)},
        {"d", FieldValue::floating(3.141592653589793, Type::Double)},
        {"dec", FieldValue::decimal({3, 123456})},
        {"S", FieldValue::string(QByteArray("long string\0with nul", 20))},
        {"x", FieldValue::string(QByteArray("\x00\x01\xfe\xff", 4), Type::ByteArray)},
        {"ts", FieldValue::integer(1704164645, Type::Timestamp)},
        {"F", FieldValue::table(FieldTable{{"inner", i32(1)}, {"empty", FieldValue::table({})}})},
        {"A", FieldValue::array({i32(1), str("two"), FieldValue(),
                                 FieldValue::array({FieldValue::boolean(false)}),
                                 FieldValue::table(FieldTable{{"k", str("v")}})})},
        {"", str("empty name")},
    };
}

// `levels` containers of type t nested in each other, the innermost one empty.
inline amqp::FieldValue nested(int levels, amqp::FieldValue::Type t)
{
    using amqp::FieldValue;
    auto wrap = [t](FieldValue inner) {
        if (t == FieldValue::Type::Table)
            return FieldValue::table(amqp::FieldTable{{"n", std::move(inner)}});
        return FieldValue::array({std::move(inner)});
    };
    FieldValue v = t == FieldValue::Type::Table ? FieldValue::table({}) : FieldValue::array({});
    for (int i = 1; i < levels; ++i)
        v = wrap(std::move(v));
    return v;
}

// A table {"n": <levels containers nested, the innermost empty>} written byte by byte, for
// depths the recursive encoder should not be asked for: an array level is 'A' + length
// (5 bytes), a table level 'F' + length + the name "n".
inline QByteArray deepWire(int levels, amqp::FieldValue::Type t)
{
    const bool table = t == amqp::FieldValue::Type::Table;
    const qsizetype step = table ? 7 : 5;
    QByteArray wire = hex("00000000 016e");
    const qsizetype start = wire.size();
    wire.resize(start + step * levels);
    for (int i = 0; i < levels; ++i) {
        const qsizetype at = start + step * i;
        wire[at] = char(t);
        putU32(wire, at + 1, std::uint32_t(step * (levels - 1 - i)));
        if (table) {
            wire[at + 5] = 1;
            wire[at + 6] = 'n';
        }
    }
    if (table)
        wire.chop(2); // the innermost table is empty
    putU32(wire, 0, std::uint32_t(wire.size() - 4));
    return wire;
}

} // namespace warren::test

Q_DECLARE_METATYPE(warren::amqp::FieldValue)
Q_DECLARE_METATYPE(warren::amqp::FieldTable)
