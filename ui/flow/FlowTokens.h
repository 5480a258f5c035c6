// The moving dots of the routing graph: which edge each traced message took, from the
// broker's events (published → producer to exchange, routed → exchange to queue through the
// binding, exchange-to-exchange binding or alternate exchange the broker names, delivered →
// queue to consumer, dead-lettered → queue to its dead-letter exchange, returned → back to
// the producer), and where along it the dot is at a given time. A message's hops follow one
// another: its delivery starts when its way into the queue has been drawn. Dots that set off
// together on one edge are spaced out, so that a burst reads as several messages.
//
// Plain values and the clock's milliseconds: no widgets, no timer. A message is animated when
// its publish finds fewer than `capacity` dots moving; one that does not fit is not animated
// at all (rather than appearing half-way), and is counted. Only animated messages are
// remembered, for their explanations.
#pragma once

#include "FlowGraph.h"
#include "observe/TraceEvent.h"

#include <QHash>
#include <QList>
#include <QString>

#include <deque>

namespace warren::ui {

// Told by shape and a letter, never by colour alone.
enum class TokenShape {
    Message,        // a disc
    Redelivered,    // a diamond marked R
    DeadLettered,   // a square marked D
    Returned,       // a triangle pointing back, marked ↩
    Expired,        // a ring marked "expired", at its queue
    Dropped,        // a cross marked "dropped", at its exchange or queue
    Requeued,       // a diamond marked "requeued", at its queue
};

struct FlowToken {
    std::uint64_t traceId = 0;
    QString from;          // edge (from → to of `kind`), or with an empty `to` a mark at node `from`
    QString to;
    FlowEdgeKind kind = FlowEdgeKind::Publish;
    bool backwards = false;   // travels from `to` to `from` (a return)
    TokenShape shape = TokenShape::Message;
    qint64 start = 0;      // clock ms
    qint64 duration = 0;

    bool isMark() const { return to.isEmpty(); }
    qint64 end() const { return start + duration; }
    // 0..1 along the edge at `now`; < 0 before it starts.
    qreal progress(qint64 now) const;
};

// What is known of a traced message, to explain its route when it is clicked.
struct FlowMessage {
    QString vhost;
    QString exchange;      // where it was published (a dead-lettered copy: its dead-letter exchange)
    QString routingKey;
    bool deadLettered = false;
    bool returned = false;   // unroutable and mandatory: sent back to its publisher
    bool dropped = false;    // unroutable: dropped
};

class FlowTokens {
public:
    static constexpr qint64 kHopMs = 700;
    static constexpr qint64 kMarkMs = 900;
    // Dots on one edge keep this far apart, like a train, unless that would make them later
    // than a hop behind the broker.
    static constexpr qint64 kSpacingMs = 110;
    static constexpr int kDefaultCapacity = 250;
    static constexpr int kRemembered = 4096;   // messages kept for explanations

    explicit FlowTokens(int capacity = kDefaultCapacity) : capacity_(capacity) {}

    // Turns events into dots on the graph's edges, starting no earlier than `now`.
    void add(const QList<observe::TraceEvent> &events, const FlowGraph &graph, qint64 now);
    // Drops the dots that have arrived by `now`.
    void expire(qint64 now);
    void clear();

    const QList<FlowToken> &tokens() const { return tokens_; }
    bool isEmpty() const { return tokens_.isEmpty(); }
    // Messages not animated because too many dots were moving.
    int dropped() const { return dropped_; }
    // The message behind a dot or a log row; null when it has been forgotten.
    const FlowMessage *message(std::uint64_t traceId) const;

private:
    struct Trail {
        FlowMessage message;
        QString producer;                  // the producer node it came from
        QHash<QString, qint64> reached;    // node id → when its dot gets there
        TokenShape shape = TokenShape::Message;
    };

    void add(const observe::TraceEvent &event, const FlowGraph &graph, qint64 now);
    void published(const observe::TraceEvent &event, const FlowGraph &graph, qint64 now);
    void routed(const observe::TraceEvent &event, const FlowGraph &graph, qint64 now);
    void delivered(const observe::TraceEvent &event, const FlowGraph &graph, qint64 now);
    void deadLettered(const observe::TraceEvent &event, const FlowGraph &graph, qint64 now);
    void returned(const observe::TraceEvent &event, const FlowGraph &graph, qint64 now);
    void mark(const observe::TraceEvent &event, const QString &node, TokenShape shape, qint64 now);
    // A dot on the edge, if the edge is drawn and there is room; returns when it arrives.
    qint64 travel(std::uint64_t traceId, const FlowEdge *edge, TokenShape shape, qint64 start, bool backwards = false);
    Trail &remember(std::uint64_t traceId, FlowMessage message);
    Trail *trail(std::uint64_t traceId);

    int capacity_;
    QList<FlowToken> tokens_;
    QHash<std::uint64_t, Trail> trails_;
    std::deque<std::uint64_t> trailOrder_;   // oldest first, to forget
    QHash<FlowEdgeKey, qint64> lastStart_;   // edge → when its newest dot set off
    int dropped_ = 0;
};

} // namespace warren::ui
