// Where a queue sends the messages it lets go of without a consumer's ack: the virtual host,
// which counts them, tells its observer, and, when the queue has a dead-letter exchange,
// records the death in the message's headers and routes it on.
#pragma once

#include "Message.h"

namespace warren::model {

class Queue;

enum class DeathReason { Rejected, Expired, MaxLen, DeliveryLimit };

class DeadLetterSink {
public:
    virtual ~DeadLetterSink() = default;
    // The message left the queue for good: rejected by a consumer, expired, dropped from
    // the head to keep the queue within its length limit, or past its delivery limit.
    virtual void messageDied(Queue &from, const MessageRef &message, DeathReason reason) = 0;
    // The queue, full under x-overflow reject-publish(-dlx), turned a new message away.
    virtual void messageRefused(Queue &queue, const MessageRef &message) = 0;
};

} // namespace warren::model
