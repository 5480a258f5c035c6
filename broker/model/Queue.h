// A queue: ready messages, its consumers, the count of messages out for acknowledgement,
// and the policies its arguments ask for (TTL, length limits, dead-lettering, priorities,
// single active consumer, delivery limits). Pure state and dispatch policy: no sockets,
// no threads, no timers; time comes from a Clock, and the broker calls expire() on a tick.
//
// Dispatch is round-robin over the consumers that can take a message, starting after the
// one served last; among consumers with x-priority the highest that can take one wins. A
// consumer that cannot take (prefetch used up, socket backed up) is skipped and calls
// dispatch() again when it can. Returned messages go back to their original place.
//
// Step mode: a paused queue keeps its messages ready and delivers nothing until step() lets
// exactly one go to the consumer the round-robin picks, or resume(). Time goes on while
// paused (messages expire), and basic.get still answers: the pause holds back pushes only.
#pragma once

#include "Clock.h"
#include "Consumer.h"
#include "DeadLetterSink.h"
#include "QueueEntry.h"
#include "QueueStorage.h"
#include "QueuePolicy.h"
#include "ReadyMessages.h"
#include "RouteTally.h"
#include "observe/MessageCounters.h"
#include "protocol/FieldValue.h"

#include <QByteArray>

#include <functional>
#include <optional>
#include <vector>

namespace warren::model {

struct QueueOptions {
    bool durable = false;
    bool autoDelete = false;
    std::uint64_t exclusiveOwner = 0;   // the owning connection's id; 0 when not exclusive
    amqp::FieldTable arguments;
    QueuePolicy policy;                 // parsed from arguments
};

class Queue {
public:
    Queue(std::uint64_t id, QByteArray name, QueueOptions options, const Clock &clock = Clock::steady(),
          DeadLetterSink *deadLetters = nullptr, QueueStorage *storage = nullptr);
    Queue(const Queue &) = delete;
    Queue &operator=(const Queue &) = delete;

    std::uint64_t id() const { return id_; }
    const QByteArray &name() const { return name_; }
    const QueueOptions &options() const { return options_; }
    const QueuePolicy &policy() const { return options_.policy; }
    bool isDurable() const { return options_.durable; }
    bool isAutoDelete() const { return options_.autoDelete; }
    bool isExclusive() const { return options_.exclusiveOwner != 0; }
    std::uint64_t exclusiveOwner() const { return options_.exclusiveOwner; }
    // Whether its copy of `message` goes to the message store: a persistent message in a
    // durable queue; a quorum queue keeps every message.
    bool keepsOnDisk(const Message &message) const
    {
        return isDurable() && (message.isPersistent() || policy().type == QueueType::Quorum);
    }

    qsizetype readyCount() const { return ready_.size(); }
    // The store records of the ready messages (a paged-in copy may hold two).
    void forEachReadyStoreId(const std::function<void(std::uint64_t)> &f) const;
    qsizetype unackedCount() const { return unacked_; }
    qint64 readyBytes() const { return ready_.bytes(); }
    qsizetype consumerCount() const { return qsizetype(consumers_.size()); }
    const std::vector<Consumer *> &consumers() const { return consumers_; }
    bool hasExclusiveConsumer() const { return exclusiveConsumer_; }
    // An auto-delete queue goes when its last consumer does, but only once it had one.
    bool hadConsumers() const { return hadConsumers_; }
    const observe::MessageCounters &counters() const { return counters_; }
    // Where this queue's messages came from (the routing graph's edges into it).
    RouteTally &routedIn() { return routedIn_; }
    const RouteTally &routedIn() const { return routedIn_; }
    // Messages this queue sent to its dead-letter exchange.
    std::uint64_t deadLettered() const { return deadLettered_; }
    void countDeadLettered() { ++deadLettered_; }

    enum class EnqueueResult { Enqueued, Rejected };
    // Adds a message (Rejected: x-overflow reject-publish and the queue is full) and hands
    // it to a consumer if one can take it.
    EnqueueResult enqueue(MessageRef message, std::optional<qint64> messageTtl = std::nullopt);
    // A message recovered from the store, in its original order, without dispatching.
    void restore(const RestoredMessage &restored);

    // How much of its ready messages a queue keeps in memory before paging the newest to
    // disk, in bytes: a backlog of a hundred thousand 1 KiB messages stays in memory, as it
    // would in RabbitMQ, and under memory pressure the broker narrows the window.
    static constexpr qint64 kPagingWindowBytes = qint64(192) << 20;
    // A restart reads back at most this much of a queue (or its window, if smaller): the rest
    // comes in from the store as the head reaches it, so a restart costs little memory and
    // time however long the queue is.
    static constexpr qint64 kRestoreWindowBytes = qint64(4) << 20;
    // What a ready message is taken to cost in memory: its body and properties, and a
    // fixed allowance for its bookkeeping (entry, message object, allocator), so that a
    // backlog of tiny messages is bounded too.
    static constexpr qint64 kMessageOverheadBytes = 256;
    static qint64 memoryCost(const Message &message);
    // Memory is tight (or no longer): keep at most `bytes` of messages in memory from now on.
    void setPagingWindow(qint64 bytes);
    qsizetype messagesInMemory() const { return inMemory_; }
    qint64 bytesInMemory() const { return inMemoryBytes_; }
    // Delivers ready messages to consumers that can take them.
    void dispatch();

    // Step mode (see above).
    void pause() { paused_ = true; }
    void resume();
    bool isPaused() const { return paused_; }
    // Paused: delivers the head message to the next consumer that can take it; false when
    // there is no message or no consumer able to take one now.
    bool step();
    // Where the head message stands in the order messages arrived, across every queue that
    // shares this queue's arrival counter (a virtual host's); nullopt when none is ready.
    std::optional<std::uint64_t> headArrival() const;
    // Arrival numbers come from `counter` from now on (the virtual host's, shared by its queues).
    void shareArrivalCounter(std::uint64_t *counter) { arrivals_ = counter; }
    // basic.get: the head message; counted as unacked unless noAck.
    std::optional<QueueEntry> fetch(bool noAck);

    // A delivered message was acknowledged.
    void settle(const QueueEntry &entry);
    // A delivered message was refused without requeue: dead-lettered as "rejected".
    void reject(QueueEntry &&entry);
    // A delivered message comes back, to its original place (or, past a quorum queue's
    // delivery limit, is dropped). Does not dispatch: the caller may return many and then
    // calls dispatch() once.
    void requeue(QueueEntry &&entry);
    // Removes all ready messages; returns how many.
    qsizetype purge();

    void addConsumer(Consumer *consumer);
    // Does not dispatch: the caller first returns what the consumer held (a single active
    // consumer's successor must see those messages first), then calls dispatch().
    void removeConsumer(Consumer *consumer);

    // Time: drops messages whose TTL passed; whether x-expires says the queue should go
    // (unused: no consumers, no basic.get and no declare for that long).
    void expire();
    bool isUnusedTooLong() const;
    void markUsed() { lastUsed_ = clock_.nowMs(); }
    // Whether expire() and isUnusedTooLong() have anything to watch.
    bool hasTimers() const;

private:
    Consumer *nextConsumer();
    void expireUntil(qint64 now);   // drops what expired before `now`
    void dispatchAt(qint64 now);    // dispatch() with the expiry check at `now`
    void take(const QueueEntry &entry);
    qint64 expiryFor(std::optional<qint64> messageTtl) const;
    bool isOverLimit(qsizetype extraMessages, qint64 extraBytes) const;
    void enforceLength();
    void journalDelivered(const QueueEntry &entry);
    void journalRemoved(const QueueEntry &entry);
    // Gone for good: dead-lettered when the policy says so, and forgotten by the store.
    void drop(QueueEntry &entry, DeathReason reason);
    // Paging: the newest in-memory message goes to disk while more than the window are
    // in memory; a paged message comes back when it reaches the head.
    void pageOutNewest();
    void pageOut(QueueEntry &entry);
    std::optional<QueueEntry> takeHead();   // nullopt when nothing readable is left
    void countInMemory(const Message &message);
    void uncountInMemory(const Message &message);
    bool pageIn(QueueEntry &entry);
    void discardUnreadable(const QueueEntry &entry);

    std::uint64_t id_;
    QByteArray name_;
    QueueOptions options_;
    const Clock &clock_;
    DeadLetterSink *deadLetters_;
    QueueStorage *storage_;

    ReadyMessages ready_;
    std::uint64_t ownArrivals_ = 1;
    std::uint64_t *arrivals_ = &ownArrivals_;   // the next message's sequence number
    qsizetype unacked_ = 0;
    bool messagesMayExpire_ = false;   // a message came with its own TTL
    qsizetype inMemory_ = 0;           // ready messages not paged out
    qint64 inMemoryBytes_ = 0;         // their memoryCost()
    qint64 pagingWindow_ = kPagingWindowBytes;
    qint64 lastUsed_;

    std::vector<Consumer *> consumers_;
    std::size_t nextConsumer_ = 0;   // where the round-robin scan starts
    bool consumerPriorities_ = false;
    bool exclusiveConsumer_ = false;
    bool hadConsumers_ = false;
    bool dispatching_ = false;       // guards against re-entry from a consumer's deliver()
    bool paused_ = false;
    int stepsAllowed_ = 0;           // deliveries a paused queue may still make
    observe::MessageCounters counters_;   // published = enqueued here
    RouteTally routedIn_;
    std::uint64_t deadLettered_ = 0;
};

} // namespace warren::model
