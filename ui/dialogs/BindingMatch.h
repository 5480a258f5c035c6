// Whether a binding that does not exist yet would match a message: the bind dialog's
// preview asks the broker where a message goes through the existing bindings, and this
// adds the proposed one. The broker's matchers work on its model objects, which the
// explorer never touches, hence this small restatement of the exchange types' rules.
#pragma once

#include "protocol/FieldValue.h"

#include <QString>

namespace warren::ui {

// Topic matching over '.'-separated words: '*' is exactly one word, '#' zero or more. As
// in RabbitMQ, the empty key has no words and "a..b" has an empty middle word.
bool topicMatches(const QString &pattern, const QString &routingKey);

// Whether a binding with this key and these arguments, on an exchange of this type,
// matches a message with this routing key and these headers.
bool bindingMatches(const QString &exchangeType, const QString &bindingKey, const amqp::FieldTable &arguments,
                    const QString &routingKey, const amqp::FieldTable &headers);

} // namespace warren::ui
