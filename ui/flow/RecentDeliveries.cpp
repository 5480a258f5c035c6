#include "RecentDeliveries.h"

#include "FlowGraph.h"

namespace warren::ui {

void RecentDeliveries::update(const BrokerSnapshot &snapshot)
{
    now_ = snapshot.takenAt;
    QHash<QString, Seen> next;
    next.reserve(snapshot.consumers.size());
    for (const ConsumerSnapshot &c : snapshot.consumers) {
        const QString key = FlowGraph::consumerKey(c);
        const auto known = seen_.constFind(key);
        // A consumer seen for the first time got its messages before we looked: not
        // recent, unless the next snapshot shows more.
        if (known == seen_.cend()) {
            next.insert(key, Seen{c.traffic.delivered, {}});
            continue;
        }
        Seen seen = *known;
        if (c.traffic.delivered > seen.delivered) {
            seen.delivered = c.traffic.delivered;
            seen.grewAt = now_;
        }
        next.insert(key, seen);
    }
    seen_ = std::move(next);
}

bool RecentDeliveries::isRecent(const QString &consumerKey) const
{
    const auto it = seen_.constFind(consumerKey);
    return it != seen_.cend() && !it->grewAt.isNull() && it->grewAt.msecsTo(now_) <= kRecentMs;
}

} // namespace warren::ui
