#include "UnackedDeliveries.h"

#include <algorithm>

namespace warren::server {

void UnackedDeliveries::add(UnackedDelivery delivery)
{
    Q_ASSERT(list_.empty() || list_.back().tag < delivery.tag);
    list_.push_back(std::move(delivery));
    ++live_;
}

bool UnackedDeliveries::take(std::uint64_t tag, bool multiple, std::vector<UnackedDelivery> &out)
{
    if (multiple && tag == 0) {
        for (UnackedDelivery &d : takeAll())
            out.push_back(std::move(d));
        return true;
    }
    auto it = std::lower_bound(list_.begin(), list_.end(), tag,
                               [](const UnackedDelivery &d, std::uint64_t t) { return d.tag < t; });
    if (it == list_.end() || it->tag != tag || it->settled)
        return false;
    auto first = multiple ? list_.begin() : it;
    for (auto at = first; at != it + 1; ++at) {
        if (!at->settled) {
            at->settled = true;
            --live_;
            out.push_back(std::move(*at));
        }
    }
    trimFront();
    return true;
}

std::vector<UnackedDelivery> UnackedDeliveries::takeAll()
{
    std::vector<UnackedDelivery> all;
    all.reserve(size_t(live_));
    for (UnackedDelivery &d : list_) {
        if (!d.settled)
            all.push_back(std::move(d));
    }
    list_.clear();
    live_ = 0;
    return all;
}

void UnackedDeliveries::restore(std::vector<UnackedDelivery> &&deliveries)
{
    for (UnackedDelivery &d : deliveries) {
        d.settled = false;
        auto at = std::lower_bound(list_.begin(), list_.end(), d.tag,
                                   [](const UnackedDelivery &e, std::uint64_t t) { return e.tag < t; });
        list_.insert(at, std::move(d));
        ++live_;
    }
}

void UnackedDeliveries::trimFront()
{
    while (!list_.empty() && list_.front().settled)
        list_.pop_front();
}

} // namespace warren::server
