// One message's place in one queue.
#pragma once

#include "Message.h"

namespace warren::model {

struct QueueEntry {
    MessageRef message;
    std::uint64_t seq = 0;    // position in the queue's arrival order; requeues go back by it
    bool redelivered = false;
    qint64 expiresAt = 0;             // Clock ms after which it expires; 0: never
    std::uint32_t deliveryCount = 0;  // times returned to the queue (quorum x-delivery-count)
};

} // namespace warren::model
