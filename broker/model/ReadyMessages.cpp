#include "ReadyMessages.h"

#include <algorithm>

namespace warren::model {

std::size_t ReadyMessages::levelIndex(const QueueEntry &entry) const
{
    // Priorities above the queue's maximum count as the maximum.
    return qMin<std::size_t>(entry.priority, levels_.size() - 1);
}

void ReadyMessages::count(const QueueEntry &entry, int sign)
{
    size_ += sign;
    bytes_ += sign * qint64(entry.bodySize);
}

void ReadyMessages::push(QueueEntry &&entry)
{
    count(entry, +1);
    lastLevel_ = levelIndex(entry);
    levels_[lastLevel_].push_back(std::move(entry));
}

void ReadyMessages::putBack(QueueEntry &&entry)
{
    count(entry, +1);
    auto &level = levelOf(entry);
    // Almost always at or near the front: it was delivered before everything still ready.
    auto at = std::upper_bound(level.begin(), level.end(), entry.seq,
                               [](std::uint64_t seq, const QueueEntry &e) { return seq < e.seq; });
    level.insert(at, std::move(entry));
}

const QueueEntry *ReadyMessages::head() const
{
    for (auto it = levels_.rbegin(); it != levels_.rend(); ++it) {
        if (!it->empty())
            return &it->front();
    }
    return nullptr;
}

QueueEntry ReadyMessages::takeHead()
{
    for (auto it = levels_.rbegin(); it != levels_.rend(); ++it) {
        if (!it->empty()) {
            QueueEntry entry = std::move(it->front());
            it->pop_front();
            count(entry, -1);
            return entry;
        }
    }
    Q_UNREACHABLE();
}

qsizetype ReadyMessages::clear()
{
    const qsizetype n = size_;
    for (auto &level : levels_)
        level.clear();
    size_ = 0;
    bytes_ = 0;
    return n;
}

} // namespace warren::model
