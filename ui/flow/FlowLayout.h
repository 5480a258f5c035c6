// Where the routing graph's nodes go: layered left to right, producers | exchanges | queues |
// consumers, with an extra column for each step of an exchange-to-exchange (or alternate
// exchange) chain, so that every binding points right. Within a column nodes are ordered by
// the barycenter of their neighbours, which removes most crossings; the order depends only
// on the graph's nodes and edges (names, not the snapshot's order or counters), so the
// picture stays still while traffic flows. Positions a user dragged win and are kept.
#pragma once

#include "FlowGraph.h"

#include <QHash>
#include <QPointF>

namespace warren::ui {

class FlowLayout {
public:
    static constexpr qreal kColumnGap = 270;
    static constexpr qreal kRowGap = 84;

    struct Result {
        QHash<QString, int> column;
        QHash<QString, int> row;          // 0 at the top of its column
        QHash<QString, QPointF> position;  // node centres, scene coordinates
        int columns = 0;
    };

    // `dragged` (node id → position) overrides the computed positions.
    static Result compute(const FlowGraph &graph, const QHash<QString, QPointF> &dragged = {});
    // Edges between adjacent layers that cross, for the given order: what the ordering
    // minimises (for tests and for choosing the best sweep).
    static int crossings(const FlowGraph &graph, const Result &layout);

private:
    static QHash<QString, int> assignColumns(const FlowGraph &graph, int *columns);
    static void order(const FlowGraph &graph, Result &layout);
};

} // namespace warren::ui
