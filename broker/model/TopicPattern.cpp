#include "TopicPattern.h"

#include "TopicTrie.h"

#include <deque>
#include <vector>

namespace warren::model {

namespace {

QByteArray joined(const std::vector<QByteArrayView> &words, std::size_t from, std::size_t to)
{
    QByteArray out;
    for (std::size_t k = from; k < to; ++k) {
        if (k > from)
            out += '.';
        out += words[k];
    }
    return out;
}

// The walk as a graph of states (pattern word i, key word j): a literal or '*' takes one key
// word and moves on; '#' takes one more key word and stays, or moves on taking nothing more.
// The pattern matches when (n, m) is reachable from (0, 0).
class PatternWalk {
public:
    PatternWalk(QByteArrayView pattern, QByteArrayView key)
        : p_(TopicTrie::splitWords(pattern)), k_(TopicTrie::splitWords(key)), n_(int(p_.size())), m_(int(k_.size())),
          from_(std::size_t((n_ + 1) * (m_ + 1)), kUnreached)
    {
    }

    TopicPatternMatch run()
    {
        explore();
        TopicPatternMatch result;
        result.matched = reached(n_, m_);
        const int end = result.matched ? index(n_, m_) : furthest_;
        result.steps = stepsTo(end);
        if (!result.matched)
            result.steps.append(failureAt(end / (m_ + 1), end % (m_ + 1)));
        return result;
    }

private:
    static constexpr int kUnreached = -2;
    static constexpr int kStart = -1;

    int index(int i, int j) const { return i * (m_ + 1) + j; }
    bool reached(int i, int j) const { return from_[std::size_t(index(i, j))] != kUnreached; }
    bool isHash(int i) const { return p_[std::size_t(i)] == "#"; }

    void explore()
    {
        std::deque<int> todo{0};
        from_[0] = kStart;
        furthest_ = 0;
        while (!todo.empty()) {
            const int s = todo.front();
            todo.pop_front();
            const int i = s / (m_ + 1), j = s % (m_ + 1);
            // Deepest into the key first, then into the pattern: where a failure is told.
            if (j > furthest_ % (m_ + 1) || (j == furthest_ % (m_ + 1) && i > furthest_ / (m_ + 1)))
                furthest_ = s;
            if (i == n_)
                continue;
            const auto go = [&](int ni, int nj) {
                if (!reached(ni, nj)) {
                    from_[std::size_t(index(ni, nj))] = s;
                    todo.push_back(index(ni, nj));
                }
            };
            const QByteArrayView word = p_[std::size_t(i)];
            if (isHash(i)) {
                go(i + 1, j);
                if (j < m_)
                    go(i, j + 1);
            } else if (j < m_ && (word == "*" || word == k_[std::size_t(j)])) {
                go(i + 1, j + 1);
            }
        }
    }

    // The pattern words along the path to state `end`, each with the key words it took.
    QList<observe::TopicStep> stepsTo(int end) const
    {
        std::vector<int> path;
        for (int s = end; s != kStart; s = from_[std::size_t(s)])
            path.push_back(s);
        QList<observe::TopicStep> steps;
        std::size_t hashFrom = 0;   // the key word an open '#' started taking at
        for (std::size_t at = path.size() - 1; at > 0; --at) {
            const int s = path[at], t = path[at - 1];
            const int i = s / (m_ + 1), j = s % (m_ + 1), ni = t / (m_ + 1);
            if (!isHash(i)) {
                steps.append({p_[std::size_t(i)].toByteArray(), k_[std::size_t(j)].toByteArray(), true});
                continue;
            }
            if (at == path.size() - 1 || path[at + 1] / (m_ + 1) != i)
                hashFrom = std::size_t(j);   // a '#' begins here
            if (ni != i)   // it ends, having taken the words since hashFrom
                steps.append({"#", joined(k_, hashFrom, std::size_t(j)), true});
        }
        return steps;
    }

    observe::TopicStep failureAt(int i, int j) const
    {
        if (i == n_)   // the pattern ended with key words left over
            return {QByteArray(), joined(k_, std::size_t(j), k_.size()), false};
        if (j == m_)   // the key ended before the pattern
            return {p_[std::size_t(i)].toByteArray(), QByteArray(), false};
        return {p_[std::size_t(i)].toByteArray(), k_[std::size_t(j)].toByteArray(), false};
    }

    std::vector<QByteArrayView> p_, k_;
    int n_, m_;
    std::vector<int> from_;   // the state each was first reached from
    int furthest_ = 0;
};

} // namespace

TopicPatternMatch matchTopicPattern(QByteArrayView pattern, QByteArrayView routingKey)
{
    return PatternWalk(pattern, routingKey).run();
}

} // namespace warren::model
