// Running totals of message traffic, for the explorer's rates: they only ever grow, and
// rates are differences between two snapshots. A channel keeps its own; when it closes,
// its totals are added to the broker's, so the broker-wide sums never go backwards.
#pragma once

#include <cstdint>

namespace warren::server {

struct MessageCounters {
    std::uint64_t published = 0;
    std::uint64_t delivered = 0;     // to consumers and by basic.get
    std::uint64_t redelivered = 0;   // of those, ones delivered before
    std::uint64_t acked = 0;

    MessageCounters &operator+=(const MessageCounters &o)
    {
        published += o.published;
        delivered += o.delivered;
        redelivered += o.redelivered;
        acked += o.acked;
        return *this;
    }
};

} // namespace warren::server
