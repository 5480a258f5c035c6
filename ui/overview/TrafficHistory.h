// The broker's recent traffic for the overview charts: from each snapshot's running totals
// it derives per-second rates (the difference to the previous snapshot over the time
// between them) and keeps the last few minutes of samples. Pure logic, no widgets.
#pragma once

#include "BrokerSnapshot.h"

#include <QDateTime>
#include <deque>

namespace warren::ui {

struct TrafficSample {
    QDateTime at;
    double publishRate = 0;
    double deliverRate = 0;
    double ackRate = 0;
    double redeliverRate = 0;
    qint64 ready = 0;
    qint64 unacked = 0;
};

class TrafficHistory {
public:
    explicit TrafficHistory(int keepSeconds = 300) : keepSeconds_(keepSeconds) {}

    // Adds a sample; returns false (adding nothing) for the first snapshot, for one no
    // later than the previous, or after a restart reset the totals.
    bool add(const BrokerSnapshot &snapshot);
    void clear();
    const std::deque<TrafficSample> &samples() const { return samples_; }
    int keepSeconds() const { return keepSeconds_; }

private:
    int keepSeconds_;
    std::deque<TrafficSample> samples_;
    QDateTime lastAt_;
    TrafficTotals last_;
};

} // namespace warren::ui
