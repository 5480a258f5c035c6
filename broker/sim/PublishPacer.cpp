#include "PublishPacer.h"

#include <cmath>

namespace warren::sim {

quint64 PublishPacer::dueAt(qint64 elapsedMs) const
{
    if (burst_)
        return quint64(count_);
    if (perSecond_ <= 0 || elapsedMs < 0)
        return 0;
    // Message k (from 0) is due at k / rate seconds.
    return quint64(std::floor(double(elapsedMs) * perSecond_ / 1000.0)) + 1;
}

qint64 PublishPacer::nextDueMs(quint64 sent) const
{
    if (burst_)
        return finished(sent) ? -1 : 0;
    if (perSecond_ <= 0)
        return -1;
    // The estimate may be a millisecond off either way (0.7/s: 21 / 0.7 is 30000.000000000004);
    // dueAt decides.
    qint64 next = qint64(std::ceil(double(sent) * 1000.0 / perSecond_));
    while (next > 0 && dueAt(next - 1) > sent)
        --next;
    while (dueAt(next) <= sent)
        ++next;
    return next;
}

} // namespace warren::sim
