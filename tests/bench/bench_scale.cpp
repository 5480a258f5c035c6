// What one operation costs on the broker thread as the topology grows: a virtual host with
// N queues, each bound to a direct exchange by its own key, to a fanout exchange and to a
// topic exchange, in process (no sockets: the routing and queue work the broker does per
// message, without the codec). For each N it reports nanoseconds per binding made, per
// message routed by key to one of 64 busy queues among the N (the others only exist, as a
// client may make them), per message copy of a fanout to all N (which touches N queues:
// past the CPU's caches each copy pays for memory, whatever the algorithm), and
// per empty queue deleted (with its three bindings). Flat figures across N are the point: a cost
// that grows with N is a client-chosen size slowing everyone down.
// Every run checks what it measured: each message reached exactly the queues it should
// (exit 1 otherwise), so that the smoke run in ctest proves the tool works.
//   bench_scale [N ...]        default: 100 10000 50000
#include "model/Exchange.h"
#include "model/Queue.h"
#include "model/VHost.h"

#include <QElapsedTimer>

#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace warren::model;

namespace {

struct Figures {
    double bindNs = 0, directNs = 0, fanoutNs = 0, deleteNs = 0;
};

MessageRef message(const QByteArray &routingKey)
{
    MessageRef m(new Message);
    m->routingKey = routingKey;
    m->body = QByteArray(16, 'x');
    return m;
}

double nsPer(const QElapsedTimer &timer, qint64 operations)
{
    return double(timer.nsecsElapsed()) / double(qMax<qint64>(operations, 1));
}

// Routes and enqueues as the publishing channel does; returns the queues reached.
qsizetype publish(VHost &vhost, const Exchange &exchange, const QByteArray &key)
{
    RouteSet routes;
    RoutingInput input{key, nullptr, {}, {}};
    vhost.route(exchange, input, routes);
    const MessageRef m = message(key);
    for (const Destination &d : routes.queues())
        d.queue->enqueue(m);
    return routes.queues().size();
}

qsizetype readyInAll(const VHost &vhost)
{
    qsizetype ready = 0;
    for (const auto &q : vhost.queues())
        ready += q->readyCount();
    return ready;
}

bool fail(const char *what, qsizetype got, qsizetype expected)
{
    std::fprintf(stderr, "FAIL: %s: %lld, expected %lld\n", what, static_cast<long long>(got),
                 static_cast<long long>(expected));
    return false;
}

bool measure(int n, Figures &f)
{
    VHost vhost("/");
    Exchange *direct = vhost.addExchange(Exchange::create("scale.direct", "direct", {}));
    Exchange *fanout = vhost.addExchange(Exchange::create("scale.fanout", "fanout", {}));
    Exchange *topic = vhost.addExchange(Exchange::create("scale.topic", "topic", {}));
    std::vector<Queue *> queues;
    for (int i = 0; i < n; ++i)
        queues.push_back(vhost.addQueue("q" + QByteArray::number(i), QueueOptions{}));

    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < n; ++i) {
        const Destination to{queues[size_t(i)], nullptr};
        const QByteArray id = QByteArray::number(i);
        vhost.bind(*direct, Binding{to, "k" + id, {}});
        vhost.bind(*fanout, Binding{to, {}, {}});
        vhost.bind(*topic, Binding{to, "t." + id + ".#", {}});
    }
    f.bindNs = nsPer(timer, 3 * qint64(n));

    const qint64 byKey = 200'000;
    qsizetype reached = 0;
    timer.restart();
    const int busy = qMin(n, 64);
    for (qint64 m = 0; m < byKey; ++m)
        reached += publish(vhost, *direct, "k" + QByteArray::number(m % busy * (n / busy)));
    f.directNs = nsPer(timer, byKey);
    if (reached != byKey)
        return fail("messages routed by key reached", reached, byKey);

    const qint64 copies = 2'000'000;
    const qint64 fanned = qMax<qint64>(copies / n, 2);
    reached = 0;
    timer.restart();
    for (qint64 m = 0; m < fanned; ++m)
        reached += publish(vhost, *fanout, {});
    f.fanoutNs = nsPer(timer, reached);
    if (reached != fanned * n)
        return fail("fanout copies", reached, fanned * n);
    if (readyInAll(vhost) != byKey + fanned * n)
        return fail("messages in the queues", readyInAll(vhost), byKey + fanned * n);

    for (Queue *q : queues)
        q->purge();   // deleting a queue costs what it holds: here, only its bindings count
    timer.restart();
    for (Queue *q : queues)
        vhost.removeQueue(q);
    f.deleteNs = nsPer(timer, n);
    if (!direct->bindings().empty() || !fanout->bindings().empty() || !topic->bindings().empty())
        return fail("bindings left after deleting every queue",
                    qsizetype(direct->bindings().size() + fanout->bindings().size() + topic->bindings().size()), 0);
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<int> sizes;
    for (int i = 1; i < argc; ++i)
        sizes.push_back(std::atoi(argv[i]));
    if (sizes.empty())
        sizes = {100, 10'000, 50'000};
    for (const int n : sizes) {
        Figures f;
        if (n < 1 || !measure(n, f))
            return 1;
        std::printf("result queues=%d bind_ns=%.0f direct_ns_per_msg=%.0f fanout_ns_per_copy=%.1f "
                    "delete_ns_per_queue=%.0f\n",
                    n, f.bindNs, f.directNs, f.fanoutNs, f.deleteNs);
    }
    return 0;
}
