// The records the message store writes, and their encoding. A persistent message is written
// once, with the durable queues it went to; later records say that a queue delivered it
// (so a restart marks it redelivered) or is done with it.
#pragma once

#include "model/Message.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace warren::store {

enum class RecordType : quint8 {
    LegacyPublish = 1,   // as Publish, with 16-bit counts and short keys (read, never written)
    Removed = 2,         // a queue is done with a message (acked, dropped, purged...)
    Delivered = 3,       // a queue delivered a message at least once
    Publish = 4,         // a message and the ids of the queues holding it
};

// Where a publish record's message goes: read without building the message.
struct PublishTarget {
    quint64 messageId = 0;
    QList<quint64> queues;
    QList<quint64> delivered;   // queues that had delivered it (a compaction rewrite keeps this)
    bool transient = false;     // paged out to save memory; not recovered after a restart
};

struct PublishRecord {
    PublishTarget target;
    model::MessageRef message;
};

struct QueueMessage {
    quint64 queueId = 0;
    quint64 messageId = 0;
};

// Everything of a publish record but the body, which follows it in the record unchanged,
// so that a large body is written without being copied.
// Counts are 32-bit and keys long strings: a dead-letter or CC routing key may exceed 255
// bytes, and a fanout may reach more than 65,535 queues.
QByteArray encodePublishHead(const PublishTarget &target, const model::Message &message);
std::optional<PublishRecord> decodePublish(RecordType type, QByteArrayView payload);

// What a queue needs of a message it keeps on disk, read without building the message.
struct PublishSummary {
    PublishTarget target;
    quint32 bodySize = 0;
    quint8 priority = 0;
    std::optional<qint64> messageTtl;   // from the expiration property
};
std::optional<PublishSummary> decodePublishSummary(RecordType type, QByteArrayView payload);

// Encoded in place: two of these are written for every persistent message consumed.
struct QueueMessageBytes {
    char data[16];
    operator QByteArrayView() const { return QByteArrayView(data, sizeof data); }
};
QueueMessageBytes encodeQueueMessage(const QueueMessage &record);
std::optional<QueueMessage> decodeQueueMessage(QByteArrayView payload);

} // namespace warren::store
