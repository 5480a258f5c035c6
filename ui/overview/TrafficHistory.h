// The broker's recent traffic for the overview charts: per-second rates of the broker-wide
// totals (through a RateTracker, like every table's rates), of the messages that did not
// simply go from publisher to consumer (returned, dropped, dead-lettered, expired) and the
// queued totals, kept for the last few minutes. Pure logic, no widgets.
#pragma once

#include "BrokerSnapshot.h"
#include "models/RateTracker.h"

#include <QDateTime>
#include <deque>

namespace warren::ui {

// Per second, from the broker's FateTotals.
struct FateRates {
    double returned = 0;
    double unroutable = 0;
    double deadLettered = 0;
    double expired = 0;
    double overflowDropped = 0;
};

struct TrafficSample {
    QDateTime at;
    Rates rates;
    FateRates fates;
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
    FateTotals lastFates_;
    QDateTime lastAt_;
    FateRates fateRates_;
    bool seen_ = false;
};

} // namespace warren::ui
