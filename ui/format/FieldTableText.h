// Field tables (arguments, headers) as people read them: `x-max-length: 10, x-queue-type:
// quorum`. Strings are shown as text when they are UTF-8, else as hex.
#pragma once

#include "protocol/FieldValue.h"

#include <QString>

namespace warren::ui {

QString describeValue(const amqp::FieldValue &value);
// One line: "name: value, name: value"; nested tables in braces, arrays in brackets.
QString describeTable(const amqp::FieldTable &table);

} // namespace warren::ui
