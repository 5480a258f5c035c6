// A binding from an exchange to a queue (or, later, to another exchange).
#pragma once

#include "protocol/FieldValue.h"

#include <QByteArray>
#include <QHashFunctions>

namespace warren::model {

class Queue;
class Exchange;

struct Destination {
    Queue *queue = nullptr;
    Exchange *exchange = nullptr;
    friend bool operator==(const Destination &, const Destination &) = default;
    // One of the two is set: the object's address is the destination's identity.
    const void *identity() const { return queue ? static_cast<const void *>(queue) : exchange; }
};

inline size_t qHash(const Destination &d, size_t seed = 0)
{
    return ::qHash(d.identity(), seed);
}

struct Binding {
    Destination destination;
    QByteArray routingKey;
    amqp::FieldTable arguments;
    friend bool operator==(const Binding &, const Binding &) = default;
};

} // namespace warren::model
