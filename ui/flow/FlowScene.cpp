#include "FlowScene.h"

#include "FlowEdgeItem.h"
#include "FlowLayout.h"
#include "FlowNodeItem.h"
#include "FlowTokenLayer.h"

namespace warren::ui {

FlowScene::FlowScene(QObject *parent) : QGraphicsScene(parent), tokenLayer_(new FlowTokenLayer(this))
{
    setBackgroundBrush(QColor(0xfb, 0xfc, 0xfe));
    addItem(tokenLayer_);
}

FlowEdgeItem *FlowScene::edgeItem(const QString &from, const QString &to, FlowEdgeKind kind) const
{
    return edges_.value(FlowEdgeKey{from, to, kind});
}

void FlowScene::setFocus(FocusTest inFocus)
{
    inFocus_ = std::move(inFocus);
    for (FlowNodeItem *item : std::as_const(nodes_))
        applyFocus(item);
}

void FlowScene::applyFocus(FlowNodeItem *item) const
{
    item->setInFocus(inFocus_ && inFocus_(item->node()));
}

bool FlowScene::setGraph(const FlowGraph &graph, const QHash<QString, QPointF> &dragged)
{
    const QString structure = graph.structure();
    graph_ = graph;
    if (structure == structure_) {
        refresh(graph);
        return false;
    }
    structure_ = structure;
    rebuild(dragged);
    return true;
}

void FlowScene::rebuild(const QHash<QString, QPointF> &dragged)
{
    for (FlowEdgeItem *e : std::as_const(edges_))
        delete e;
    for (FlowNodeItem *n : std::as_const(nodes_))
        delete n;
    edges_.clear();
    nodes_.clear();
    edgesOf_.clear();
    const FlowLayout::Result layout = FlowLayout::compute(graph_, dragged);
    for (const FlowNode &node : graph_.nodes()) {
        auto *item = new FlowNodeItem(this, node);
        item->setPos(layout.position.value(node.id));
        applyFocus(item);
        addItem(item);
        nodes_.insert(node.id, item);
    }
    for (const FlowEdge &edge : graph_.edges()) {
        FlowNodeItem *from = nodes_.value(edge.from), *to = nodes_.value(edge.to);
        if (!from || !to)
            continue;
        auto *item = new FlowEdgeItem(edge, from, to, layout.bends.value(edge.key()));
        addItem(item);
        edges_.insert(edge.key(), item);
        edgesOf_[edge.from].append(item);
        edgesOf_[edge.to].append(item);
    }
    liftBackEdges();
    fitSceneRect();
}

void FlowScene::refresh(const FlowGraph &graph)
{
    for (const FlowNode &node : graph.nodes()) {
        if (FlowNodeItem *item = nodes_.value(node.id))
            item->setNode(node);
    }
    for (const FlowEdge &edge : graph.edges()) {
        if (FlowEdgeItem *item = edges_.value(edge.key()))
            item->setEdge(edge);
    }
}

QRectF FlowScene::graphRect() const
{
    QRectF rect;
    for (const FlowNodeItem *n : nodes_)
        rect = rect.united(n->sceneBoundingRect());
    for (const FlowEdgeItem *e : edges_)
        rect = rect.united(e->sceneBoundingRect());
    return rect.adjusted(-40, -50, 40, 40);
}

// Edges back to the left pass above the highest node.
void FlowScene::liftBackEdges()
{
    qreal top = 0;
    for (const FlowNodeItem *n : std::as_const(nodes_))
        top = std::min(top, n->pos().y() - FlowNodeItem::halfHeight());
    for (FlowEdgeItem *e : std::as_const(edges_)) {
        if (e->edge().kind == FlowEdgeKind::DeadLetter)
            e->setCeiling(top - 34);
    }
}

// The token layer has no size of its own: the scene is as large as the graph.
void FlowScene::fitSceneRect()
{
    setSceneRect(graphRect());
}

void FlowScene::nodeMoved(const QString &id)
{
    for (FlowEdgeItem *edge : edgesOf_.value(id))
        edge->adjust();
}

void FlowScene::nodeDropped(const QString &id, const QPointF &position)
{
    liftBackEdges();
    fitSceneRect();
    emit nodeDragged(id, position);
}

} // namespace warren::ui
