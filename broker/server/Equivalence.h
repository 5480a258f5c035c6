// The checks of a redeclaration against what exists, worded as RabbitMQ words them:
// "inequivalent arg 'durable' for queue 'q' in vhost '/': received 'true' but current is 'false'".
#pragma once

#include "model/QueueArguments.h"
#include "protocol/AmqpError.h"

namespace warren::server {

inline void assertEquivalent(const char *field, const QByteArray &current, const QByteArray &received,
                             const QByteArray &what)
{
    if (current != received)
        throw amqp::AmqpError::make(amqp::ReplyCode::PreconditionFailed,
                                    "inequivalent arg '" + QByteArray(field) + "' for " + what + ": received '"
                                        + received + "' but current is '" + current + "'");
}

inline void assertEquivalent(const char *field, bool current, bool received, const QByteArray &what)
{
    const auto text = [](bool b) { return QByteArray(b ? "true" : "false"); };
    assertEquivalent(field, text(current), text(received), what);
}

inline void assertEquivalentArguments(const amqp::FieldTable &current, const amqp::FieldTable &received,
                                      model::ArgumentsOf kind, const QByteArray &what)
{
    if (const auto mismatch = model::firstMismatch(current, received, kind))
        throw amqp::AmqpError::make(amqp::ReplyCode::PreconditionFailed,
                                    "inequivalent arg '" + mismatch->key + "' for " + what + ": received "
                                        + mismatch->received + " but current is " + mismatch->current);
}

} // namespace warren::server
