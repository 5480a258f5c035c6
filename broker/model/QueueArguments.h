// Which declaration arguments RabbitMQ compares when a queue or exchange is declared again,
// and how it words a difference.
#pragma once

#include "protocol/FieldValue.h"

#include <QByteArray>

#include <optional>

namespace warren::model {

struct ArgumentMismatch {
    QByteArray key;
    QByteArray received;   // "'20'", "none", "the value '10' of type 'signedint'"
    QByteArray current;
};

enum class ArgumentsOf { Queue, Exchange };

// The first argument that differs between an existing queue or exchange and a new
// declaration, in RabbitMQ's order; arguments RabbitMQ does not compare are ignored
// (for exchanges only alternate-exchange counts).
std::optional<ArgumentMismatch> firstMismatch(const amqp::FieldTable &current, const amqp::FieldTable &received,
                                              ArgumentsOf kind = ArgumentsOf::Queue);

} // namespace warren::model
