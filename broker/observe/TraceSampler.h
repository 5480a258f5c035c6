// Which published messages the event tap follows. Every message up to a budget per second
// (a learner's demo is traced whole), then one in `every` (a load test still shows its
// shape), so that tracing costs a bounded amount whatever the load. The window is advanced
// by the caller's clock, not read per message.
#pragma once

#include <cstdint>

namespace warren::observe {

class TraceSampler {
public:
    static constexpr std::uint64_t kDefaultBudget = 2000;   // messages a second
    static constexpr std::uint64_t kDefaultEvery = 1000;

    explicit TraceSampler(std::uint64_t budgetPerWindow = kDefaultBudget, std::uint64_t every = kDefaultEvery)
        : budget_(budgetPerWindow), every_(every ? every : 1) {}

    // A trace id for the next message, or 0 when it is not followed.
    std::uint64_t sample()
    {
        if (taken_ < budget_ || --untilNext_ == 0) {
            ++taken_;
            untilNext_ = every_;
            return nextId_++;
        }
        return 0;
    }
    // A trace id for a message the broker makes itself (a dead-lettered copy of a traced one).
    std::uint64_t newId() { return nextId_++; }
    // A new second: the budget is full again.
    void newWindow()
    {
        taken_ = 0;
        untilNext_ = every_;
    }
    // 1 while within the budget, `every` once past it.
    int sampleEvery() const { return taken_ < budget_ ? 1 : int(every_); }

private:
    std::uint64_t budget_;
    std::uint64_t every_;
    std::uint64_t taken_ = 0;
    std::uint64_t untilNext_ = every_;   // past the budget: messages until the next one traced
    std::uint64_t nextId_ = 1;
};

} // namespace warren::observe
