#include "MessageIndex.h"

#include <algorithm>
#include <utility>

namespace warren::store {

namespace {

// The window keeps at least this many slots, and at least a quarter of them live.
constexpr std::size_t kMinWindow = 4096;
constexpr qsizetype kMinLivePerWindow = 4;

QList<quint64> sorted(const QSet<quint64> &ids)
{
    QList<quint64> out = ids.values();
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

const MessageIndex::Slot *MessageIndex::slot(quint64 id) const
{
    const Slot *s = nullptr;
    if (id >= first_) {
        if (id - first_ < window_.size())
            s = &window_[std::size_t(id - first_)];
    } else if (auto it = stragglers_.find(id); it != stragglers_.end()) {
        s = &it->second;
    }
    return s && s->holders != Holders::None ? s : nullptr;
}

MessageIndex::Slot *MessageIndex::slot(quint64 id)
{
    return const_cast<Slot *>(std::as_const(*this).slot(id));
}

// Only for a slot with Holders::Several: its entry exists. No copy of the sets.
const MessageIndex::SharedHolders &MessageIndex::holdersOf(quint64 id) const
{
    return *shared_.constFind(id);
}

MessageIndex::Slot &MessageIndex::newSlot(quint64 id)
{
    // A new message starts an empty window; an old one rewritten by compaction does not, or
    // the next new message would stretch the window over every id in between.
    if (window_.empty())
        first_ = std::max(id, end_);
    end_ = std::max(end_, id + 1);
    if (id < first_)   // older than the window (a compaction rewrite, replayed): a straggler
        return stragglers_[id];
    if (id - first_ >= window_.size())
        window_.resize(std::size_t(id - first_) + 1);
    ++windowLive_;
    return window_[std::size_t(id - first_)];
}

void MessageIndex::add(quint64 id, Location at, const QList<quint64> &queues, const QList<quint64> &delivered,
                       bool transient)
{
    if (queues.isEmpty())
        return;
    if (Slot *old = slot(id))   // a rewritten record replaces the older one
        forget(id, *old);
    Slot &s = newSlot(id);
    s = Slot{at.segment, at.offset, quint32(queues.first()), queues.size() > 1 ? Holders::Several : Holders::One,
             quint8(delivered.contains(queues.first())), quint8(transient)};
    if (s.holders == Holders::Several) {
        SharedHolders &h = shared_[id];
        h.queues = QSet<quint64>(queues.begin(), queues.end());
        for (quint64 q : delivered) {
            if (h.queues.contains(q))
                h.delivered.insert(q);
        }
    }
    ++live_[at.segment];
    ++written_[at.segment];
    ++size_;
}

// The slot no longer holds a message: counts follow, the containers shrink.
void MessageIndex::forget(quint64 id, Slot &s)
{
    s.holders = Holders::None;
    shared_.remove(id);
    --live_[s.segment];
    --size_;
    if (id < first_) {
        stragglers_.erase(id);
        return;
    }
    --windowLive_;
    shrinkWindow();
}

bool MessageIndex::holds(quint64 id, quint64 queue) const
{
    const Slot *s = slot(id);
    if (!s)
        return false;
    return s->holders == Holders::Several ? holdersOf(id).queues.contains(queue) : s->queue == queue;
}

MessageIndex::Location MessageIndex::location(quint64 id) const
{
    const Slot *s = slot(id);
    return s ? Location{s->segment, s->offset} : Location{};
}

QList<quint64> MessageIndex::queues(quint64 id) const
{
    const Slot *s = slot(id);
    if (!s)
        return {};
    return s->holders == Holders::Several ? sorted(holdersOf(id).queues) : QList<quint64>{s->queue};
}

QList<quint64> MessageIndex::delivered(quint64 id) const
{
    const Slot *s = slot(id);
    if (!s)
        return {};
    if (s->holders == Holders::Several)
        return sorted(holdersOf(id).delivered);
    return s->delivered ? QList<quint64>{s->queue} : QList<quint64>{};
}

bool MessageIndex::wasDelivered(quint64 id, quint64 queue) const
{
    const Slot *s = slot(id);
    if (!s)
        return false;
    return s->holders == Holders::Several ? holdersOf(id).delivered.contains(queue)
                                          : s->queue == queue && s->delivered;
}

bool MessageIndex::isTransient(quint64 id) const
{
    const Slot *s = slot(id);
    return s && s->transient;
}

void MessageIndex::markDelivered(quint64 id, quint64 queue)
{
    Slot *s = slot(id);
    if (!s)
        return;
    if (s->holders == Holders::Several) {
        SharedHolders &h = shared_[id];
        if (h.queues.contains(queue))
            h.delivered.insert(queue);
    } else if (s->queue == queue) {
        s->delivered = 1;
    }
}

std::optional<quint32> MessageIndex::release(quint64 id, quint64 queue)
{
    Slot *s = slot(id);
    if (!s)
        return std::nullopt;
    if (s->holders == Holders::Several) {
        auto it = shared_.find(id);
        if (!it->queues.remove(queue))
            return std::nullopt;
        it->delivered.remove(queue);
        if (it->queues.size() == 1) {   // back to the compact form
            s->queue = quint32(*it->queues.cbegin());
            s->delivered = it->delivered.contains(s->queue);
            s->holders = Holders::One;
            shared_.erase(it);
        }
        return std::nullopt;
    }
    if (s->queue != queue)
        return std::nullopt;
    const quint32 segment = s->segment;
    forget(id, *s);
    return live_.value(segment) == 0 ? std::optional(segment) : std::nullopt;
}

// Drops dead slots at the front; while the window is mostly dead, its front's live slots
// become stragglers, so that one old message does not keep millions of slots allocated.
void MessageIndex::shrinkWindow()
{
    while (!window_.empty()) {
        Slot &front = window_.front();
        const bool sparse = window_.size() > kMinWindow && windowLive_ * kMinLivePerWindow < qsizetype(window_.size());
        if (front.holders != Holders::None) {
            if (!sparse)
                return;
            stragglers_.emplace(first_, front);
            --windowLive_;
        }
        window_.pop_front();
        ++first_;
    }
}

void MessageIndex::forgetSegment(quint32 segment)
{
    live_.remove(segment);
    written_.remove(segment);
}

} // namespace warren::store
