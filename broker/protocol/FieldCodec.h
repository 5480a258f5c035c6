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

} // namespace warren::amqp
