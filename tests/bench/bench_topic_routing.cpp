// Topic routing decisions per second with many bindings, in process: a TopicExchange with
// N bindings spread over 100 queues, asked to route a stream of routing keys. Binding
// keys mix the shapes real systems use: exact keys, '*' in several places, and '#' as
// prefix, suffix and infix.
//   bench_topic_routing [bindings=10000] [seconds=3]
#include "model/TopicExchange.h"
#include "model/Queue.h"

#include <QElapsedTimer>
#include <QRandomGenerator>

#include <cstdio>
#include <cstdlib>
#include <memory>
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
    for (int i = 0; i < bindings; ++i)
        exchange.bind(Binding{{queues[std::size_t(i) % queues.size()].get(), nullptr}, bindingKey(rng, i), {}});

    std::vector<QByteArray> keys;
    for (int i = 0; i < 4096; ++i)
        keys.push_back(routingKey(rng));

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
