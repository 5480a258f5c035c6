#include "FlowView.h"

#include "FlowScene.h"
#include "FlowTokenLayer.h"

#include <QMouseEvent>
#include <QWheelEvent>

#include <cmath>

namespace warren::ui {

namespace {
constexpr qreal kMinZoom = 0.1;
constexpr qreal kMaxZoom = 4.0;
constexpr qreal kStep = 1.2;
}

FlowView::FlowView(FlowScene *scene, QWidget *parent) : QGraphicsView(scene, parent), flowScene_(scene)
{
    setObjectName(QStringLiteral("flowView"));
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    // Tokens repaint only where they move; the layer's own rectangles say where.
    setViewportUpdateMode(QGraphicsView::MinimalViewportUpdate);
    setOptimizationFlags(QGraphicsView::DontSavePainterState);
    setFocusPolicy(Qt::StrongFocus);
}

void FlowView::zoomBy(qreal factor)
{
    zoomedByHand_ = true;
    const qreal target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
    scale(target / zoom(), target / zoom());
}

void FlowView::zoomToFit()
{
    zoomedByHand_ = false;
    const QRectF rect = flowScene_->graphRect();
    if (rect.isEmpty())
        return;
    fitInView(rect, Qt::KeepAspectRatio);
    // Never blown up past life size: a small graph stays readable, not huge.
    if (zoom() > 1.0)
        setTransform(QTransform());
    centerOn(rect.center());
}

void FlowView::wheelEvent(QWheelEvent *event)
{
    const qreal steps = event->angleDelta().y() / 120.0;
    if (steps != 0)
        zoomBy(std::pow(kStep, steps));
    event->accept();
}

void FlowView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        if (const quint64 id = flowScene_->tokenLayer()->tokenAt(mapToScene(event->position().toPoint()))) {
            emit tokenClicked(id);
            event->accept();
            return;
        }
    }
    QGraphicsView::mousePressEvent(event);
}

} // namespace warren::ui
