// A queue's ready messages: one FIFO per priority level (one level without x-max-priority),
// highest level first. A returned message goes back to its original place in its level,
// found by its arrival sequence number.
#pragma once

#include "QueueEntry.h"

#include <deque>
#include <vector>

namespace warren::model {

class ReadyMessages {
public:
    explicit ReadyMessages(int maxPriority = 0) : levels_(std::size_t(maxPriority) + 1) {}

    bool isEmpty() const { return size_ == 0; }
    qsizetype size() const { return size_; }
    qint64 bytes() const { return bytes_; }

    void push(QueueEntry &&entry);
    void putBack(QueueEntry &&entry);   // in sequence order within its level
    // The next message to deliver: the oldest of the highest non-empty level.
    const QueueEntry *head() const;
    // The newest message of the level last pushed to (for paging it out).
    QueueEntry *newest() { return levels_[lastLevel_].empty() ? nullptr : &levels_[lastLevel_].back(); }
    QueueEntry takeHead();
    // Removes expired heads of every level (TTL is checked at the head only, as RabbitMQ
    // does) and hands each to `dropped`.
    template <class F> void takeExpired(qint64 now, F &&dropped);
    qsizetype clear();
    // Newest first, lowest priority first; stops when f returns false.
    template <class F> void forEachNewestFirst(F &&f)
    {
        for (auto &level : levels_)
            for (auto it = level.rbegin(); it != level.rend(); ++it)
                if (!f(*it))
                    return;
    }
    template <class F> void forEach(F &&f) const
    {
        for (const auto &level : levels_)
            for (const QueueEntry &e : level)
                f(e);
    }

private:
    std::size_t levelIndex(const QueueEntry &entry) const;
    std::deque<QueueEntry> &levelOf(const QueueEntry &entry) { return levels_[levelIndex(entry)]; }
    void count(const QueueEntry &entry, int sign);

    std::vector<std::deque<QueueEntry>> levels_;
    qsizetype size_ = 0;
    qint64 bytes_ = 0;
    std::size_t lastLevel_ = 0;
};

template <class F> void ReadyMessages::takeExpired(qint64 now, F &&dropped)
{
    for (auto &level : levels_) {
        // Strictly past: a message with TTL 0 can still go to a consumer in the same instant.
        while (!level.empty() && level.front().expiresAt != 0 && level.front().expiresAt < now) {
            QueueEntry entry = std::move(level.front());
            level.pop_front();
            count(entry, -1);
            dropped(std::move(entry));
        }
    }
}

} // namespace warren::model
