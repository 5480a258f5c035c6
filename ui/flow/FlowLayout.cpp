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

// Every edge that points right, as steps between neighbouring columns: one that skips
// columns passes a bend ("~", its ends, kind and column: no node id starts with '~') in
// each, named by names so that the snapshot's order does not move them.
// Edges back to the left (dead-letter routes) are drawn around the graph and do not count.
QList<FlowLayout::Segment> FlowLayout::segments(const FlowGraph &graph, Result &layout,
                                                QHash<FlowEdgeKey, QStringList> *chains)
{
    QList<Segment> out;
    for (const FlowEdge &e : graph.edges()) {
        const int a = layout.column.value(e.from), b = layout.column.value(e.to);
        if (a >= b)
            continue;
        QString previous = e.from;
        QStringList chain;
        for (int c = a + 1; c < b; ++c) {
            const QString bend = QLatin1Char('~') + e.from + QLatin1Char('\n') + e.to + QLatin1Char('\n')
                + QString::number(int(e.kind)) + QLatin1Char('#') + QString::number(c);
            layout.column.insert(bend, c);
            chain.append(bend);
            out.append(Segment{previous, bend});
            previous = bend;
        }
        out.append(Segment{previous, e.to});
        if (!chain.isEmpty())
            chains->insert(e.key(), chain);
    }
    return out;
}

void FlowLayout::order(const FlowGraph &graph, Result &layout)
{
    QHash<FlowEdgeKey, QStringList> chains;
    const QList<Segment> steps = segments(graph, layout, &chains);
    QList<QStringList> byColumn(layout.columns);
    for (auto it = layout.column.cbegin(); it != layout.column.cend(); ++it)
        byColumn[*it].append(it.key());
    // The start, and every tie after it, in the order of the names: the snapshot's order
    // does not move anything.
    for (QStringList &ids : byColumn)
        ids.sort();
    QHash<QString, QList<QString>> neighbours;
    for (const Segment &step : steps) {
        neighbours[step.left].append(step.right);
        neighbours[step.right].append(step.left);
    }
    const auto isBend = [](const QString &id) { return id.startsWith(QLatin1Char('~')); };
    QHash<QString, qreal> y;
    // A column's nodes and bends stacked around its middle, each taking its own height.
    const auto place = [&](int c) {
        qreal total = 0;
        for (const QString &id : std::as_const(byColumn[c]))
            total += isBend(id) ? kBendGap : kRowGap;
        qreal top = -total / 2;
        for (const QString &id : std::as_const(byColumn[c])) {
            const qreal height = isBend(id) ? kBendGap : kRowGap;
            y.insert(id, top + height / 2);
            top += height;
        }
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
    const auto record = [&] {
        for (int c = 0; c < layout.columns; ++c) {
            for (int r = 0; r < byColumn[c].size(); ++r)
                layout.row.insert(byColumn[c][r], r);
        }
        return crossings(steps, layout);
    };
    int best = record();
    QList<QStringList> bestOrder = byColumn;
    for (int i = 0; i < kSweeps && best > 0; ++i) {
        for (int c = 1; c < layout.columns; ++c)
            sweep(c, true);
        for (int c = layout.columns - 2; c >= 0; --c)
            sweep(c, false);
        if (const int now = record(); now < best) {
            best = now;
            bestOrder = byColumn;
        }
    }
    byColumn = bestOrder;
    layout.row.clear();
    for (int c = 0; c < layout.columns; ++c) {
        place(c);
        int row = 0;
        for (const QString &id : std::as_const(byColumn[c])) {
            if (isBend(id))
                continue;
            layout.row.insert(id, row++);
            layout.position.insert(id, QPointF(c * kColumnGap, y.value(id)));
        }
    }
    for (auto it = chains.cbegin(); it != chains.cend(); ++it) {
        QList<QPointF> &bends = layout.bends[it.key()];
        for (const QString &bend : *it) {
            bends.append(QPointF(layout.column.value(bend) * kColumnGap, y.value(bend)));
            layout.column.remove(bend);
        }
    }
}

int FlowLayout::crossings(const FlowGraph &graph, const Result &layout)
{
    QList<Segment> direct;
    for (const FlowEdge &e : graph.edges()) {
        const int a = layout.column.value(e.from), b = layout.column.value(e.to);
        if (a != b)
            direct.append(a < b ? Segment{e.from, e.to} : Segment{e.to, e.from});
    }
    return crossings(direct, layout);
}

// Two segments between the same pair of columns cross when their ends are in opposite orders.
int FlowLayout::crossings(const QList<Segment> &segments, const Result &layout)
{
    struct Span {
        int leftRow;
        int rightRow;
    };
    QHash<quint64, QList<Span>> groups;
    for (const Segment &s : segments) {
        const quint64 pair = (quint64(layout.column.value(s.left)) << 32) | quint64(layout.column.value(s.right));
        groups[pair].append(Span{layout.row.value(s.left), layout.row.value(s.right)});
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
