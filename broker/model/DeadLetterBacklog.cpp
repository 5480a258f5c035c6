#include "DeadLetterBacklog.h"

#include <QScopedValueRollback>

#include <iterator>

namespace warren::model {

void DeadLetterBacklog::add(std::vector<Letter> copies)
{
    Death death{std::move(copies), 0, {}};
    if (delivering_)
        waiting_.back().caused.push_back(std::move(death));   // after the copy being delivered
    else
        waiting_.push_back(std::move(death));
}

qsizetype DeadLetterBacklog::size() const
{
    qsizetype n = 0;
    forEach([&n](const Letter &) { ++n; });
    return n;
}

bool DeadLetterBacklog::deliver(const std::function<void(const Letter &)> &deliver)
{
    const QScopedValueRollback guard(delivering_, true);
    const qint64 started = clock_.nowMs();
    qsizetype delivered = 0;
    while (!waiting_.empty()) {
        Death &current = waiting_.back();
        if (current.next == current.copies.size()) {
            // Every copy delivered: what they caused comes next, the first of it on top.
            std::vector<Death> caused = std::move(current.caused);
            waiting_.pop_back();
            waiting_.insert(waiting_.end(), std::make_move_iterator(caused.rbegin()),
                            std::make_move_iterator(caused.rend()));
            continue;
        }
        if (delivered >= kMinimumPerTurn && clock_.nowMs() - started >= budgetMs_)
            return false;
        const Letter letter = std::move(current.copies[current.next++]);
        ++delivered;
        deliver(letter);   // may add to waiting_.back().caused, never to waiting_ itself
    }
    return true;
}

void DeadLetterBacklog::forEachIn(const std::vector<Death> &deaths, const std::function<void(const Letter &)> &f)
{
    for (const Death &d : deaths) {
        for (std::size_t i = d.next; i < d.copies.size(); ++i)
            f(d.copies[i]);
        forEachIn(d.caused, f);
    }
}

void DeadLetterBacklog::forEach(const std::function<void(const Letter &)> &f) const
{
    forEachIn(waiting_, f);
}

} // namespace warren::model
