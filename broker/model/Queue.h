// A queue: ready messages in arrival order, its consumers, and the count of messages out
// for acknowledgement. Pure state and dispatch policy: no sockets, no threads, no timers.
//
// Dispatch is round-robin over consumers that can take a message, starting after the one
// served last; a consumer that cannot (prefetch used up, socket backed up) is skipped and
// calls dispatch() again when it can. Requeued messages go back to their original place,
// found by their arrival sequence number, as RabbitMQ does.
#pragma once

#include "Consumer.h"
#include "QueueEntry.h"
#include "protocol/FieldValue.h"

#include <QByteArray>

#include <deque>
#include <optional>
#include <vector>

namespace warren::model {

struct QueueOptions {
    bool durable = false;
    bool autoDelete = false;
    std::uint64_t exclusiveOwner = 0;   // the owning connection's id; 0 when not exclusive
    amqp::FieldTable arguments;
};

// Running totals for the explorer's rates; they only ever grow.
struct QueueCounters {
    std::uint64_t published = 0;
    std::uint64_t delivered = 0;
    std::uint64_t redelivered = 0;
    std::uint64_t acked = 0;
};

class Queue {
public:
    Queue(std::uint64_t id, QByteArray name, QueueOptions options);
    Queue(const Queue &) = delete;
    Queue &operator=(const Queue &) = delete;

    std::uint64_t id() const { return id_; }
    const QByteArray &name() const { return name_; }
    const QueueOptions &options() const { return options_; }
    bool isDurable() const { return options_.durable; }
    bool isAutoDelete() const { return options_.autoDelete; }
    bool isExclusive() const { return options_.exclusiveOwner != 0; }
    std::uint64_t exclusiveOwner() const { return options_.exclusiveOwner; }

    qsizetype readyCount() const { return qsizetype(ready_.size()); }
    qsizetype unackedCount() const { return unacked_; }
    qint64 readyBytes() const { return readyBytes_; }
    qsizetype consumerCount() const { return qsizetype(consumers_.size()); }
    const std::vector<Consumer *> &consumers() const { return consumers_; }
    bool hasExclusiveConsumer() const { return exclusiveConsumer_; }
    // An auto-delete queue goes when its last consumer does, but only once it had one.
    bool hadConsumers() const { return hadConsumers_; }
    const QueueCounters &counters() const { return counters_; }

    // Adds a message and hands it to a consumer if one can take it.
    void enqueue(MessageRef message);
    // Delivers ready messages to consumers that can take them.
    void dispatch();
    // basic.get: the head message; counted as unacked unless noAck.
    std::optional<QueueEntry> fetch(bool noAck);

    // A delivered message was acknowledged (or dropped by reject/nack without requeue).
    void settle(const QueueEntry &entry);
    // A delivered message comes back, to its original place. Does not dispatch: the caller
    // may return many and then calls dispatch() once.
    void requeue(QueueEntry &&entry);
    // Removes all ready messages; returns how many.
    qsizetype purge();

    void addConsumer(Consumer *consumer);
    void removeConsumer(Consumer *consumer);

private:
    Consumer *nextConsumer();
    void take(const QueueEntry &entry);

    std::uint64_t id_;
    QByteArray name_;
    QueueOptions options_;

    std::deque<QueueEntry> ready_;
    std::uint64_t nextSeq_ = 1;
    qint64 readyBytes_ = 0;
    qsizetype unacked_ = 0;

    std::vector<Consumer *> consumers_;
    std::size_t nextConsumer_ = 0;   // where the round-robin scan starts
    bool exclusiveConsumer_ = false;
    bool hadConsumers_ = false;
    bool dispatching_ = false;       // guards against re-entry from a consumer's deliver()
    QueueCounters counters_;
};

} // namespace warren::model
