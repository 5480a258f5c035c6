#include "Settlement.h"

namespace warren::sim {

Settlement settlementFor(const ConsumerSpec &spec, quint64 nth)
{
    const bool manual = spec.ackMode == AckMode::Manual;
    const Settlement done = manual ? Settlement::Ack : Settlement::None;
    const bool failing = nth >= quint64(qMax(1, spec.failAfter));
    switch (spec.outcome) {
    case Outcome::Ack:
        return done;
    case Outcome::RejectRequeue:
        return manual ? Settlement::RejectRequeue : Settlement::None;
    case Outcome::NackDiscard:
        return manual ? Settlement::NackDiscard : Settlement::None;
    case Outcome::Forget:
        return manual ? Settlement::Keep : Settlement::None;
    case Outcome::CrashBeforeAck:
        return failing ? Settlement::Crash : done;
    case Outcome::Hang:
        return failing ? Settlement::Hang : done;
    }
    return done;
}

} // namespace warren::sim
