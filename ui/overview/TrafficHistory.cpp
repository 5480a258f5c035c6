#include "TrafficHistory.h"

namespace warren::ui {

namespace {

double perSecond(quint64 now, quint64 before, double seconds) { return double(now - before) / seconds; }

bool wentBack(const TrafficTotals &now, const TrafficTotals &before)
{
    return now.published < before.published || now.delivered < before.delivered || now.acked < before.acked
        || now.redelivered < before.redelivered;
}

} // namespace

bool TrafficHistory::add(const BrokerSnapshot &snapshot)
{
    const bool comparable = lastAt_.isValid() && snapshot.takenAt > lastAt_ && !wentBack(snapshot.traffic, last_);
    if (comparable) {
        const double seconds = double(lastAt_.msecsTo(snapshot.takenAt)) / 1000.0;
        const TrafficTotals &n = snapshot.traffic;
        samples_.push_back(TrafficSample{snapshot.takenAt, perSecond(n.published, last_.published, seconds),
                                         perSecond(n.delivered, last_.delivered, seconds),
                                         perSecond(n.acked, last_.acked, seconds),
                                         perSecond(n.redelivered, last_.redelivered, seconds),
                                         snapshot.totalReady(), snapshot.totalUnacked()});
        const QDateTime oldest = snapshot.takenAt.addSecs(-keepSeconds_);
        while (!samples_.empty() && samples_.front().at < oldest)
            samples_.pop_front();
    }
    lastAt_ = snapshot.takenAt;
    last_ = snapshot.traffic;
    return comparable;
}

void TrafficHistory::clear()
{
    samples_.clear();
    lastAt_ = {};
    last_ = {};
}

} // namespace warren::ui
