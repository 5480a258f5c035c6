#include "RateTracker.h"

namespace warren::ui {

namespace {

// A total that went down (the counters restarted) gives no rate rather than a negative one.
double perSecond(quint64 before, quint64 now, double seconds)
{
    return now >= before ? double(now - before) / seconds : 0.0;
}

} // namespace

void RateTracker::update(const QDateTime &takenAt, const QHash<RowKey, TrafficTotals> &totals)
{
    const double seconds = lastAt_.isValid() && takenAt.isValid() ? double(lastAt_.msecsTo(takenAt)) / 1000.0 : 0.0;
    QHash<RowKey, Tracked> next;
    next.reserve(totals.size());
    for (auto it = totals.begin(); it != totals.end(); ++it) {
        Tracked row{it.value(), {}};
        const auto before = tracked_.constFind(it.key());
        if (before != tracked_.constEnd()) {
            // The same snapshot seen twice (no time passed) keeps the rates it had.
            row.rates = seconds > 0 ? between(before->totals, row.totals, seconds) : before->rates;
        }
        next.insert(it.key(), row);
    }
    tracked_ = std::move(next);
    lastAt_ = takenAt;
}

Rates RateTracker::between(const TrafficTotals &before, const TrafficTotals &now, double seconds)
{
    return Rates{perSecond(before.published, now.published, seconds),
                 perSecond(before.delivered, now.delivered, seconds), perSecond(before.acked, now.acked, seconds),
                 perSecond(before.redelivered, now.redelivered, seconds)};
}

Rates RateTracker::rates(const RowKey &key) const
{
    const auto it = tracked_.constFind(key);
    return it == tracked_.constEnd() ? Rates{} : it->rates;
}

void RateTracker::clear()
{
    tracked_.clear();
    lastAt_ = {};
}

} // namespace warren::ui
