// What a queue's x-arguments ask for, parsed and validated once at declare time the way
// RabbitMQ validates them.
#pragma once

#include "protocol/FieldValue.h"

#include <QByteArray>

#include <optional>

namespace warren::model {

enum class QueueType { Classic, Quorum };
enum class Overflow { DropHead, RejectPublish, RejectPublishDlx };

struct QueuePolicy {
    QueueType type = QueueType::Classic;
    std::optional<qint64> messageTtl;       // x-message-ttl, ms
    std::optional<qint64> expires;          // x-expires, ms of disuse before deletion
    std::optional<qint64> maxLength;        // x-max-length, ready messages
    std::optional<qint64> maxLengthBytes;   // x-max-length-bytes, ready body bytes
    Overflow overflow = Overflow::DropHead;
    std::optional<QByteArray> deadLetterExchange;
    std::optional<QByteArray> deadLetterRoutingKey;
    int maxPriority = 0;                    // x-max-priority; 0: no priorities
    bool singleActiveConsumer = false;
    std::optional<qint64> deliveryLimit;    // x-delivery-limit (quorum)

    bool hasLengthLimit() const { return maxLength || maxLengthBytes; }
};

// A refused argument: the key and RabbitMQ's Erlang-formatted reason, for
// "invalid arg 'KEY' for queue 'q' in vhost '/': REASON".
struct PolicyError {
    QByteArray key;
    QByteArray reason;
    bool plainText = false;   // reason is the whole message (after "PRECONDITION_FAILED - ")

    // The whole message for the queue so described ("queue 'q' in vhost '/'").
    QByteArray text(const QByteArray &queueDescription) const
    {
        return plainText ? reason : "invalid arg '" + key + "' for " + queueDescription + ": " + reason;
    }
};

struct PolicyOrError {
    std::optional<QueuePolicy> policy;
    PolicyError error;
};

// RabbitMQ's reason for refusing a non-integer where an integer argument belongs:
// "\"expected integer, got longstr\"".
QByteArray integerTypeError(const amqp::FieldValue &value);

// Validates the arguments of a queue declared with these flags.
PolicyOrError parseQueuePolicy(const amqp::FieldTable &arguments, bool durable, bool exclusive, bool autoDelete,
                               const QByteArray &queueDescription);

} // namespace warren::model

namespace warren::model {

// The per-message TTL of an `expiration` property ("60000"), or RabbitMQ's reason for
// refusing it ("no_integer", "{value_negative,-1}", "{leftover_string,\"ms\"}").
struct ExpirationOrError {
    std::optional<qint64> ttl;
    QByteArray error;
};
ExpirationOrError parseExpiration(QByteArrayView expiration);

} // namespace warren::model
