// How many messages each exchange routed to one queue or exchange: the routing graph's exact
// edge counters. Bindings, an alternate exchange and dead-lettered copies all count; several
// bindings between the same two count as one edge, because the message reaches the
// destination once. Counted where routing decides, so a copy the queue then turns away (full
// under reject-publish, or a dead-letter cycle) counts here and in the queue's fates too. A destination is reached from a handful of
// exchanges, so a short list searched from the front costs a compare or two per message.
#pragma once

#include <QByteArray>

#include <cstdint>
#include <vector>

namespace warren::model {

class Exchange;

class RouteTally {
public:
    struct Edge {
        const Exchange *source;   // only compared, never followed: forget() drops a deleted one
        QByteArray sourceName;
        std::uint64_t routed;
    };

    void count(const Exchange *source, const QByteArray &sourceName)
    {
        for (Edge &e : edges_) {
            if (e.source == source) {
                ++e.routed;
                return;
            }
        }
        addEdge(source, sourceName);
    }
    // The exchange is being deleted: a new one could later have its address.
    void forget(const Exchange *source)
    {
        std::erase_if(edges_, [source](const Edge &e) { return e.source == source; });
    }
    const std::vector<Edge> &edges() const { return edges_; }

private:
    // Out of line: the first message along an edge is rare, and count() stays small enough
    // to inline into routing.
    void addEdge(const Exchange *source, const QByteArray &sourceName);

    std::vector<Edge> edges_;
};

} // namespace warren::model
