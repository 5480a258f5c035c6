// What a simulated consumer does with a message once it has processed it, from its spec:
// the outcome it was given, its ack mode, and how many messages it has received. With
// automatic ack the broker settled the message when it delivered it, so there is nothing to
// acknowledge, reject or nack; crashing and hanging still happen (and lose what it holds).
#pragma once

#include "sim/SimulationTypes.h"

namespace warren::sim {

// Keep: processed, and left unacknowledged (the forgotten basic_ack).
enum class Settlement { None, Ack, RejectRequeue, NackDiscard, Keep, Crash, Hang };

// For the consumer's `nth` message (from 1).
Settlement settlementFor(const ConsumerSpec &spec, quint64 nth);

} // namespace warren::sim
