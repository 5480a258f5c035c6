// One edge of the routing graph: a curve from the right side of its source to the left side
// of its destination, through the bends the layout gave it in the columns it passes (a
// dead-letter route, which goes back to the left, passes above all nodes),
// drawn in its kind's line style with an arrowhead, and a label in the middle: the binding
// keys or header matches, and the exact count of messages it carried.
#pragma once

#include "FlowGraph.h"

#include <QGraphicsItem>
#include <QPainterPath>

namespace warren::ui {

class FlowNodeItem;

class FlowEdgeItem : public QGraphicsItem {
public:
    FlowEdgeItem(const FlowEdge &edge, FlowNodeItem *from, FlowNodeItem *to, const QList<QPointF> &bends = {});

    const FlowEdge &edge() const { return edge_; }
    void setEdge(const FlowEdge &edge);
    // Follows its nodes after one moved.
    void adjust();
    // How high an edge back to the left passes: above every node.
    void setCeiling(qreal y);
    // The curve, for the dots that travel along it.
    const QPainterPath &path() const { return path_; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QString labelText() const;
    QRectF labelRect() const;
    void pathForward(const QPointF &from, const QPointF &to);
    void pathBack();

    FlowEdge edge_;
    FlowNodeItem *from_;
    FlowNodeItem *to_;
    QList<QPointF> bends_;
    qreal ceiling_ = 0;
    QPainterPath path_;
    QRectF bounds_;
};

} // namespace warren::ui
