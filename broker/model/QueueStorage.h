// What a queue asks of the message store: to follow the messages it holds on disk (persistent
// ones of durable queues, and any it paged out), and to page messages out and back in so
// that a long queue keeps only a bounded window of them in memory.
//
// Messages are named by their store record id (Message::storeId, QueueEntry::pageId); calls
// about a record the queue does not hold are ignored.
#pragma once

#include "Message.h"

#include <QList>

#include <functional>
#include <optional>

namespace warren::model {

class Queue;

// A persistent message coming back at start-up: what a queue needs to hold it while it stays
// on disk (size, priority, expiration), and its body on demand. A long queue keeps most of
// its messages paged out, so reading every body at start would be wasted.
struct RestoredMessage {
    std::uint64_t storeId = 0;
    std::uint32_t bodySize = 0;
    std::uint8_t priority = 0;
    std::optional<qint64> messageTtl;   // from the message's expiration property
    bool redelivered = false;
    std::function<MessageRef()> load;   // null when unreadable
};

class QueueStorage {
public:
    virtual ~QueueStorage() = default;
    // The queue delivered the message (so that a restart marks it redelivered).
    virtual void delivered(const Queue &queue, std::uint64_t storeId) = 0;
    // The queue is done with it: acked, rejected, expired, dropped or purged.
    virtual void removed(const Queue &queue, std::uint64_t storeId) = 0;
    virtual void queueDeleted(const Queue &queue) = 0;
    // Writes a message the virtual host routed itself (a dead-lettered copy) for the queues
    // that keep it on disk, and gives it its store id.
    virtual void keep(Message &message, const QList<quint64> &queueIds) = 0;

    // Puts the message on disk for this queue, if it is not there already; returns the record
    // id to page it back in with, 0 when it cannot.
    virtual std::uint64_t pageOut(const Queue &queue, const Message &message) = 0;
    virtual MessageRef pageIn(std::uint64_t storeId) = 0;
};

} // namespace warren::model
