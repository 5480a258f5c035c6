// Reply texts in RabbitMQ's exact wording where RabbitMQ prints Erlang terms into them,
// so that clients and people comparing the two brokers see the same thing.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <cstdint>

namespace warren::amqp {

// A binary as Erlang prints it: <<"text">> when printable, <<0,20,255>> otherwise.
QByteArray erlangBinary(QByteArrayView bytes);

// "type 1, all octets = <<...>>" or "type 1, first 16 octets = <<...>>".
QByteArray frameSnippet(std::uint8_t type, QByteArrayView payload);

} // namespace warren::amqp

#include "FieldValue.h"

namespace warren::amqp {

// RabbitMQ's name for a field's type: "longstr", "signedint", "long", "bool", ...
const char *fieldTypeName(FieldValue::Type type);
// A field's value as RabbitMQ prints it in errors: strings as they are, numbers as numbers.
QByteArray fieldValueText(const FieldValue &value);
// Integer types of every width are one class for equivalence checks, as in rabbit_misc.
bool typesCompatible(FieldValue::Type a, FieldValue::Type b);

} // namespace warren::amqp
