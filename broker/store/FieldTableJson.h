// Field tables as JSON that keeps each value's wire type and each entry's position, so that
// arguments read back from the topology file are byte-for-byte what was declared:
// {"x-max-length": ["I", "10", 0]} (integers as text; long strings that are not UTF-8 as
// {"base64": ...}).
#pragma once

#include "protocol/FieldValue.h"

#include <QJsonObject>
#include <QJsonValue>

namespace warren::store {

QJsonObject tableToJson(const amqp::FieldTable &table);
amqp::FieldTable tableFromJson(const QJsonObject &json);

} // namespace warren::store
