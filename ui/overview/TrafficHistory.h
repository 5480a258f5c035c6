// The broker's recent traffic for the overview charts: per-second rates of the broker-wide
// totals (through a RateTracker, like every table's rates) and the queued totals, kept for
// the last few minutes. Pure logic, no widgets.
#pragma once

#include "BrokerSnapshot.h"
#include "models/RateTracker.h"

#include <QDateTime>
#include <deque>

namespace warren::ui {

struct TrafficSample {
    QDateTime at;
    Rates rates;
    qint64 ready = 0;
    qint64 unacked = 0;
};

class TrafficHistory {
public:
    explicit TrafficHistory(int keepSeconds = 300) : keepSeconds_(keepSeconds) {}

    // Adds a sample; returns false (adding nothing) for the first snapshot, which has no
    // rate yet.
    bool add(const BrokerSnapshot &snapshot);
    void clear();
    const std::deque<TrafficSample> &samples() const { return samples_; }
    int keepSeconds() const { return keepSeconds_; }

private:
    int keepSeconds_;
    std::deque<TrafficSample> samples_;
    RateTracker rates_;
    bool seen_ = false;
};

} // namespace warren::ui
