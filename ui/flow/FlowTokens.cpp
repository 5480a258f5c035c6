#include "FlowTokens.h"

#include <QQueue>
#include <QSet>

#include <algorithm>

namespace warren::ui {

using observe::EventKind;
using observe::TraceEvent;

namespace {

QString text(const QByteArray &utf8) { return QString::fromUtf8(utf8); }

// The drawn exchange-to-exchange edges from one exchange to another, shortest first: the
// way the broker says a message went (it names the exchange whose binding matched and how
// it got there; the picture needs the arrows in between).
QList<const FlowEdge *> chain(const FlowGraph &graph, const QString &from, const QString &to)
{
    if (from == to)
        return {};
    QHash<QString, const FlowEdge *> via;
    QQueue<QString> next;
    next.enqueue(from);
    QSet<QString> seen{from};
    while (!next.isEmpty()) {
        const QString at = next.dequeue();
        for (const FlowEdge &e : graph.edges()) {
            if (e.from != at || seen.contains(e.to)
                || (e.kind != FlowEdgeKind::ExchangeBinding && e.kind != FlowEdgeKind::Alternate))
                continue;
            seen.insert(e.to);
            via.insert(e.to, &e);
            if (e.to == to) {
                QList<const FlowEdge *> path;
                for (QString node = to; node != from; node = via[node]->from)
                    path.prepend(via[node]);
                return path;
            }
            next.enqueue(e.to);
        }
    }
    return {};
}

} // namespace

qreal FlowToken::progress(qint64 now) const
{
    if (now < start)
        return -1;
    return duration > 0 ? std::min<qreal>(1.0, qreal(now - start) / qreal(duration)) : 1.0;
}

void FlowTokens::add(const QList<TraceEvent> &events, const FlowGraph &graph, qint64 now)
{
    for (const TraceEvent &e : events) {
        if (e.traceId != 0)
            add(e, graph, now);
    }
}

void FlowTokens::add(const TraceEvent &event, const FlowGraph &graph, qint64 now)
{
    switch (event.kind) {
    case EventKind::Published:
        return published(event, graph, now);
    case EventKind::Routed:
        return routed(event, graph, now);
    case EventKind::Delivered:
        return delivered(event, graph, now);
    case EventKind::DeadLettered:
        return deadLettered(event, graph, now);
    case EventKind::Returned:
        return returned(event, graph, now);
    case EventKind::Unroutable:
        if (Trail *t = trail(event.traceId))
            t->message.dropped = true;
        return mark(event, FlowGraph::exchangeId(text(event.exchange)), TokenShape::Dropped, now);
    case EventKind::Expired:
        return mark(event, FlowGraph::queueId(text(event.queue)), TokenShape::Expired, now);
    case EventKind::Dropped:
        return mark(event, FlowGraph::queueId(text(event.queue)), TokenShape::Dropped, now);
    case EventKind::Requeued:
        return mark(event, FlowGraph::queueId(text(event.queue)), TokenShape::Requeued, now);
    default:
        return;
    }
}

void FlowTokens::published(const TraceEvent &event, const FlowGraph &graph, qint64 now)
{
    // Room for the whole message, or it is not animated at all (no dot appears half-way,
    // and its later events find no trail): the cheap way out when thousands arrive.
    if (tokens_.size() >= capacity_) {
        ++dropped_;
        return;
    }
    Trail &t = remember(event.traceId, FlowMessage{text(event.vhost), text(event.exchange), text(event.routingKey)});
    t.producer = graph.producerOf(event.connection);
    const QString exchange = FlowGraph::exchangeId(t.message.exchange);
    const FlowEdge *edge = t.producer.isEmpty() ? nullptr : graph.edge(t.producer, exchange, FlowEdgeKind::Publish);
    t.reached.insert(exchange, travel(event.traceId, edge, TokenShape::Message, now));
}

void FlowTokens::routed(const TraceEvent &event, const FlowGraph &graph, qint64 now)
{
    Trail *t = trail(event.traceId);
    if (!t)
        return;
    const QString start = FlowGraph::exchangeId(t->message.exchange);
    const QString matched = FlowGraph::exchangeId(text(event.exchange));
    qint64 at = std::max(now, t->reached.value(start, now));
    for (const FlowEdge *step : chain(graph, start, matched)) {
        if (const auto it = t->reached.constFind(step->to); it != t->reached.cend()) {
            at = *it;   // another queue's route drew this step already
            continue;
        }
        at = travel(event.traceId, step, t->shape, at);
        t->reached.insert(step->to, at);
    }
    const QString queue = FlowGraph::queueId(text(event.queue));
    const FlowEdge *edge = graph.edge(matched, queue, FlowEdgeKind::Binding);
    t->reached.insert(queue, travel(event.traceId, edge, t->shape, at));
}

void FlowTokens::delivered(const TraceEvent &event, const FlowGraph &graph, qint64 now)
{
    Trail *t = trail(event.traceId);
    if (!t)
        return;   // not animated
    const QString queue = FlowGraph::queueId(text(event.queue));
    const QString consumer = graph.consumerOf(event.connection, text(event.consumerTag));
    const FlowEdge *edge = consumer.isEmpty() ? nullptr : graph.edge(queue, consumer, FlowEdgeKind::Delivery);
    const TokenShape shape = event.has(observe::Redelivered) ? TokenShape::Redelivered : t->shape;
    travel(event.traceId, edge, shape, std::max(now, t->reached.value(queue, now)));
}

void FlowTokens::deadLettered(const TraceEvent &event, const FlowGraph &graph, qint64 now)
{
    Trail *t = trail(event.traceId);
    if (!t)
        return;   // not animated
    const QString queue = FlowGraph::queueId(text(event.queue));
    const QString dlx = FlowGraph::exchangeId(text(event.exchange));
    const qint64 from = std::max(now, t->reached.value(queue, now));
    Trail &copy = remember(event.linkedTraceId,
                           FlowMessage{text(event.vhost), text(event.exchange), text(event.routingKey), true});
    copy.shape = TokenShape::DeadLettered;
    copy.reached.insert(dlx, travel(event.linkedTraceId, graph.edge(queue, dlx, FlowEdgeKind::DeadLetter),
                                    TokenShape::DeadLettered, from));
}

void FlowTokens::returned(const TraceEvent &event, const FlowGraph &graph, qint64 now)
{
    Trail *t = trail(event.traceId);
    if (t)
        t->message.returned = true;
    if (!t || t->producer.isEmpty())
        return mark(event, FlowGraph::exchangeId(text(event.exchange)), TokenShape::Returned, now);
    const QString exchange = FlowGraph::exchangeId(t->message.exchange);
    travel(event.traceId, graph.edge(t->producer, exchange, FlowEdgeKind::Publish), TokenShape::Returned,
           std::max(now, t->reached.value(exchange, now)), true);
}

void FlowTokens::mark(const TraceEvent &event, const QString &node, TokenShape shape, qint64 now)
{
    Trail *t = trail(event.traceId);
    if (!t && tokens_.size() >= capacity_) {
        ++dropped_;
        return;
    }
    const qint64 start = t ? std::max(now, t->reached.value(node, now)) : now;
    tokens_.append(FlowToken{event.traceId, node, {}, FlowEdgeKind::Publish, false, shape, start, kMarkMs});
}

qint64 FlowTokens::travel(std::uint64_t traceId, const FlowEdge *edge, TokenShape shape, qint64 start, bool backwards)
{
    if (!edge)
        return start;   // not drawn: the next hop starts where this one would have
    const FlowEdgeKey key = edge->key();
    if (const auto last = lastStart_.constFind(key); last != lastStart_.cend()) {
        const qint64 spaced = *last + kSpacingMs;
        if (spaced > start && spaced - start <= kHopMs)
            start = spaced;
    }
    lastStart_.insert(key, start);
    tokens_.append(FlowToken{traceId, edge->from, edge->to, edge->kind, backwards, shape, start, kHopMs});
    return start + kHopMs;
}

FlowTokens::Trail &FlowTokens::remember(std::uint64_t traceId, FlowMessage message)
{
    auto it = trails_.find(traceId);
    if (it == trails_.end()) {
        trailOrder_.push_back(traceId);
        while (trailOrder_.size() > size_t(kRemembered)) {
            trails_.remove(trailOrder_.front());
            trailOrder_.pop_front();
        }
        it = trails_.insert(traceId, Trail{});
    }
    it->message = std::move(message);
    return *it;
}

FlowTokens::Trail *FlowTokens::trail(std::uint64_t traceId)
{
    const auto it = trails_.find(traceId);
    return it == trails_.end() ? nullptr : &*it;
}

const FlowMessage *FlowTokens::message(std::uint64_t traceId) const
{
    const auto it = trails_.constFind(traceId);
    return it == trails_.cend() ? nullptr : &it->message;
}

void FlowTokens::expire(qint64 now)
{
    tokens_.removeIf([now](const FlowToken &t) { return t.end() <= now; });
    lastStart_.removeIf([now](const QHash<FlowEdgeKey, qint64>::iterator it) { return *it + kSpacingMs < now; });
}

void FlowTokens::clear()
{
    tokens_.clear();
    trails_.clear();
    trailOrder_.clear();
    lastStart_.clear();
    dropped_ = 0;
}

} // namespace warren::ui
