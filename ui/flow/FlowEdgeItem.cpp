#include "FlowEdgeItem.h"

#include "FlowNodeItem.h"
#include "FlowStyle.h"
#include "FlowText.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPathStroker>

#include <cmath>

namespace warren::ui {

namespace {

QFont labelFont()
{
    QFont font;
    font.setPointSizeF(7.5);
    return font;
}

} // namespace

FlowEdgeItem::FlowEdgeItem(const FlowEdge &edge, FlowNodeItem *from, FlowNodeItem *to, const QList<QPointF> &bends)
    : edge_(edge), from_(from), to_(to), bends_(bends)
{
    setZValue(edge.kind == FlowEdgeKind::DeadLetter ? 0 : 1);
    // Tokens repaint the area around them every frame: edges are drawn again from a pixmap.
    setCacheMode(DeviceCoordinateCache);
    setToolTip(FlowText::edgeKindName(edge.kind));
    adjust();
}

void FlowEdgeItem::setEdge(const FlowEdge &edge)
{
    if (edge == edge_)
        return;   // its picture is cached: nothing to draw again
    const QString before = labelText();
    edge_ = edge;
    if (labelText() != before)
        adjust();   // the label's box may have grown
    update();
}

void FlowEdgeItem::adjust()
{
    prepareGeometryChange();
    path_ = QPainterPath();
    const QPointF a = from_->outPoint(), b = to_->inPoint();
    if (b.x() > a.x() + 20)
        pathForward(a, b);
    else
        pathBack();
    QPainterPathStroker stroker;
    stroker.setWidth(8);
    bounds_ = stroker.createStroke(path_).boundingRect().united(labelRect()).adjusted(-8, -8, 8, 8);
}

// Through each bend with a horizontal tangent: smooth S-curves between the columns.
void FlowEdgeItem::pathForward(const QPointF &from, const QPointF &to)
{
    QList<QPointF> points{from};
    for (const QPointF &bend : std::as_const(bends_)) {
        if (bend.x() > points.constLast().x() + 20 && bend.x() < to.x() - 20)
            points.append(bend);
    }
    points.append(to);
    path_.moveTo(from);
    for (int i = 1; i < points.size(); ++i) {
        const QPointF p = points[i - 1], q = points[i];
        const qreal bend = std::max<qreal>(30, (q.x() - p.x()) / 2);
        path_.cubicTo(p + QPointF(bend, 0), q - QPointF(bend, 0), q);
    }
}

// Back to the left (a dead-letter route, or nodes dragged past each other): out of the left
// side of its source, up the gap between the columns, across above every node and down into
// the left side of its destination, with rounded corners: it never runs through a node.
void FlowEdgeItem::pathBack()
{
    const qreal gap = 34, corner = 14;
    const QPointF start = from_->inPoint(), end = to_->inPoint();
    const qreal level = std::min({ceiling_, start.y() - 2 * corner, end.y() - 2 * corner});
    const qreal down = start.x() - gap, up = end.x() - gap;
    path_.moveTo(start);
    path_.lineTo(down + corner, start.y());
    path_.quadTo(QPointF(down, start.y()), QPointF(down, start.y() - corner));
    path_.lineTo(down, level + corner);
    path_.quadTo(QPointF(down, level), QPointF(down - corner, level));
    path_.lineTo(up + corner, level);
    path_.quadTo(QPointF(up, level), QPointF(up, level + corner));
    path_.lineTo(up, end.y() - corner);
    path_.quadTo(QPointF(up, end.y()), QPointF(up + corner, end.y()));
    path_.lineTo(end);
}

void FlowEdgeItem::setCeiling(qreal y)
{
    ceiling_ = y;
    adjust();
}

QString FlowEdgeItem::labelText() const
{
    const QString count = FlowText::edgeCount(edge_);
    if (edge_.kind == FlowEdgeKind::Alternate || edge_.kind == FlowEdgeKind::DeadLetter)
        return FlowText::edgeKindName(edge_.kind) + QLatin1Char('\n') + count;
    if (edge_.labels.isEmpty())
        return count;
    return edge_.labels.join(QStringLiteral(" | ")) + QLatin1Char('\n') + count;
}

QRectF FlowEdgeItem::labelRect() const
{
    const QFontMetricsF metrics(labelFont());
    const QStringList lines = labelText().split(QLatin1Char('\n'));
    qreal width = 0;
    for (const QString &line : lines)
        width = std::max(width, metrics.horizontalAdvance(line));
    width = std::min<qreal>(width, 150) + 10;
    const qreal height = metrics.height() * lines.size() + 4;
    // Along the curve, nearer the destination than the source: edges fanning out of one
    // exchange are apart there.
    const QPointF at = path_.pointAtPercent(edge_.kind == FlowEdgeKind::DeadLetter ? 0.5 : 0.6);
    return QRectF(at.x() - width / 2, at.y() - height / 2, width, height);
}

QRectF FlowEdgeItem::boundingRect() const
{
    return bounds_;
}

QPainterPath FlowEdgeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(8);
    QPainterPath shape = stroker.createStroke(path_);
    shape.addRect(labelRect());
    return shape;
}

void FlowEdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QPen pen = FlowStyle::edgePen(edge_.kind);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path_);

    // The arrowhead, along the curve's last direction.
    const QPointF tip = path_.pointAtPercent(1.0);
    const qreal angle = std::atan2(tip.y() - path_.pointAtPercent(0.97).y(), tip.x() - path_.pointAtPercent(0.97).x());
    const qreal size = 9;
    QPolygonF head;
    head << tip << tip - QPointF(std::cos(angle - 0.45) * size, std::sin(angle - 0.45) * size)
         << tip - QPointF(std::cos(angle + 0.45) * size, std::sin(angle + 0.45) * size);
    painter->setPen(Qt::NoPen);
    painter->setBrush(pen.color());
    painter->drawPolygon(head);

    const QRectF box = labelRect();
    painter->setPen(QPen(pen.color(), 0.8));
    painter->setBrush(QColor(255, 255, 255, 235));
    painter->drawRoundedRect(box, 4, 4);
    QFont font = labelFont();
    const QFontMetricsF metrics(font);
    const QStringList lines = labelText().split(QLatin1Char('\n'));
    qreal y = box.top() + 2;
    for (int i = 0; i < lines.size(); ++i) {
        const bool count = i == lines.size() - 1;
        font.setBold(count);
        font.setItalic(!count && edge_.kind != FlowEdgeKind::Alternate && edge_.kind != FlowEdgeKind::DeadLetter);
        painter->setFont(font);
        painter->setPen(count ? FlowStyle::textColor() : FlowStyle::mutedText());
        const QRectF line(box.left() + 5, y, box.width() - 10, metrics.height());
        painter->drawText(line, Qt::AlignCenter, metrics.elidedText(lines[i], Qt::ElideRight, line.width()));
        y += metrics.height();
    }
}

} // namespace warren::ui
