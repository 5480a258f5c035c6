// The queues one message is routed to, each once even when several bindings match it.
#pragma once

#include "Binding.h"
#include "observe/TraceEvent.h"

#include <QVarLengthArray>

#include <algorithm>

namespace warren::model {

class RouteSet {
public:
    void add(const Destination &d)
    {
        ++matches_;
        auto &list = d.queue ? queues_ : exchanges_;
        if (std::find(list.begin(), list.end(), d) == list.end())
            list.append(d);
    }
    const QVarLengthArray<Destination, 4> &queues() const { return queues_; }
    const QVarLengthArray<Destination, 4> &exchanges() const { return exchanges_; }
    bool isEmpty() const { return queues_.isEmpty(); }
    void clear() { queues_.clear(); exchanges_.clear(); matches_ = 0; }
    // Destinations offered so far, repeats included: whether one exchange matched anything.
    qsizetype matches() const { return matches_; }

private:
    // Linear de-duplication: a message reaches a handful of queues, rarely more.
    QVarLengthArray<Destination, 4> queues_;
    QVarLengthArray<Destination, 4> exchanges_;
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
