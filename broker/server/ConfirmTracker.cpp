#include "ConfirmTracker.h"

#include <QtGlobal>

namespace warren::server {

std::uint64_t ConfirmTracker::publish()
{
    states_.push_back(Outcome::Pending);
    return base_ + states_.size() - 1;
}

void ConfirmTracker::resolve(std::uint64_t seq, Outcome outcome)
{
    Q_ASSERT(seq >= base_ && seq < base_ + states_.size());
    states_[seq - base_] = outcome;
}

void ConfirmTracker::drain(const std::function<void(std::uint64_t, bool, bool)> &send)
{
    while (hasResolved()) {
        const Outcome outcome = states_.front();
        std::size_t run = 0;
        while (run < states_.size() && states_[run] == outcome)
            ++run;
        const std::uint64_t last = base_ + run - 1;
        send(last, run > 1, outcome == Outcome::Ack);
        states_.erase(states_.begin(), states_.begin() + std::ptrdiff_t(run));
        base_ = last + 1;
    }
}

} // namespace warren::server
