#include "ErrorText.h"

namespace warren::amqp {

namespace {

// io_lib's test for a printable latin-1 list, which decides how ~p prints a binary.
bool isPrintable(QByteArrayView bytes)
{
    for (char ch : bytes) {
        const auto c = std::uint8_t(ch);
        const bool ok = (c >= 32 && c <= 126) || c >= 160 || (c >= 8 && c <= 13) || c == 27;
        if (!ok)
            return false;
    }
    return true;
}

void appendEscaped(QByteArray &out, char ch)
{
    switch (ch) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    case '\v': out += "\\v"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case 27: out += "\\e"; return;
    default: out += ch; return;
    }
}

} // namespace

QByteArray erlangBinary(QByteArrayView bytes)
{
    QByteArray out = "<<";
    if (!bytes.isEmpty() && isPrintable(bytes)) {
        out += '"';
        for (char ch : bytes)
            appendEscaped(out, ch);
        out += '"';
    } else {
        for (qsizetype i = 0; i < bytes.size(); ++i) {
            if (i)
                out += ',';
            out += QByteArray::number(std::uint8_t(bytes[i]));
        }
    }
    out += ">>";
    return out;
}

QByteArray frameSnippet(std::uint8_t type, QByteArrayView payload)
{
    constexpr qsizetype kSnippet = 16;
    const bool all = payload.size() <= kSnippet;
    return "type " + QByteArray::number(type) + (all ? ", all octets = " : ", first 16 octets = ")
        + erlangBinary(all ? payload : payload.first(kSnippet));
}

} // namespace warren::amqp

namespace warren::amqp {

const char *fieldTypeName(FieldValue::Type type)
{
    using T = FieldValue::Type;
    switch (type) {
    case T::Void: return "void";
    case T::Boolean: return "bool";
    case T::Int8: return "byte";
    case T::UInt8: return "unsignedbyte";
    case T::Int16: return "short";
    case T::UInt16: return "unsignedshort";
    case T::Int32: return "signedint";
    case T::UInt32: return "unsignedint";
    case T::Int64: return "long";
    case T::Float: return "float";
    case T::Double: return "double";
    case T::Decimal: return "decimal";
    case T::LongString: return "longstr";
    case T::ByteArray: return "binary";
    case T::Timestamp: return "timestamp";
    case T::Table: return "table";
    case T::Array: return "array";
    }
    return "unknown";
}

QByteArray fieldValueText(const FieldValue &value)
{
    using T = FieldValue::Type;
    switch (value.type()) {
    case T::LongString:
    case T::ByteArray: return value.toBytes();
    case T::Boolean: return value.toBool() ? "true" : "false";
    case T::Float:
    case T::Double: return QByteArray::number(value.toDouble());
    case T::Void: return "undefined";
    case T::Table:
    case T::Array:
    case T::Decimal: return "[...]";
    default: return QByteArray::number(value.toInteger());
    }
}

bool typesCompatible(FieldValue::Type a, FieldValue::Type b)
{
    const auto isInt = [](FieldValue::Type t) { return FieldValue::integer(0, t).isInteger(); };
    return a == b || (isInt(a) && isInt(b));
}

} // namespace warren::amqp
