// The message store's index: for every stored message, where its record is and which queues
// still hold it. Messages get increasing ids, so the index is a deque addressed by id, 16
// bytes a message when one queue holds it (the common case) and a side table otherwise:
// five million queued messages cost 80 MB here.
#pragma once

#include <QHash>
#include <QList>

#include <deque>
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
    Location location(quint64 id) const;
    QList<quint64> queues(quint64 id) const;
    QList<quint64> delivered(quint64 id) const;
    bool isTransient(quint64 id) const;
    void markDelivered(quint64 id, quint64 queue);
    // The queue is done with the message; returns the segment that thereby lost its last
    // live message, if any.
    std::optional<quint32> release(quint64 id, quint64 queue);

    qsizetype liveIn(quint32 segment) const { return live_.value(segment); }
    qsizetype writtenIn(quint32 segment) const { return written_.value(segment); }
    void forgetSegment(quint32 segment);
    qsizetype size() const { return size_; }

    // Live messages in id (publish) order.
    template <class F> void forEach(F &&f) const
    {
        for (std::size_t i = 0; i < slots_.size(); ++i) {
            if (slots_[i].refs > 0)
                f(first_ + i);
        }
    }

private:
    struct Slot {
        quint32 segment = 0;
        quint32 offset = 0;
        quint32 queue = 0;      // the one holding queue, when refs == 1 and not in multi_
        quint16 refs = 0;       // queues still holding it; 0: gone
        quint8 delivered = 0;   // by `queue`
        quint8 transient = 0;
    };
    struct Holders {
        QList<quint64> queues;
        QList<quint64> delivered;
    };

    const Slot *slot(quint64 id) const;
    Slot *slot(quint64 id);
    void trimFront();

    std::deque<Slot> slots_;
    quint64 first_ = 0;              // id of slots_.front()
    QHash<quint64, Holders> multi_;  // messages held by several queues
    QHash<quint32, qsizetype> live_;
    QHash<quint32, qsizetype> written_;
    qsizetype size_ = 0;
};

} // namespace warren::store
