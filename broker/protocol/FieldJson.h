// Field tables to JSON and back, as RabbitMQ writes and reads the "arguments" of a
// definitions file. To JSON: integers as numbers, binaries that are not UTF-8 as RabbitMQ
// renders them. From JSON
// (rabbit_misc:to_amqp_table): integers as long, other numbers as double, strings as longstr,
// booleans as bool, objects as tables, lists as arrays; null has no AMQP type. Here rather
// than in management/ so that the simulator, which declares a lesson's topology over AMQP
// on another broker, types arguments exactly as the broker's importer does.
#pragma once

#include "protocol/FieldValue.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace warren::amqp {

QJsonObject fieldTableToJson(const FieldTable &table);

// A missing or null value is an empty table; nullopt (and `error`) for what is not an
// object or holds a null.
std::optional<FieldTable> fieldTableFromJson(const QJsonValue &json, QString *error);

} // namespace warren::amqp
