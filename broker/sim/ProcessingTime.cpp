#include "ProcessingTime.h"

#include <algorithm>

namespace warren::sim {

ProcessingTime::ProcessingTime(int minMs, int maxMs, quint32 seed)
    : minMs_(std::max(0, std::min(minMs, maxMs))), maxMs_(std::max({0, minMs, maxMs})), random_(seed)
{
}

int ProcessingTime::nextMs()
{
    return minMs_ == maxMs_ ? minMs_ : int(random_.bounded(minMs_, maxMs_ + 1));
}

} // namespace warren::sim
