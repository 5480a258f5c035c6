#include "EventTap.h"

#include <QDateTime>

namespace warren::observe {

EventTap::EventTap(qsizetype capacity, TraceSampler sampler) : capacity_(capacity), sampler_(sampler) {}

void EventTap::setEnabled(bool on)
{
    if (on == enabled_)
        return;
    enabled_ = on;
    head_ = size_ = 0;
    untraced_ = lost_ = 0;
    if (on) {
        ring_.resize(std::size_t(capacity_));
        clock_.start();
        epochUs_ = QDateTime::currentMSecsSinceEpoch() * 1000;
    } else {
        std::vector<TraceEvent>().swap(ring_);   // its memory goes with the watcher
    }
}

void EventTap::record(TraceEvent &&event)
{
    if (size_ == capacity_) {
        ++lost_;
        return;
    }
    event.seq = nextSeq_++;
    event.timeUs = epochUs_ + clock_.nsecsElapsed() / 1000;
    ring_[std::size_t((head_ + size_) % capacity_)] = std::move(event);
    ++size_;
}

TraceBatch EventTap::takeBatch()
{
    TraceBatch batch;
    batch.events.reserve(size_);
    for (; size_ > 0; --size_, head_ = (head_ + 1) % capacity_)
        batch.events.append(std::exchange(ring_[std::size_t(head_)], TraceEvent()));
    batch.untraced = std::exchange(untraced_, 0);
    batch.lost = std::exchange(lost_, 0);
    batch.sampleEvery = sampler_.sampleEvery();
    return batch;
}

} // namespace warren::observe
