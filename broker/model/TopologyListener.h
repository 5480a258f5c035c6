// What a virtual host tells whoever keeps its topology on disk: that durable exchanges,
// queues or bindings changed, and queue ids that stay the same across restarts.
#pragma once

#include <cstdint>

namespace warren::model {

class TopologyListener {
public:
    virtual ~TopologyListener() = default;
    virtual void durableTopologyChanged() = 0;
    // Ids for new queues, unique across virtual hosts and restarts.
    virtual std::uint64_t newQueueId() = 0;
};

} // namespace warren::model
