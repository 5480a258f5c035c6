// One message's place in one queue.
#pragma once

#include "Message.h"

namespace warren::model {

struct QueueEntry {
    MessageRef message;
    std::uint64_t seq = 0;    // position in the queue's arrival order; requeues go back by it
    bool redelivered = false;
};

} // namespace warren::model
