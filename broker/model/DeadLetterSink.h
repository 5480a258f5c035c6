// Where a queue sends the messages it drops when it has a dead-letter exchange: the virtual
// host, which records the death in the message's headers and routes it on.
#pragma once

#include "Message.h"

namespace warren::model {

class Queue;

enum class DeathReason { Rejected, Expired, MaxLen, DeliveryLimit };

class DeadLetterSink {
public:
    virtual ~DeadLetterSink() = default;
    virtual void deadLetter(const Queue &from, const MessageRef &message, DeathReason reason) = 0;
};

} // namespace warren::model
