#include "FieldCodec.h"

#include <bit>

namespace warren::amqp {

namespace {

using Type = FieldValue::Type;

FieldTable decodeTableAt(ByteReader &in, int depth);

FieldArray decodeArrayAt(ByteReader &in, int depth)
{
    ByteReader items(in.view(in.u32()));
    FieldArray array;
    while (in.ok() && items.ok() && !items.atEnd())
        array.append(decodeFieldValue(items, depth + 1));
    if (!items.ok())
        in.fail();
    return array;
}

FieldTable decodeTableAt(ByteReader &in, int depth)
{
    ByteReader entries(in.view(in.u32()));
    FieldTable table;
    while (in.ok() && entries.ok() && !entries.atEnd()) {
        QByteArray name = entries.shortString();
        FieldValue value = decodeFieldValue(entries, depth + 1);
        if (entries.ok())
            table.append(std::move(name), std::move(value));
    }
    if (!entries.ok())
        in.fail();
    return table;
}

template <typename T> qint64 signedOf(T raw) { return qint64(std::make_signed_t<T>(raw)); }

} // namespace

FieldValue decodeFieldValue(ByteReader &in, int depth)
{
    if (depth > kMaxFieldNesting) {
        in.fail();
        return {};
    }
    const std::uint8_t tag = in.u8();
    // RabbitMQ reads an unsigned long long ('L') as a signed long and writes it back as 'l'.
    if (tag == 'L')
        return FieldValue::integer(signedOf(in.u64()), Type::Int64);
    const Type t = Type(tag);
    switch (t) {
    case Type::Void: return {};
    case Type::Boolean: return FieldValue::boolean(in.u8() != 0);
    case Type::Int8: return FieldValue::integer(signedOf(in.u8()), t);
    case Type::UInt8: return FieldValue::integer(in.u8(), t);
    case Type::Int16: return FieldValue::integer(signedOf(in.u16()), t);
    case Type::UInt16: return FieldValue::integer(in.u16(), t);
    case Type::Int32: return FieldValue::integer(signedOf(in.u32()), t);
    case Type::UInt32: return FieldValue::integer(in.u32(), t);
    case Type::Int64: return FieldValue::integer(signedOf(in.u64()), t);
    case Type::Timestamp: return FieldValue::integer(qint64(in.u64()), t);
    case Type::Float: return FieldValue::floating(std::bit_cast<float>(in.u32()), t);
    case Type::Double: return FieldValue::floating(std::bit_cast<double>(in.u64()), t);
    case Type::Decimal: {
        const std::uint8_t scale = in.u8();
        return FieldValue::decimal({scale, in.u32()});
    }
    case Type::LongString:
    case Type::ByteArray: return FieldValue::string(in.longString(), t);
    case Type::Table: return FieldValue::table(decodeTableAt(in, depth));
    case Type::Array: return FieldValue::array(decodeArrayAt(in, depth));
    }
    in.fail(); // an unknown type tag
    return {};
}

FieldTable decodeTable(ByteReader &in) { return decodeTableAt(in, 0); }

QByteArrayView EncodedValue::text() const
{
    return type == Type::LongString || type == Type::ByteArray ? bytes.sliced(4) : QByteArrayView();
}

QByteArrayView EncodedValue::content() const
{
    return type == Type::Table || type == Type::Array ? bytes.sliced(4) : QByteArrayView();
}

EncodedValue skipFieldValue(ByteReader &in)
{
    const Type t = Type(in.u8());
    const auto fixed = [&](qsizetype size) { return EncodedValue{t, in.view(size)}; };
    switch (t) {
    case Type::Void: return fixed(0);
    case Type::Boolean:
    case Type::Int8:
    case Type::UInt8: return fixed(1);
    case Type::Int16:
    case Type::UInt16: return fixed(2);
    case Type::Int32:
    case Type::UInt32:
    case Type::Float: return fixed(4);
    case Type::Decimal: return fixed(5);
    case Type::Int64:
    case Type::Timestamp:
    case Type::Double: return fixed(8);
    case Type::LongString:
    case Type::ByteArray:
    case Type::Table:
    case Type::Array: {
        const QByteArrayView length = in.view(4);
        const QByteArrayView content = in.view(length.isEmpty() ? 0 : qFromBigEndian<quint32>(length.data()));
        return in.ok() ? EncodedValue{t, QByteArrayView(length.data(), 4 + content.size())} : EncodedValue{};
    }
    }
    in.fail();   // an unknown type tag
    return {};
}

void encodeFieldValue(ByteWriter &out, const FieldValue &v)
{
    const Type t = v.type();
    out.u8(std::uint8_t(t));
    switch (t) {
    case Type::Void: break;
    case Type::Boolean:
    case Type::Int8:
    case Type::UInt8: out.u8(std::uint8_t(v.toInteger())); break;
    case Type::Int16:
    case Type::UInt16: out.u16(std::uint16_t(v.toInteger())); break;
    case Type::Int32:
    case Type::UInt32: out.u32(std::uint32_t(v.toInteger())); break;
    case Type::Int64:
    case Type::Timestamp: out.u64(std::uint64_t(v.toInteger())); break;
    case Type::Float: out.u32(std::bit_cast<std::uint32_t>(float(v.toDouble()))); break;
    case Type::Double: out.u64(std::bit_cast<std::uint64_t>(v.toDouble())); break;
    case Type::Decimal:
        out.u8(v.toDecimal().scale);
        out.u32(v.toDecimal().value);
        break;
    case Type::LongString:
    case Type::ByteArray: out.longString(v.toBytes()); break;
    case Type::Table: encodeTable(out, v.toTable()); break;
    case Type::Array: {
        const qsizetype at = out.size();
        out.u32(0);
        for (const FieldValue &item : v.toArray())
            encodeFieldValue(out, item);
        out.patchU32(at, std::uint32_t(out.size() - at - 4));
        break;
    }
    }
}

void encodeTable(ByteWriter &out, const FieldTable &table)
{
    const qsizetype at = out.size();
    out.u32(0);
    for (const auto &[name, value] : table) {
        out.shortString(name);
        encodeFieldValue(out, value);
    }
    out.patchU32(at, std::uint32_t(out.size() - at - 4));
}

} // namespace warren::amqp
