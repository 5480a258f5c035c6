#include "TrafficHistory.h"

namespace warren::ui {

namespace {
const RowKey kBroker{QStringLiteral("broker")};
} // namespace

bool TrafficHistory::add(const BrokerSnapshot &snapshot)
{
    rates_.update(snapshot.takenAt, {{kBroker, snapshot.traffic}});
    const bool first = !seen_;
    seen_ = true;
    if (first)
        return false;
    samples_.push_back(TrafficSample{snapshot.takenAt, rates_.rates(kBroker), snapshot.totalReady(),
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
    seen_ = false;
}

} // namespace warren::ui
