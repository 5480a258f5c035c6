#include "TrafficHistory.h"

namespace warren::ui {

namespace {
const RowKey kBroker{QStringLiteral("broker")};

// As RateTracker does: a total that went down (a restart) gives no rate.
double perSecond(std::uint64_t before, std::uint64_t now, double seconds)
{
    return now >= before && seconds > 0 ? double(now - before) / seconds : 0.0;
}
} // namespace

bool TrafficHistory::add(const BrokerSnapshot &snapshot)
{
    rates_.update(snapshot.takenAt, {{kBroker, snapshot.traffic}});
    const bool first = !seen_;
    seen_ = true;
    const double seconds = first ? 0.0 : double(lastAt_.msecsTo(snapshot.takenAt)) / 1000.0;
    if (seconds > 0) {   // the same snapshot seen twice keeps the rates it had
        const FateTotals &was = lastFates_, &now = snapshot.fates;
        fateRates_ = FateRates{perSecond(was.returned, now.returned, seconds),
                               perSecond(was.unroutable, now.unroutable, seconds),
                               perSecond(was.deadLettered, now.deadLettered, seconds),
                               perSecond(was.expired, now.expired, seconds),
                               perSecond(was.overflowDropped, now.overflowDropped, seconds)};
    }
    lastFates_ = snapshot.fates;
    lastAt_ = snapshot.takenAt;
    if (first)
        return false;
    samples_.push_back(TrafficSample{snapshot.takenAt, rates_.rates(kBroker), fateRates_, snapshot.totalReady(),
                                     snapshot.totalUnacked()});
    const QDateTime oldest = snapshot.takenAt.addSecs(-keepSeconds_);
    while (!samples_.empty() && samples_.front().at < oldest)
        samples_.pop_front();
    return true;
}

void TrafficHistory::clear()
{
    samples_.clear();
    rates_.clear();
    lastFates_ = {};
    lastAt_ = {};
    fateRates_ = {};
    seen_ = false;
}

} // namespace warren::ui
