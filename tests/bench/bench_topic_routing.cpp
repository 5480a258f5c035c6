// Topic routing decisions per second with many bindings, in process: a TopicExchange with
// N bindings spread over 100 queues, asked to route a stream of routing keys. Binding
// keys mix the shapes real systems use: exact keys, '*' in several places, and '#' as
// prefix, suffix and infix.
// Before it measures, it checks that what it measures is right: the exchange's answer for 512
// of the keys and some of other lengths against a plain word-by-word matcher of every binding
// (exit 1 on a difference),
// so that its smoke run in ctest proves the tool works, not only that it runs.
//   bench_topic_routing [bindings=10000] [seconds=3]
#include "model/TopicExchange.h"
#include "model/Queue.h"

#include <QElapsedTimer>
#include <QRandomGenerator>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <set>
#include <vector>

using namespace warren::model;

namespace {

QByteArray word(QRandomGenerator &rng, int vocabulary)
{
    return "w" + QByteArray::number(rng.bounded(vocabulary));
}

QByteArray bindingKey(QRandomGenerator &rng, int i)
{
    const QByteArray region = "region" + QByteArray::number(i % 50);
    const QByteArray service = "svc" + QByteArray::number(i % 200);
    switch (i % 5) {
    case 0: return region + "." + service + "." + word(rng, 20);          // exact
    case 1: return region + ".*." + word(rng, 20);                         // star in the middle
    case 2: return "*." + service + ".*";                                  // stars around
    case 3: return region + "." + service + ".#";                          // hash suffix
    default: return "#." + word(rng, 20);                                  // hash prefix
    }
}

QByteArray routingKey(QRandomGenerator &rng)
{
    return "region" + QByteArray::number(rng.bounded(60)) + ".svc" + QByteArray::number(rng.bounded(220)) + "."
        + word(rng, 25);
}

// AMQP topic matching, the slow obvious way: '*' is one word, '#' zero or more.
bool matches(const QList<QByteArray> &pattern, qsizetype p, const QList<QByteArray> &key, qsizetype k)
{
    if (p == pattern.size())
        return k == key.size();
    if (pattern[p] == "#") {
        for (qsizetype skip = k; skip <= key.size(); ++skip) {
            if (matches(pattern, p + 1, key, skip))
                return true;
        }
        return false;
    }
    return k < key.size() && (pattern[p] == "*" || pattern[p] == key[k]) && matches(pattern, p + 1, key, k + 1);
}

// The queues (by index) each key should reach, against what the exchange routes it to.
bool routesRight(const TopicExchange &exchange, const std::vector<std::pair<QByteArray, int>> &bindings,
                 const std::vector<std::unique_ptr<Queue>> &queues, const std::vector<QByteArray> &keys)
{
    std::size_t reached = 0;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        std::set<int> expected, routed;
        const QList<QByteArray> words = keys[i].split('.');
        for (const auto &[pattern, queue] : bindings) {
            if (matches(pattern.split('.'), 0, words, 0))
                expected.insert(queue);
        }
        RouteSet out;
        exchange.route(RoutingInput{keys[i], nullptr, {}}, out);
        for (const Destination &d : out.queues())
            routed.insert(int(std::find_if(queues.begin(), queues.end(), [&](const auto &q) { return q.get() == d.queue; })
                              - queues.begin()));
        if (expected != routed) {
            std::fprintf(stderr, "FAIL: '%s' reaches %zu queues, %zu expected\n", keys[i].constData(), routed.size(),
                         expected.size());
            return false;
        }
        reached += routed.size();
    }
    if (reached == 0)
        std::fprintf(stderr, "FAIL: no key reaches a queue: the benchmark would measure nothing\n");
    return reached > 0;
}

} // namespace

int main(int argc, char **argv)
{
    const int bindings = argc > 1 ? std::atoi(argv[1]) : 10000;
    const double seconds = argc > 2 ? std::atof(argv[2]) : 3.0;
    QRandomGenerator rng(42);

    std::vector<std::unique_ptr<Queue>> queues;
    for (int q = 0; q < 100; ++q)
        queues.push_back(std::make_unique<Queue>(q + 1, "q" + QByteArray::number(q), QueueOptions{}));
    TopicExchange exchange("bench", ExchangeOptions{});
    std::vector<std::pair<QByteArray, int>> bound;
    for (int i = 0; i < bindings; ++i) {
        const int queue = i % int(queues.size());
        bound.emplace_back(bindingKey(rng, i), queue);
        exchange.bind(Binding{{queues[std::size_t(queue)].get(), nullptr}, bound.back().first, {}});
    }

    std::vector<QByteArray> keys;
    for (int i = 0; i < 4096; ++i)
        keys.push_back(routingKey(rng));

    // Checked: 512 of the measured keys, and keys of other lengths, where '#' matches no word
    // or several and '*' must not match a missing word.
    std::vector<QByteArray> checked(keys.begin(), keys.begin() + 512);
    for (int i = 0; i < 64; ++i) {
        const QByteArray key = routingKey(rng);
        checked.push_back(key.left(key.lastIndexOf('.')));     // two words
        checked.push_back(key + "." + word(rng, 25));        // four words
        checked.push_back(word(rng, 25));                     // one word
    }
    checked.push_back(QByteArray());
    if (!routesRight(exchange, bound, queues, checked))
        return 1;

    QElapsedTimer timer;
    timer.start();
    qint64 decisions = 0;
    qint64 matches = 0;
    while (timer.elapsed() < qint64(seconds * 1000)) {
        for (const QByteArray &key : keys) {
            RouteSet out;
            exchange.route(RoutingInput{key, nullptr, {}}, out);
            matches += out.queues().size();
        }
        decisions += qint64(keys.size());
    }
    const double elapsed = double(timer.nsecsElapsed()) / 1e9;
    std::printf("result bindings=%d decisions=%lld seconds=%.3f rate=%.0f avg_queues_matched=%.2f\n", bindings,
                static_cast<long long>(decisions), elapsed, double(decisions) / elapsed,
                double(matches) / double(decisions));
    return 0;
}
