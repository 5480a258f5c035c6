// Where the routing graph's nodes go: layered left to right, producers | exchanges | queues |
// consumers, with an extra column for each step of an exchange-to-exchange (or alternate
// exchange) chain, so that every binding points right. An edge that skips columns gets a
// place in each column it passes (a bend), so that it goes around the nodes there instead of
// through them. Within a column nodes are ordered by the barycenter of their neighbours,
// which removes most crossings; the order depends only
// on the graph's nodes and edges (names, not the snapshot's order or counters), so the
// picture stays still while traffic flows. Positions a user dragged win and are kept.
#pragma once

#include "FlowGraph.h"

#include <QHash>
#include <QPointF>

namespace warren::ui {

class FlowLayout {
public:
    static constexpr qreal kColumnGap = 300;
    static constexpr qreal kRowGap = 84;
    static constexpr qreal kBendGap = 36;   // the room a passing edge takes in a column

    struct Result {
        QHash<QString, int> column;
        QHash<QString, int> row;          // 0 at the top of its column
        QHash<QString, QPointF> position;  // node centres, scene coordinates
        QHash<FlowEdgeKey, QList<QPointF>> bends;   // where an edge passes the columns it skips
        int columns = 0;
    };

    // `dragged` (node id → position) overrides the computed positions.
    static Result compute(const FlowGraph &graph, const QHash<QString, QPointF> &dragged = {});
    // Edges between adjacent layers that cross, for the given order: what the ordering
    // minimises (for tests and for choosing the best sweep).
    static int crossings(const FlowGraph &graph, const Result &layout);

private:
    static QHash<QString, int> assignColumns(const FlowGraph &graph, int *columns);
    struct Segment {
        QString left;
        QString right;   // one column further
    };
    static void order(const FlowGraph &graph, Result &layout);
    static QList<Segment> segments(const FlowGraph &graph, Result &layout, QHash<FlowEdgeKey, QStringList> *chains);
    static int crossings(const QList<Segment> &segments, const Result &layout);
};

} // namespace warren::ui
