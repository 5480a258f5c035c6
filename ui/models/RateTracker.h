// Per-second message rates of snapshot rows (a queue, a connection, ...): the broker only
// keeps running totals, so a rate is the difference between two consecutive snapshots over
// the time between them. Rows are matched by their identity key; a key missing from a
// snapshot is forgotten, so a queue deleted and declared again starts from scratch. Pure
// logic, no Qt models, so it can be tested on its own.
#pragma once

#include "BrokerSnapshot.h"
#include "SnapshotTableModel.h"

#include <QDateTime>
#include <QHash>

namespace warren::ui {

struct Rates {
    double publish = 0;
    double deliver = 0;
    double ack = 0;
    double redeliver = 0;
};

class RateTracker {
public:
    // Takes the totals of every row of one snapshot, taken at `takenAt`.
    void update(const QDateTime &takenAt, const QHash<RowKey, TrafficTotals> &totals);
    // Zero for a key seen in one snapshot only, or not at all.
    Rates rates(const RowKey &key) const;
    qsizetype size() const { return tracked_.size(); }
    void clear();

private:
    struct Tracked {
        TrafficTotals totals;
        Rates rates;
    };
    static Rates between(const TrafficTotals &before, const TrafficTotals &now, double seconds);

    QDateTime lastAt_;
    QHash<RowKey, Tracked> tracked_;
};

} // namespace warren::ui
