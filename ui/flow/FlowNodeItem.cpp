#include "FlowNodeItem.h"

#include "FlowScene.h"
#include "FlowStyle.h"
#include "FlowText.h"

#include <QCursor>
#include <QFontMetricsF>
#include <QGraphicsSceneMouseEvent>
#include <QLocale>
#include <QPainter>

namespace warren::ui {

namespace {
constexpr qreal kBadge = 13;   // the queue's depth badge radius
constexpr qreal kFocusRing = 7;   // its pen's width: half of it outside the outline
}

FlowNodeItem::FlowNodeItem(FlowScene *scene, const FlowNode &node) : flowScene_(scene), node_(node)
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setZValue(2);
    // Tokens repaint the area around them every frame: nodes are drawn again from a pixmap.
    setCacheMode(DeviceCoordinateCache);
    setCursor(Qt::OpenHandCursor);
    setToolTip(FlowText::tooltip(node));
    setAcceptHoverEvents(false);
}

void FlowNodeItem::setNode(const FlowNode &node)
{
    // Its picture is cached: only a change is worth drawing it again.
    const bool drawn = node.ready == node_.ready && node.unacked == node_.unacked && node.prefetch == node_.prefetch
        && node.idle == node_.idle && node.paused == node_.paused;
    node_ = node;
    if (drawn)
        return;
    setToolTip(FlowText::tooltip(node));
    update();
}

void FlowNodeItem::setInFocus(bool inFocus)
{
    if (inFocus == inFocus_)
        return;
    inFocus_ = inFocus;
    update();
}

qreal FlowNodeItem::halfWidth() { return FlowStyle::kNodeSize.width() / 2; }
qreal FlowNodeItem::halfHeight() { return FlowStyle::kNodeSize.height() / 2; }

QRectF FlowNodeItem::boundingRect() const
{
    // Room for the queue's badge above its corner and for the focus ring around the outline.
    const qreal m = kFocusRing / 2 + 1;
    return QRectF(-halfWidth() - m, -halfHeight() - kBadge - m, FlowStyle::kNodeSize.width() + kBadge + 2 * m,
                  FlowStyle::kNodeSize.height() + kBadge + 2 * m);
}

QPainterPath FlowNodeItem::shape() const
{
    return outline();
}

QPainterPath FlowNodeItem::outline() const
{
    const qreal w = halfWidth(), h = halfHeight();
    QPainterPath path;
    switch (node_.kind) {
    case FlowNodeKind::Producer:
        path.moveTo(-w, -h);
        path.lineTo(w - 16, -h);
        path.lineTo(w, 0);
        path.lineTo(w - 16, h);
        path.lineTo(-w, h);
        path.closeSubpath();
        break;
    case FlowNodeKind::Exchange:
        path.moveTo(-w, 0);
        path.lineTo(-w + 16, -h);
        path.lineTo(w - 16, -h);
        path.lineTo(w, 0);
        path.lineTo(w - 16, h);
        path.lineTo(-w + 16, h);
        path.closeSubpath();
        break;
    case FlowNodeKind::Queue:
        path.addRoundedRect(QRectF(-w, -h, 2 * w, 2 * h), 4, 4);
        break;
    case FlowNodeKind::Consumer:
        path.addRoundedRect(QRectF(-w, -h, 2 * w, 2 * h), h, h);
        break;
    }
    return path;
}

void FlowNodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const FlowStyle::NodeColors colors = FlowStyle::nodeColors(node_.kind);
    const bool idle = node_.kind == FlowNodeKind::Consumer && node_.idle;
    if (inFocus_) {
        painter->setPen(QPen(FlowStyle::focusColor(), kFocusRing, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(outline());
    }
    QPen pen(colors.outline, isSelected() ? 3.0 : 1.6);
    if (idle)
        pen.setStyle(Qt::DashLine);
    painter->setPen(pen);
    painter->setBrush(idle ? QColor(0xf8, 0xf8, 0xfa) : colors.fill);
    painter->drawPath(outline());
    if (node_.kind == FlowNodeKind::Queue)
        paintQueueDepth(painter);
    if (node_.kind == FlowNodeKind::Consumer)
        paintPrefetch(painter);
    paintText(painter);
}

// A bar along the bottom: the share of ready (solid) and unacknowledged (hatched) messages
// on a scale that grows by tens, and a badge with the number ready.
void FlowNodeItem::paintQueueDepth(QPainter *painter) const
{
    const qreal w = halfWidth(), h = halfHeight();
    const qint64 total = node_.ready + node_.unacked;
    qint64 scale = 10;
    while (scale < total)
        scale *= 10;
    const QRectF bar(-w + 8, h - 9, 2 * w - 16, 5);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(255, 255, 255, 200));
    painter->drawRect(bar);
    const qreal readyWidth = bar.width() * qreal(node_.ready) / qreal(scale);
    const qreal unackedWidth = bar.width() * qreal(node_.unacked) / qreal(scale);
    const QColor outline = FlowStyle::nodeColors(FlowNodeKind::Queue).outline;
    painter->setBrush(outline);
    painter->drawRect(QRectF(bar.left(), bar.top(), readyWidth, bar.height()));
    painter->setBrush(QBrush(outline, Qt::BDiagPattern));
    painter->drawRect(QRectF(bar.left() + readyWidth, bar.top(), unackedWidth, bar.height()));

    if (node_.ready == 0)
        return;
    const QString text = QLocale().toString(node_.ready);
    QFont font = painter->font();
    font.setPointSizeF(7.5);
    font.setBold(true);
    painter->setFont(font);
    const qreal width = std::max(2 * kBadge, QFontMetricsF(font).horizontalAdvance(text) + 10);
    const QRectF badge(w - width + 6, -h - kBadge + 4, width, 2 * kBadge - 4);
    painter->setPen(QPen(Qt::white, 1.5));
    painter->setBrush(outline);
    painter->drawRoundedRect(badge, badge.height() / 2, badge.height() / 2);
    painter->setPen(Qt::white);
    painter->drawText(badge, Qt::AlignCenter, text);
}

// The prefetch window as a row of cells, filled by the unacknowledged messages (past 20, each
// cell a share); without a limit there is no window to draw.
void FlowNodeItem::paintPrefetch(QPainter *painter) const
{
    const qreal w = halfWidth(), h = halfHeight();
    const int cells = node_.prefetch > 0 ? std::min(node_.prefetch, 20) : 0;
    if (cells == 0)
        return;
    const qreal left = -w + 22, width = 2 * w - 44;
    const qreal cellWidth = width / cells;
    const qint64 used = node_.prefetch > 20 ? node_.unacked * 20 / node_.prefetch : node_.unacked;
    const QColor outline = FlowStyle::nodeColors(FlowNodeKind::Consumer).outline;
    painter->setPen(QPen(outline, 0.8));
    for (int i = 0; i < cells; ++i) {
        painter->setBrush(i < used ? outline : QColor(Qt::white));
        painter->drawRect(QRectF(left + i * cellWidth + 0.5, h - 10, cellWidth - 1.5, 5));
    }
}

void FlowNodeItem::paintText(QPainter *painter) const
{
    const qreal w = halfWidth(), h = halfHeight();
    const qreal inset = node_.kind == FlowNodeKind::Consumer ? 18 : 14;
    const QRectF titleRect(-w + inset, -h + 5, 2 * w - 2 * inset - (node_.kind == FlowNodeKind::Producer ? 8 : 0), 18);
    QFont font = painter->font();
    font.setPointSizeF(9);
    font.setBold(true);
    painter->setFont(font);
    painter->setPen(FlowStyle::textColor());
    painter->drawText(titleRect, Qt::AlignCenter,
                      QFontMetricsF(font).elidedText(FlowText::title(node_), Qt::ElideMiddle, titleRect.width()));
    font.setBold(false);
    font.setPointSizeF(7.5);
    painter->setFont(font);
    painter->setPen(FlowStyle::mutedText());
    const QRectF detailRect(titleRect.left(), titleRect.bottom(), titleRect.width(), 14);
    QString detail = FlowText::detail(node_);
    if (node_.kind == FlowNodeKind::Consumer)
        detail = node_.name + QStringLiteral(" · ") + detail;
    painter->drawText(detailRect, Qt::AlignCenter,
                      QFontMetricsF(font).elidedText(detail, Qt::ElideRight, detailRect.width()));
}

QVariant FlowNodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged && flowScene_)
        flowScene_->nodeMoved(node_.id);
    return QGraphicsItem::itemChange(change, value);
}

void FlowNodeItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    pressedAt_ = pos();
    QGraphicsItem::mousePressEvent(event);
}

void FlowNodeItem::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsItem::mouseReleaseEvent(event);
    if (pos() != pressedAt_ && flowScene_)
        flowScene_->nodeDropped(node_.id, pos());
}

} // namespace warren::ui
