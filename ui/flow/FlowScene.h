// The routing graph's scene: a node item per node and an edge item per edge of a FlowGraph,
// placed by FlowLayout, and the token layer on top. A new snapshot with the same nodes and
// edges only changes values (depths, counters) in place; a changed structure is laid out
// anew, keeping the positions the user dragged.
#pragma once

#include "FlowGraph.h"

#include <QGraphicsScene>
#include <QHash>

#include <functional>

namespace warren::ui {

class FlowEdgeItem;
class FlowNodeItem;
class FlowTokenLayer;

class FlowScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit FlowScene(QObject *parent = nullptr);

    // `dragged`: node id → position the user chose. True when the graph was laid out anew.
    bool setGraph(const FlowGraph &graph, const QHash<QString, QPointF> &dragged);
    const FlowGraph &graph() const { return graph_; }
    FlowNodeItem *nodeItem(const QString &id) const { return nodes_.value(id); }
    FlowEdgeItem *edgeItem(const QString &from, const QString &to, FlowEdgeKind kind) const;
    FlowTokenLayer *tokenLayer() const { return tokenLayer_; }
    // The nodes and edges with a margin: what is shown and exported.
    QRectF graphRect() const;
    // Rings the nodes `inFocus` picks, now and in every graph to come (a lesson's step); an
    // empty function rings none.
    using FocusTest = std::function<bool(const FlowNode &)>;
    void setFocus(FocusTest inFocus);

    // From the node items.
    void nodeMoved(const QString &id);
    void nodeDropped(const QString &id, const QPointF &position);

signals:
    void nodeDragged(const QString &id, const QPointF &position);

private:
    void rebuild(const QHash<QString, QPointF> &dragged);
    void refresh(const FlowGraph &graph);
    void fitSceneRect();
    void liftBackEdges();
    void applyFocus(FlowNodeItem *item) const;

    FlowGraph graph_;
    QString structure_;
    QHash<QString, FlowNodeItem *> nodes_;
    QHash<FlowEdgeKey, FlowEdgeItem *> edges_;
    QHash<QString, QList<FlowEdgeItem *>> edgesOf_;   // node id → its edges
    FlowTokenLayer *tokenLayer_;
    FocusTest inFocus_;
};

} // namespace warren::ui
