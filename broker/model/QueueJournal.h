// Lets the message store follow the persistent messages of durable queues: what a queue
// delivered (so that a restart marks it redelivered) and what left it for good (acked,
// rejected, expired, dropped, purged). Called only for messages the store holds.
#pragma once

#include "Message.h"

namespace warren::model {

class Queue;

class QueueJournal {
public:
    virtual ~QueueJournal() = default;
    virtual void delivered(const Queue &queue, const Message &message) = 0;
    virtual void removed(const Queue &queue, const Message &message) = 0;
    // The queue was deleted: nothing of it needs keeping.
    virtual void queueDeleted(const Queue &queue) = 0;
};

} // namespace warren::model
