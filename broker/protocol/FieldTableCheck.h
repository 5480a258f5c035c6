// Whether a published field table is one RabbitMQ can read. RabbitMQ decodes a message's
// content header when it routes it, with rabbit_binary_parser, and what that parser cannot
// read crashes the channel; Warren keeps the header as received and checks it with one scan
// that allocates nothing, so that a table no consumer could decode is never relayed.
#pragma once

#include <QByteArrayView>

namespace warren::amqp {

// `entries`: a table's bytes after its length. True when every entry parses as
// rabbit_binary_parser parses it: a short-string name (any bytes), a known type tag
// (t b B s u I i l L f d D S x T F A V) and a value that fits its container. Floats and
// doubles must be finite (Erlang has no NaN or infinity, so RabbitMQ cannot read them).
// Nesting is limited to kMaxFieldNesting, as for decodeTable (RabbitMQ has no limit).
bool isWellFormedTable(QByteArrayView entries);

} // namespace warren::amqp
