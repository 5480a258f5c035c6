// One node of the routing graph: a producer (a tag pointing right), an exchange (a
// hexagon), a queue (a box with its depth: a badge and a bar, ready solid, unacked hatched),
// a consumer (a pill with its prefetch window filling up; dashed and pale when idle); in
// focus, a wide ring around it.
// Draggable; the scene is told when it moves and where it was dropped.
#pragma once

#include "FlowGraph.h"

#include <QGraphicsItem>

namespace warren::ui {

class FlowScene;

class FlowNodeItem : public QGraphicsItem {
public:
    FlowNodeItem(FlowScene *scene, const FlowNode &node);

    const FlowNode &node() const { return node_; }
    // New values (depths, prefetch use) for the same node.
    void setNode(const FlowNode &node);
    // Ringed: what a lesson's step talks about.
    void setInFocus(bool inFocus);
    bool isInFocus() const { return inFocus_; }
    // Where edges attach: the middle of the left and right sides.
    QPointF inPoint() const { return pos() + QPointF(-halfWidth(), 0); }
    QPointF outPoint() const { return pos() + QPointF(halfWidth(), 0); }
    static qreal halfWidth();
    static qreal halfHeight();

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;

private:
    QPainterPath outline() const;
    void paintQueueDepth(QPainter *painter) const;
    void paintPrefetch(QPainter *painter) const;
    void paintText(QPainter *painter) const;

    FlowScene *flowScene_;
    FlowNode node_;
    QPointF pressedAt_;
    bool inFocus_ = false;
};

} // namespace warren::ui
