// Field tables as RabbitMQ writes them in definitions files: plain JSON values, so the wire
// types are lost ({"x-max-length": 10} whatever width 10 was declared with). Reading types
// them as RabbitMQ's rabbit_misc:to_amqp_table does: integers as long, other numbers as
// double, strings as longstr, objects as tables, lists as arrays; null has no AMQP type.
#pragma once

#include "protocol/FieldValue.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace warren::management {

QJsonObject argumentsToJson(const amqp::FieldTable &table);
// A missing value is an empty table; nullopt (and `error`) for what cannot be converted.
std::optional<amqp::FieldTable> argumentsFromJson(const QJsonValue &json, QString *error);

} // namespace warren::management
