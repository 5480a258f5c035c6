// Wire encoding of field tables and arrays.
#pragma once

#include "ByteReader.h"
#include "ByteWriter.h"
#include "FieldValue.h"

namespace warren::amqp {

// Nesting deeper than this is refused: a table is recursive and a hostile frame could
// otherwise nest thousands of levels and exhaust the stack.
inline constexpr int kMaxFieldNesting = 64;

// Decodes a length-prefixed table; on malformed input marks the reader failed.
FieldTable decodeTable(ByteReader &in);
void encodeTable(ByteWriter &out, const FieldTable &table);

FieldValue decodeFieldValue(ByteReader &in, int depth = 0);
void encodeFieldValue(ByteWriter &out, const FieldValue &value);

// A value read in place, still encoded: for lookups in headers that can be long (a
// dead-lettered message's x-death grows by an entry per death), without building a tree.
struct EncodedValue {
    FieldValue::Type type = FieldValue::Type::Void;
    QByteArrayView bytes;   // after the type octet; a string, table or array with its length

    // The value with its type octet, as it sits in its table or array.
    QByteArrayView whole() const { return QByteArrayView(bytes.data() - 1, bytes.size() + 1); }
    // What FieldValue::toBytes() gives: a string's content; empty for other types.
    QByteArrayView text() const;
    // A table's entries or an array's items, without their length; empty for other types.
    QByteArrayView content() const;
};

// Steps over one value: fixed sizes by type, the rest by their length; what a table or an
// array holds is not looked at. Marks the reader failed on malformed input.
EncodedValue skipFieldValue(ByteReader &in);

// visit(name, value) for each entry of a table's entries (without the table's length), in
// order, until visit returns false; false when the entries are malformed.
template <class Visit> bool forEachEncodedEntry(QByteArrayView entries, Visit &&visit)
{
    ByteReader in(entries);
    while (!in.atEnd()) {
        const QByteArrayView name = in.view(in.u8());
        const EncodedValue value = skipFieldValue(in);
        if (!in.ok())
            return false;
        if (!visit(name, value))
            break;
    }
    return true;
}

// visit(value) for each item of an array's items (without the array's length), likewise.
template <class Visit> bool forEachEncodedItem(QByteArrayView items, Visit &&visit)
{
    ByteReader in(items);
    while (!in.atEnd()) {
        const EncodedValue value = skipFieldValue(in);
        if (!in.ok())
            return false;
        if (!visit(value))
            break;
    }
    return true;
}

} // namespace warren::amqp
