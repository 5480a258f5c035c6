// One message's place in one queue. When the queue pages the message out to bound its
// memory, `message` is null and `pageId` names its record in the message store; what the
// queue needs while the message is on disk (size, priority) is kept here.
#pragma once

#include "Message.h"

namespace warren::model {

struct QueueEntry {
    MessageRef message;               // null while paged out
    std::uint64_t seq = 0;            // position in the queue's arrival order; requeues go back by it
    bool redelivered = false;
    qint64 expiresAt = 0;             // Clock ms after which it expires; 0: never
    std::uint32_t deliveryCount = 0;  // times returned to the queue (quorum x-delivery-count)
    std::uint64_t pageId = 0;         // the store record holding it while paged out
    std::uint32_t bodySize = 0;
    std::uint8_t priority = 0;

    static QueueEntry of(MessageRef message, std::uint64_t seq, qint64 expiresAt = 0, bool redelivered = false)
    {
        QueueEntry e;
        e.bodySize = std::uint32_t(message->bodySize());
        e.priority = message->priority;
        e.message = std::move(message);
        e.seq = seq;
        e.expiresAt = expiresAt;
        e.redelivered = redelivered;
        return e;
    }
    bool isPaged() const { return !message; }
};

} // namespace warren::model
