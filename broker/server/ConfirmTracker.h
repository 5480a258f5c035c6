// Publisher confirms of one channel. Each publish gets the next sequence number; once its
// fate is known it is resolved as ack or nack, and drain() reports the resolved prefix as
// few frames as possible: a run of acks becomes one basic.ack with multiple set.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>

namespace warren::server {

class ConfirmTracker {
public:
    enum class Outcome : std::uint8_t { Pending, Ack, Nack };

    std::uint64_t publish();   // the new message's sequence number
    void resolve(std::uint64_t seq, Outcome outcome);
    bool hasResolved() const { return !states_.empty() && states_.front() != Outcome::Pending; }

    // send(deliveryTag, multiple, ack) for each confirm frame to send.
    void drain(const std::function<void(std::uint64_t, bool, bool)> &send);

private:
    std::deque<Outcome> states_;   // for sequence numbers base_, base_+1, ...
    std::uint64_t base_ = 1;
};

} // namespace warren::server
