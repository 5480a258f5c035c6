#include "FlowTokenLayer.h"

#include "FlowEdgeItem.h"
#include "FlowNodeItem.h"
#include "FlowScene.h"
#include "FlowStyle.h"
#include "FlowText.h"

#include <QPainter>

namespace warren::ui {

namespace {

constexpr qreal kRadius = 7;
constexpr qreal kHuge = 1e6;

QFont tokenFont()
{
    QFont font;
    font.setPointSizeF(7);
    font.setBold(true);
    return font;
}

} // namespace

FlowTokenLayer::FlowTokenLayer(FlowScene *scene) : flowScene_(scene)
{
    setZValue(3);
    // Clicks reach the nodes and edges below, except on a token (see tokenAt).
    setAcceptedMouseButtons(Qt::NoButton);
}

QString FlowTokenLayer::shapeLabel(TokenShape shape)
{
    switch (shape) {
    case TokenShape::Message: return {};
    case TokenShape::Redelivered: return QStringLiteral("R");
    case TokenShape::DeadLettered: return QStringLiteral("D");
    case TokenShape::Returned: return FlowText::tr("returned");
    case TokenShape::Expired: return FlowText::tr("expired");
    case TokenShape::Dropped: return FlowText::tr("dropped");
    case TokenShape::Requeued: return FlowText::tr("requeued");
    }
    return {};
}

void FlowTokenLayer::showFrame(const FlowTokens &tokens, qint64 now)
{
    placed_.clear();
    QRectF covered;
    for (const FlowToken &t : tokens.tokens()) {
        const qreal progress = t.progress(now);
        if (progress < 0)
            continue;
        Placed placed{{}, t.shape, t.traceId, t.isMark()};
        if (t.isMark()) {
            const FlowNodeItem *node = flowScene_->nodeItem(t.from);
            if (!node)
                continue;
            // Rises a little above its node while it lasts.
            placed.at = node->pos() + QPointF(0, -FlowStyle::kNodeSize.height() / 2 - 10 - 16 * progress);
        } else {
            const FlowEdgeItem *edge = flowScene_->edgeItem(t.from, t.to, t.kind);
            if (!edge)
                continue;
            placed.at = edge->path().pointAtPercent(t.backwards ? 1 - progress : progress);
        }
        placed_.append(placed);
        covered = covered.united(extent(placed));
    }
    const QRectF dirty = covered.united(painted_);
    painted_ = covered;
    if (!dirty.isEmpty())
        update(dirty);
}

std::uint64_t FlowTokenLayer::tokenAt(const QPointF &scenePos) const
{
    for (auto it = placed_.crbegin(); it != placed_.crend(); ++it) {
        if (QLineF(it->at, scenePos).length() <= kRadius + 3)
            return it->traceId;
    }
    return 0;
}

QRectF FlowTokenLayer::boundingRect() const
{
    return QRectF(-kHuge, -kHuge, 2 * kHuge, 2 * kHuge);
}

QRectF FlowTokenLayer::extent(const Placed &token)
{
    const qreal extra = shapeLabel(token.shape).size() > 1 ? 60 : 0;   // a word beside it
    return QRectF(token.at.x() - kRadius - 2, token.at.y() - kRadius - 2, 2 * kRadius + 4 + extra, 2 * kRadius + 4);
}

void FlowTokenLayer::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setFont(tokenFont());
    for (const Placed &token : std::as_const(placed_))
        paintToken(painter, token);
}

void FlowTokenLayer::paintToken(QPainter *painter, const Placed &token)
{
    const QColor color = FlowStyle::tokenColor();
    const QPointF c = token.at;
    const qreal r = kRadius;
    painter->setPen(QPen(Qt::white, 1.5));
    painter->setBrush(color);
    switch (token.shape) {
    case TokenShape::Message:
        painter->drawEllipse(c, r - 1, r - 1);
        break;
    case TokenShape::Redelivered:
    case TokenShape::Requeued:
        painter->drawPolygon(QPolygonF{c + QPointF(0, -r - 1), c + QPointF(r + 1, 0), c + QPointF(0, r + 1),
                                       c + QPointF(-r - 1, 0)});
        break;
    case TokenShape::DeadLettered:
        painter->setBrush(QColor(0xb9, 0x1c, 0x1c));
        painter->drawRect(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r));
        break;
    case TokenShape::Returned:
        painter->drawPolygon(QPolygonF{c + QPointF(-r, 0), c + QPointF(r, -r), c + QPointF(r, r)});
        break;
    case TokenShape::Expired:
        painter->setPen(QPen(color, 2.5));
        painter->setBrush(Qt::white);
        painter->drawEllipse(c, r - 1, r - 1);
        break;
    case TokenShape::Dropped:
        painter->setPen(QPen(color, 3, Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(c + QPointF(-r + 1, -r + 1), c + QPointF(r - 1, r - 1));
        painter->drawLine(c + QPointF(-r + 1, r - 1), c + QPointF(r - 1, -r + 1));
        break;
    }
    const QString label = shapeLabel(token.shape);
    if (label.size() == 1) {
        painter->setPen(Qt::white);
        painter->drawText(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r), Qt::AlignCenter, label);
    } else if (!label.isEmpty()) {
        painter->setPen(FlowStyle::textColor());
        painter->drawText(QRectF(c.x() + r + 3, c.y() - r, 60, 2 * r), Qt::AlignLeft | Qt::AlignVCenter, label);
    }
}

} // namespace warren::ui
