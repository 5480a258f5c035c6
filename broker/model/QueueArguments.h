// The x-arguments of a queue: which of them RabbitMQ compares when a queue is declared
// again, and how it words a difference.
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

// The first declared argument that differs between the queue and a new declaration, in
// RabbitMQ's order; arguments RabbitMQ does not know are not compared.
std::optional<ArgumentMismatch> firstMismatch(const amqp::FieldTable &current, const amqp::FieldTable &received);

} // namespace warren::model
