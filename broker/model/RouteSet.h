// The queues one message is routed to, each once even when several bindings match it.
#pragma once

#include "Binding.h"
#include "observe/TraceEvent.h"

#include <QVarLengthArray>

#include <algorithm>
#include <unordered_set>

namespace warren::model {

class RouteSet {
public:
    void add(const Destination &d)
    {
        ++matches_;
        if (isNew(d))
            (d.queue ? queues_ : exchanges_).append(d);
    }
    const QVarLengthArray<Destination, 4> &queues() const { return queues_; }
    const QVarLengthArray<Destination, 4> &exchanges() const { return exchanges_; }
    bool isEmpty() const { return queues_.isEmpty(); }
    void clear()
    {
        queues_.clear();
        exchanges_.clear();
        seen_.clear();
        matches_ = 0;
    }
    // Destinations offered so far, repeats included: whether one exchange matched anything.
    qsizetype matches() const { return matches_; }

private:
    // A message usually reaches a handful of destinations: a linear look, no allocation. Past
    // kLinear a hash takes over, so that a fanout to 50,000 queues costs 50,000 steps, not
    // 50,000 squared.
    static constexpr qsizetype kLinear = 16;
    bool isNew(const Destination &d)
    {
        if (seen_.empty()) {
            const auto &list = d.queue ? queues_ : exchanges_;
            if (std::find(list.begin(), list.end(), d) != list.end())
                return false;
            if (queues_.size() + exchanges_.size() < kLinear)
                return true;
            for (const Destination &known : queues_)
                seen_.insert(known.identity());
            for (const Destination &known : exchanges_)
                seen_.insert(known.identity());
        }
        return seen_.insert(d.identity()).second;
    }

    QVarLengthArray<Destination, 4> queues_;
    QVarLengthArray<Destination, 4> exchanges_;
    std::unordered_set<const void *> seen_;
    qsizetype matches_ = 0;
};

// For the event tap's account of a traced message: which exchange's binding took it to each
// queue it reached, and how the message had come to that exchange.
struct RouteStep {
    const Queue *queue;
    const Exchange *exchange;
    observe::Cause how;   // None: the exchange it was published to
};
using RouteTrail = QVarLengthArray<RouteStep, 4>;

} // namespace warren::model
