// All moving dots of the routing graph in one item: one paint for every token, and each frame
// repaints only where dots were and are (hundreds of separate items would each be re-indexed
// by the scene on every move). Shapes and letters, not colours, tell a redelivery, a
// dead-lettered copy, a return, an expiry or a drop from an ordinary message.
#pragma once

#include "FlowTokens.h"

#include <QGraphicsItem>

namespace warren::ui {

class FlowScene;

class FlowTokenLayer : public QGraphicsItem {
public:
    explicit FlowTokenLayer(FlowScene *scene);

    // Places the tokens for the time `now` and repaints where they moved.
    void showFrame(const FlowTokens &tokens, qint64 now);
    // The message of the token under a scene position, 0 when none.
    std::uint64_t tokenAt(const QPointF &scenePos) const;
    int visibleCount() const { return int(placed_.size()); }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    static QString shapeLabel(TokenShape shape);

private:
    struct Placed {
        QPointF at;
        TokenShape shape;
        std::uint64_t traceId;
        bool mark;
    };
    static void paintToken(QPainter *painter, const Placed &token);
    static QRectF extent(const Placed &token);

    FlowScene *flowScene_;
    QList<Placed> placed_;
    QRectF painted_;   // what the last frame covered
};

} // namespace warren::ui
