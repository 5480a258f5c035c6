// What a queue needs to know of a consumer: whether it can take a message now, and where
// to hand it. The server's channel implements it; tests implement it without sockets.
#pragma once

#include "QueueEntry.h"

#include <QByteArray>

namespace warren::model {

class Queue;

class Consumer {
public:
    virtual ~Consumer() = default;

    virtual const QByteArray &tag() const = 0;
    virtual bool noAck() const = 0;
    virtual bool exclusive() const = 0;
    // basic.consume's x-priority: higher ones are served while they can take messages.
    virtual int priority() const { return 0; }
    // False while prefetch is used up, the channel is flow-stopped or the peer's socket is
    // backed up; the consumer calls Queue::dispatch() when that changes.
    virtual bool canTakeMessage() const = 0;
    virtual void deliver(Queue &queue, QueueEntry &&entry) = 0;
    // The queue is being deleted: the consumer is gone (basic.cancel to the client).
    virtual void queueDeleted(Queue &queue) = 0;
};

} // namespace warren::model
