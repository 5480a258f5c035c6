#include "FlowGraph.h"

#include "FlowText.h"
#include "RecentDeliveries.h"

#include <QSet>

#include <algorithm>
#include <numeric>

namespace warren::ui {

namespace {

// The exchanges every virtual host has: drawn only when something uses them.
bool isBuiltIn(const FlowNode &node)
{
    return node.kind == FlowNodeKind::Exchange
        && (node.name.isEmpty() || node.name.startsWith(QLatin1String("amq.")));
}

QString routeKey(const QString &source, const QString &destination, bool toExchange)
{
    return source + QLatin1Char('\n') + destination + (toExchange ? QLatin1String("\nx") : QLatin1String("\nq"));
}

} // namespace

QString FlowGraph::producerId(const QString &connectionName) { return QStringLiteral("producer:") + connectionName; }
QString FlowGraph::exchangeId(const QString &exchange) { return QStringLiteral("exchange:") + exchange; }
QString FlowGraph::queueId(const QString &queue) { return QStringLiteral("queue:") + queue; }

QString FlowGraph::consumerId(const QString &connectionName, const QString &tag)
{
    return QStringLiteral("consumer:") + connectionName + QLatin1Char('/') + tag;
}

QString FlowGraph::consumerKey(const ConsumerSnapshot &consumer)
{
    return consumer.vhost + QLatin1Char('\n') + QString::number(consumer.connectionId) + QLatin1Char('\n')
        + QString::number(consumer.channel) + QLatin1Char('\n') + consumer.tag;
}

FlowGraph FlowGraph::build(const BrokerSnapshot &snapshot, const QString &vhost, const Options &options,
                           const RecentDeliveries *recent)
{
    FlowGraph graph;
    graph.addExchanges(snapshot, vhost);
    graph.addQueues(snapshot, vhost);
    graph.addPublishers(snapshot, vhost);
    graph.addBindings(snapshot, vhost);
    graph.addConsumers(snapshot, vhost, recent);
    graph.dropUnusedBuiltIns();
    graph.measureActivity();
    if (options.onlyTraffic)
        graph.keepTraffic();
    graph.applyCap(options.nodeCap);
    return graph;
}

const FlowNode *FlowGraph::node(const QString &id) const
{
    const auto it = nodeIndex_.constFind(id);
    return it == nodeIndex_.cend() ? nullptr : &nodes_[*it];
}

const FlowEdge *FlowGraph::edge(const QString &from, const QString &to, FlowEdgeKind kind) const
{
    const auto it = edgeIndex_.constFind(FlowEdgeKey{from, to, kind});
    return it == edgeIndex_.cend() ? nullptr : &edges_[*it];
}

QString FlowGraph::structure() const
{
    QStringList parts;
    parts.reserve(nodes_.size() + edges_.size());
    for (const FlowNode &n : nodes_)
        parts.append(n.id);
    for (const FlowEdge &e : edges_)
        parts.append(e.from + QLatin1Char('\n') + e.to + QLatin1Char('\n') + QString::number(int(e.kind))
                     + QLatin1Char('\n') + e.labels.join(QLatin1Char('\t')));
    parts.sort();   // the snapshot's order is not structure
    return parts.join(QLatin1Char('\f'));
}

void FlowGraph::addNode(FlowNode node)
{
    if (nodeIndex_.contains(node.id))
        return;
    nodeIndex_.insert(node.id, int(nodes_.size()));
    nodes_.append(std::move(node));
}

void FlowGraph::addEdge(FlowEdge edge)
{
    edge.labels.removeAll(QString());   // fanout bindings have none
    const FlowEdgeKey key = edge.key();
    if (const auto it = edgeIndex_.constFind(key); it != edgeIndex_.cend()) {
        FlowEdge &existing = edges_[*it];
        for (const QString &label : std::as_const(edge.labels)) {
            if (!existing.labels.contains(label))
                existing.labels.append(label);
        }
        existing.count += edge.count;
        return;
    }
    edgeIndex_.insert(key, int(edges_.size()));
    edges_.append(std::move(edge));
}

void FlowGraph::addExchanges(const BrokerSnapshot &snapshot, const QString &vhost)
{
    for (const ExchangeSnapshot &x : snapshot.exchanges) {
        if (x.vhost != vhost)
            continue;
        FlowNode node;
        node.id = exchangeId(x.name);
        node.kind = FlowNodeKind::Exchange;
        node.name = x.name;
        node.type = x.type;
        addNode(std::move(node));
    }
}

void FlowGraph::addQueues(const BrokerSnapshot &snapshot, const QString &vhost)
{
    for (const QueueSnapshot &q : snapshot.queues) {
        if (q.vhost != vhost)
            continue;
        FlowNode node;
        node.id = queueId(q.name);
        node.kind = FlowNodeKind::Queue;
        node.name = q.name;
        node.ready = q.ready;
        node.unacked = q.unacked;
        node.paused = q.paused;
        addNode(std::move(node));
    }
}

// One producer node per connection name (a client that reconnects stays one node), with an
// edge to each exchange its open channels published to.
void FlowGraph::addPublishers(const BrokerSnapshot &snapshot, const QString &vhost)
{
    for (const ChannelSnapshot &ch : snapshot.channels) {
        if (ch.vhost != vhost || ch.publishedTo.isEmpty())
            continue;
        const QString producer = producerId(ch.connectionName);
        FlowNode node;
        node.id = producer;
        node.kind = FlowNodeKind::Producer;
        node.name = ch.connectionName;
        addNode(std::move(node));
        producers_.insert(ch.connectionId, producer);
        for (const ExchangePublishes &p : ch.publishedTo)
            addEdge(FlowEdge{producer, exchangeId(p.exchange), FlowEdgeKind::Publish, {}, p.published});
    }
}

void FlowGraph::addBindings(const BrokerSnapshot &snapshot, const QString &vhost)
{
    QHash<QString, quint64> routed;
    for (const RouteEdgeSnapshot &r : snapshot.routes) {
        if (r.vhost == vhost)
            routed.insert(routeKey(r.source, r.destination, r.toExchange), r.routed);
    }
    QHash<QString, QString> types;
    for (const ExchangeSnapshot &x : snapshot.exchanges) {
        if (x.vhost == vhost)
            types.insert(x.name, x.type);
    }
    // Several bindings between the same two are one edge: the message arrives once, and the
    // broker counts it once.
    QSet<QString> counted;
    const auto countOnce = [&](const QString &key) {
        if (counted.contains(key))
            return quint64(0);
        counted.insert(key);
        return routed.value(key);
    };
    for (const BindingSnapshot &b : snapshot.bindings) {
        if (b.vhost != vhost)
            continue;
        const QString key = routeKey(b.source, b.destination, b.toExchange);
        FlowEdge edge{exchangeId(b.source), b.toExchange ? exchangeId(b.destination) : queueId(b.destination),
                      b.toExchange ? FlowEdgeKind::ExchangeBinding : FlowEdgeKind::Binding,
                      {FlowText::bindingLabel(types.value(b.source), b.routingKey, b.arguments)}, countOnce(key)};
        addEdge(std::move(edge));
    }
    // The default exchange binds every queue by its name; those bindings are not listed, so
    // the ones that carried messages are drawn from the broker's counters.
    for (const RouteEdgeSnapshot &r : snapshot.routes) {
        if (r.vhost == vhost && r.source.isEmpty() && !r.toExchange)
            addEdge(FlowEdge{exchangeId({}), queueId(r.destination), FlowEdgeKind::Binding,
                             {FlowText::defaultBindingLabel(r.destination)}, r.routed});
    }
    for (const ExchangeSnapshot &x : snapshot.exchanges) {
        if (x.vhost == vhost && !x.alternateExchange.isEmpty())
            addEdge(FlowEdge{exchangeId(x.name), exchangeId(x.alternateExchange), FlowEdgeKind::Alternate, {},
                             countOnce(routeKey(x.name, x.alternateExchange, true))});
    }
    for (const QueueSnapshot &q : snapshot.queues) {
        if (q.vhost == vhost && !q.deadLetterExchange.isEmpty())
            addEdge(FlowEdge{queueId(q.name), exchangeId(q.deadLetterExchange), FlowEdgeKind::DeadLetter, {},
                             q.deadLettered});
    }
}

void FlowGraph::addConsumers(const BrokerSnapshot &snapshot, const QString &vhost, const RecentDeliveries *recent)
{
    for (const ConsumerSnapshot &c : snapshot.consumers) {
        if (c.vhost != vhost)
            continue;
        FlowNode node;
        node.id = consumerId(c.connectionName, c.tag);
        node.kind = FlowNodeKind::Consumer;
        node.name = c.tag;
        node.owner = c.connectionName;
        node.unacked = c.unacked;
        node.prefetch = c.prefetch;
        node.idle = c.unacked == 0 && !(recent && recent->isRecent(consumerKey(c)));
        consumers_.insert(QString::number(c.connectionId) + QLatin1Char('\n') + c.tag, node.id);
        addEdge(FlowEdge{queueId(c.queue), node.id, FlowEdgeKind::Delivery, {}, c.traffic.delivered});
        addNode(std::move(node));
    }
}

// The default exchange and the amq.* ones are in every virtual host; unused, they are noise.
void FlowGraph::dropUnusedBuiltIns()
{
    QSet<QString> used;
    for (const FlowEdge &e : std::as_const(edges_)) {
        used.insert(e.from);
        used.insert(e.to);
    }
    if (nodes_.removeIf([&](const FlowNode &n) { return isBuiltIn(n) && !used.contains(n.id); }) > 0)
        reindex();
}

void FlowGraph::measureActivity()
{
    for (FlowNode &n : nodes_)
        n.activity = quint64(std::max<qint64>(0, n.ready + n.unacked));
    for (const FlowEdge &e : std::as_const(edges_)) {
        for (const QString &end : {e.from, e.to}) {
            if (const auto it = nodeIndex_.constFind(end); it != nodeIndex_.cend())
                nodes_[*it].activity += e.count;
        }
    }
}

void FlowGraph::keepTraffic()
{
    edges_.removeIf([](const FlowEdge &e) { return e.count == 0; });
    QSet<QString> used;
    for (const FlowEdge &e : std::as_const(edges_)) {
        used.insert(e.from);
        used.insert(e.to);
    }
    nodes_.removeIf([&](const FlowNode &n) { return !used.contains(n.id) && n.ready + n.unacked == 0; });
    reindex();
}

// Past the cap the busiest nodes stay; the rest are counted, so the view can say so. Only
// the kept ones are put in order (10,000 queues are not sorted, 300 are picked).
void FlowGraph::applyCap(int cap)
{
    if (cap <= 0 || nodes_.size() <= cap)
        return;
    std::vector<int> order(size_t(nodes_.size()));
    std::iota(order.begin(), order.end(), 0);
    // Ties by name: the same nodes stay drawn from one snapshot to the next.
    const FlowNode *n = nodes_.constData();
    std::nth_element(order.begin(), order.begin() + cap, order.end(), [n](int a, int b) {
        if (n[a].activity != n[b].activity)
            return n[a].activity > n[b].activity;
        return n[a].id < n[b].id;
    });
    std::sort(order.begin(), order.begin() + cap);   // kept in the snapshot's order
    QList<FlowNode> kept;
    kept.reserve(cap);
    for (auto it = order.begin(); it != order.begin() + cap; ++it)
        kept.append(std::move(nodes_[*it]));
    hidden_ = int(nodes_.size()) - cap;
    nodes_ = std::move(kept);
    reindex();
}

// Edges whose ends are gone (left out by the cap, or named by an argument but not declared).
void FlowGraph::dropEdgesToMissingNodes()
{
    edges_.removeIf([this](const FlowEdge &e) { return !nodeIndex_.contains(e.from) || !nodeIndex_.contains(e.to); });
}

void FlowGraph::reindex()
{
    nodeIndex_.clear();
    for (int i = 0; i < nodes_.size(); ++i)
        nodeIndex_.insert(nodes_[i].id, i);
    dropEdgesToMissingNodes();
    edgeIndex_.clear();
    for (int i = 0; i < edges_.size(); ++i)
        edgeIndex_.insert(edges_[i].key(), i);
    QHash<quint64, QString> producers;
    for (auto it = producers_.cbegin(); it != producers_.cend(); ++it) {
        if (nodeIndex_.contains(*it))
            producers.insert(it.key(), *it);
    }
    producers_ = std::move(producers);
    consumers_.removeIf([this](const QHash<QString, QString>::iterator it) { return !nodeIndex_.contains(*it); });
}

} // namespace warren::ui
