#include "MessageIndex.h"

namespace warren::store {

const MessageIndex::Slot *MessageIndex::slot(quint64 id) const
{
    if (id < first_ || id - first_ >= slots_.size())
        return nullptr;
    const Slot &s = slots_[std::size_t(id - first_)];
    return s.refs > 0 ? &s : nullptr;
}

MessageIndex::Slot *MessageIndex::slot(quint64 id)
{
    return const_cast<Slot *>(std::as_const(*this).slot(id));
}

void MessageIndex::add(quint64 id, Location at, const QList<quint64> &queues, const QList<quint64> &delivered,
                       bool transient)
{
    if (queues.isEmpty())
        return;
    if (Slot *old = slot(id)) {   // a rewritten record replaces the older one
        --live_[old->segment];
        old->refs = 0;
        multi_.remove(id);
        --size_;
    }
    if (slots_.empty())
        first_ = id;
    if (id < first_) {
        slots_.insert(slots_.begin(), std::size_t(first_ - id), Slot{});
        first_ = id;
    }
    if (id - first_ >= slots_.size())
        slots_.resize(std::size_t(id - first_) + 1);
    Slot &s = slots_[std::size_t(id - first_)];
    s = Slot{at.segment, at.offset, quint32(queues.first()), quint16(queues.size()),
             quint8(delivered.contains(queues.first())), quint8(transient)};
    if (queues.size() > 1)
        multi_.insert(id, Holders{queues, delivered});
    ++live_[at.segment];
    ++written_[at.segment];
    ++size_;
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
    return multi_.contains(id) ? multi_.value(id).queues : QList<quint64>{s->queue};
}

QList<quint64> MessageIndex::delivered(quint64 id) const
{
    const Slot *s = slot(id);
    if (!s)
        return {};
    if (multi_.contains(id))
        return multi_.value(id).delivered;
    return s->delivered ? QList<quint64>{s->queue} : QList<quint64>{};
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
    if (auto it = multi_.find(id); it != multi_.end()) {
        if (!it->delivered.contains(queue))
            it->delivered.append(queue);
    } else if (s->queue == queue) {
        s->delivered = 1;
    }
}

std::optional<quint32> MessageIndex::release(quint64 id, quint64 queue)
{
    Slot *s = slot(id);
    if (!s)
        return std::nullopt;
    if (auto it = multi_.find(id); it != multi_.end()) {
        if (!it->queues.removeOne(queue))
            return std::nullopt;
        if (it->queues.size() == 1) {   // back to the compact form
            s->queue = quint32(it->queues.first());
            s->delivered = it->delivered.contains(it->queues.first());
            multi_.erase(it);
        }
    } else if (s->queue != queue) {
        return std::nullopt;
    }
    if (--s->refs > 0)
        return std::nullopt;
    --size_;
    const quint32 segment = s->segment;
    trimFront();
    return --live_[segment] == 0 ? std::optional(segment) : std::nullopt;
}

void MessageIndex::trimFront()
{
    while (!slots_.empty() && slots_.front().refs == 0) {
        slots_.pop_front();
        ++first_;
    }
}

void MessageIndex::forgetSegment(quint32 segment)
{
    live_.remove(segment);
    written_.remove(segment);
}

} // namespace warren::store
