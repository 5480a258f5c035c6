// A channel's deliveries awaiting basic.ack / nack / reject, ordered by delivery tag.
// Acks usually come in order, so settling is a pop from the front; an ack out of order
// marks its entry and the front is trimmed once everything before it is settled.
#pragma once

#include "model/QueueEntry.h"

#include <deque>
#include <vector>

namespace warren::server {

struct UnackedDelivery {
    std::uint64_t tag = 0;
    std::uint64_t queueId = 0;
    std::uint32_t consumerId = 0;   // 0 for basic.get
    model::QueueEntry entry;
    bool settled = false;
};

class UnackedDeliveries {
public:
    void add(UnackedDelivery delivery);
    qsizetype size() const { return live_; }
    bool isEmpty() const { return live_ == 0; }
    // The oldest delivery still outstanding (the front is never a settled one), 0: none.
    std::uint64_t oldestTag() const { return list_.empty() ? 0 : list_.front().tag; }

    // The deliveries an ack / nack / reject names, removed from the ledger; false when the
    // tag is not outstanding (RabbitMQ: "unknown delivery tag"), nothing removed then.
    // With multiple, tag 0 means all outstanding deliveries.
    bool take(std::uint64_t tag, bool multiple, std::vector<UnackedDelivery> &out);
    // Everything outstanding, in tag order (channel close, basic.recover).
    std::vector<UnackedDelivery> takeAll();
    // Puts taken deliveries back (tx.rollback), each at its tag's place.
    void restore(std::vector<UnackedDelivery> &&deliveries);

private:
    void trimFront();

    std::deque<UnackedDelivery> list_;
    qsizetype live_ = 0;
};

} // namespace warren::server
