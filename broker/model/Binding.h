// A binding from an exchange to a queue (or, later, to another exchange).
#pragma once

#include "protocol/FieldValue.h"

#include <QByteArray>

namespace warren::model {

class Queue;
class Exchange;

struct Destination {
    Queue *queue = nullptr;
    Exchange *exchange = nullptr;
    friend bool operator==(const Destination &, const Destination &) = default;
};

struct Binding {
    Destination destination;
    QByteArray routingKey;
    amqp::FieldTable arguments;
    friend bool operator==(const Binding &, const Binding &) = default;
};

} // namespace warren::model
