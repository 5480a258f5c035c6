// The message store's index: for every stored message, where its record is and which queues
// still hold it. Messages get increasing ids and mostly go in the order they came, so the
// index is a window of slots addressed by id, 16 bytes a message when one queue holds it
// (the common case), and a side table of holders otherwise: five million queued messages
// cost 80 MB here. Memory follows the *live* messages: when the window's front is mostly
// dead (an old message pinned while millions pass), its few live slots move to an ordered
// table of stragglers and the window shrinks.
#pragma once

#include <QHash>
#include <QList>
#include <QSet>

#include <deque>
#include <map>
#include <optional>

namespace warren::store {

class MessageIndex {
public:
    struct Location {
        quint32 segment = 0;
        quint32 offset = 0;
    };

    // Records a message (a later record of the same id, from compaction, replaces it).
    void add(quint64 id, Location at, const QList<quint64> &queues, const QList<quint64> &delivered, bool transient);
    bool contains(quint64 id) const { return slot(id) != nullptr; }
    bool holds(quint64 id, quint64 queue) const;
    Location location(quint64 id) const;
    QList<quint64> queues(quint64 id) const;      // in increasing order
    QList<quint64> delivered(quint64 id) const;   // in increasing order
    bool wasDelivered(quint64 id, quint64 queue) const;
    bool isTransient(quint64 id) const;
    void markDelivered(quint64 id, quint64 queue);
    // The queue is done with the message; returns the segment that thereby lost its last
    // live message, if any.
    std::optional<quint32> release(quint64 id, quint64 queue);

    qsizetype liveIn(quint32 segment) const { return live_.value(segment); }
    qsizetype writtenIn(quint32 segment) const { return written_.value(segment); }
    void forgetSegment(quint32 segment);
    qsizetype size() const { return size_; }
    // Slots allocated, live or not: what the index's memory follows.
    qsizetype capacity() const { return qsizetype(window_.size() + stragglers_.size()); }

    // Live messages in id (publish) order.
    template <class F> void forEach(F &&f) const
    {
        for (const auto &[id, s] : stragglers_)
            f(id);
        for (std::size_t i = 0; i < window_.size(); ++i) {
            if (window_[i].holders != Holders::None)
                f(first_ + i);
        }
    }

private:
    enum class Holders : quint8 { None, One, Several };
    struct Slot {
        quint32 segment = 0;
        quint32 offset = 0;
        quint32 queue = 0;      // the holding queue, when holders == One
        Holders holders = Holders::None;
        quint8 delivered = 0;   // by `queue`
        quint8 transient = 0;
    };
    struct SharedHolders {   // a message several queues hold (fanout: possibly very many)
        QSet<quint64> queues;
        QSet<quint64> delivered;
    };

    const Slot *slot(quint64 id) const;
    Slot *slot(quint64 id);
    Slot &newSlot(quint64 id);
    const SharedHolders &holdersOf(quint64 id) const;
    void forget(quint64 id, Slot &s);
    void shrinkWindow();

    std::deque<Slot> window_;
    quint64 first_ = 0;                    // id of window_.front(); every straggler's id is lower
    quint64 end_ = 0;                      // one past the highest id given a slot
    qsizetype windowLive_ = 0;
    std::map<quint64, Slot> stragglers_;   // live messages that outlived the window around them
    QHash<quint64, SharedHolders> shared_;
    QHash<quint32, qsizetype> live_;
    QHash<quint32, qsizetype> written_;
    qsizetype size_ = 0;
};

} // namespace warren::store
