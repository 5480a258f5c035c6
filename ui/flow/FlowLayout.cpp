#include "FlowLayout.h"

#include <QSet>

#include <algorithm>

namespace warren::ui {

namespace {

constexpr int kSweeps = 4;

bool chainsExchanges(FlowEdgeKind kind)
{
    return kind == FlowEdgeKind::ExchangeBinding || kind == FlowEdgeKind::Alternate;
}

qreal rowY(int row, int size)
{
    return (row - (size - 1) / 2.0) * FlowLayout::kRowGap;
}

// How many exchange-to-exchange steps lead to each exchange at most: its column among the
// exchanges. A cycle (a → b → a is allowed in AMQP) is cut where the walk meets itself.
class ExchangeDepth {
public:
    explicit ExchangeDepth(const FlowGraph &graph)
    {
        for (const FlowEdge &e : graph.edges()) {
            if (chainsExchanges(e.kind) && e.from != e.to)
                incoming_[e.to].append(e.from);
        }
    }
    int of(const QString &exchange)
    {
        if (const auto it = depth_.constFind(exchange); it != depth_.cend())
            return *it;
        if (walking_.contains(exchange))
            return 0;
        walking_.insert(exchange);
        int depth = 0;
        for (const QString &from : incoming_.value(exchange))
            depth = std::max(depth, of(from) + 1);
        walking_.remove(exchange);
        depth_.insert(exchange, depth);
        return depth;
    }

private:
    QHash<QString, QStringList> incoming_;
    QHash<QString, int> depth_;
    QSet<QString> walking_;
};

} // namespace

QHash<QString, int> FlowLayout::assignColumns(const FlowGraph &graph, int *columns)
{
    ExchangeDepth depth(graph);
    int exchangeColumns = 1;
    QHash<QString, int> column;
    for (const FlowNode &n : graph.nodes()) {
        if (n.kind == FlowNodeKind::Exchange) {
            column.insert(n.id, 1 + depth.of(n.id));
            exchangeColumns = std::max(exchangeColumns, column[n.id]);
        }
    }
    for (const FlowNode &n : graph.nodes()) {
        if (n.kind == FlowNodeKind::Producer)
            column.insert(n.id, 0);
        else if (n.kind == FlowNodeKind::Queue)
            column.insert(n.id, exchangeColumns + 1);
        else if (n.kind == FlowNodeKind::Consumer)
            column.insert(n.id, exchangeColumns + 2);
    }
    *columns = exchangeColumns + 3;
    return column;
}

FlowLayout::Result FlowLayout::compute(const FlowGraph &graph, const QHash<QString, QPointF> &dragged)
{
    Result layout;
    layout.column = assignColumns(graph, &layout.columns);
    order(graph, layout);
    for (auto it = layout.position.begin(); it != layout.position.end(); ++it) {
        if (const auto d = dragged.constFind(it.key()); d != dragged.cend())
            *it = *d;
    }
    return layout;
}

void FlowLayout::order(const FlowGraph &graph, Result &layout)
{
    QList<QStringList> byColumn(layout.columns);
    for (const FlowNode &n : graph.nodes())
        byColumn[layout.column.value(n.id)].append(n.id);
    // The start, and every tie after it, in the order of the names: the snapshot's order
    // does not move anything.
    for (QStringList &ids : byColumn)
        ids.sort();
    QHash<QString, QList<QString>> neighbours;
    for (const FlowEdge &e : graph.edges()) {
        if (layout.column.value(e.from) == layout.column.value(e.to))
            continue;
        neighbours[e.from].append(e.to);
        neighbours[e.to].append(e.from);
    }
    QHash<QString, qreal> y;
    const auto place = [&](int c) {
        for (int r = 0; r < byColumn[c].size(); ++r)
            y.insert(byColumn[c][r], rowY(r, int(byColumn[c].size())));
    };
    for (int c = 0; c < layout.columns; ++c)
        place(c);
    // Each node moves to the mean height of its neighbours on one side.
    const auto sweep = [&](int c, bool fromLeft) {
        QHash<QString, qreal> centre;
        for (const QString &id : std::as_const(byColumn[c])) {
            qreal sum = 0;
            int count = 0;
            for (const QString &other : neighbours.value(id)) {
                const int oc = layout.column.value(other);
                if (fromLeft ? oc < c : oc > c) {
                    sum += y.value(other);
                    ++count;
                }
            }
            centre.insert(id, count ? sum / count : y.value(id));
        }
        std::stable_sort(byColumn[c].begin(), byColumn[c].end(),
                         [&](const QString &a, const QString &b) { return centre[a] < centre[b]; });
        place(c);
    };
    const auto snapshot = [&] {
        for (int c = 0; c < layout.columns; ++c) {
            for (int r = 0; r < byColumn[c].size(); ++r) {
                layout.row.insert(byColumn[c][r], r);
                layout.position.insert(byColumn[c][r], QPointF(c * kColumnGap, y.value(byColumn[c][r])));
            }
        }
    };
    snapshot();
    int best = crossings(graph, layout);
    Result bestLayout = layout;
    for (int i = 0; i < kSweeps && best > 0; ++i) {
        for (int c = 1; c < layout.columns; ++c)
            sweep(c, true);
        for (int c = layout.columns - 2; c >= 0; --c)
            sweep(c, false);
        snapshot();
        if (const int now = crossings(graph, layout); now < best) {
            best = now;
            bestLayout = layout;
        }
    }
    layout = std::move(bestLayout);
}

int FlowLayout::crossings(const FlowGraph &graph, const Result &layout)
{
    // Edges grouped by the pair of columns they join; two of a group cross when their ends
    // are in opposite orders.
    struct Span {
        int leftRow;
        int rightRow;
    };
    QHash<quint64, QList<Span>> groups;
    for (const FlowEdge &e : graph.edges()) {
        int a = layout.column.value(e.from), b = layout.column.value(e.to);
        int ra = layout.row.value(e.from), rb = layout.row.value(e.to);
        if (a == b)
            continue;
        if (a > b) {
            std::swap(a, b);
            std::swap(ra, rb);
        }
        groups[(quint64(a) << 32) | quint64(b)].append(Span{ra, rb});
    }
    int count = 0;
    for (const QList<Span> &spans : std::as_const(groups)) {
        for (int i = 0; i < spans.size(); ++i) {
            for (int j = i + 1; j < spans.size(); ++j) {
                if ((spans[i].leftRow - spans[j].leftRow) * (spans[i].rightRow - spans[j].rightRow) < 0)
                    ++count;
            }
        }
    }
    return count;
}

} // namespace warren::ui
