// Running totals the broker keeps of itself, for the explorer's rates and totals: they only
// ever grow, and rates are differences between two snapshots. Defined here, in the layer of
// plain values, so that the queues and channels that count and the snapshot that shows the
// counts share one type.
#pragma once

#include <cstdint>

namespace warren::observe {

// A message's way from publisher to consumer. Channels, queues and consumers keep their own;
// a closing channel's totals are added to the broker's, so broker-wide sums never go back.
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

// What happened to the messages that did not simply go from publisher to consumer, per
// virtual host (RabbitMQ shows the first two as "unroutable (return)" and "(drop)").
struct FateCounters {
    std::uint64_t returned = 0;         // unroutable, mandatory: sent back with basic.return
    std::uint64_t unroutable = 0;       // unroutable, not mandatory: dropped
    std::uint64_t deadLettered = 0;     // republished to a dead-letter exchange
    std::uint64_t expired = 0;          // their TTL passed in a queue
    std::uint64_t overflowDropped = 0;  // dropped or refused by x-max-length / x-max-length-bytes

    FateCounters &operator+=(const FateCounters &o)
    {
        returned += o.returned;
        unroutable += o.unroutable;
        deadLettered += o.deadLettered;
        expired += o.expired;
        overflowDropped += o.overflowDropped;
        return *this;
    }
};

} // namespace warren::observe
