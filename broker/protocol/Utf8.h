// Strict UTF-8 validation (no overlong forms, no surrogates, nothing above U+10FFFF), the
// check RabbitMQ applies to every shortstr of a method.
#pragma once

#include <QByteArrayView>

namespace warren::amqp {

bool isValidUtf8(QByteArrayView bytes);

} // namespace warren::amqp
