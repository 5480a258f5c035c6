// The routing graph's view: the wheel zooms, drag the background to pan, drag a
// node to move it, click a moving token to ask why its message went where it went.
#pragma once

#include <QGraphicsView>

namespace warren::ui {

class FlowScene;

class FlowView : public QGraphicsView {
    Q_OBJECT
public:
    explicit FlowView(FlowScene *scene, QWidget *parent = nullptr);

    void zoomBy(qreal factor);
    void zoomToFit();
    qreal zoom() const { return transform().m11(); }
    // Whether the user zoomed by hand: then a growing graph no longer refits the view.
    bool zoomedByHand() const { return zoomedByHand_; }

signals:
    void tokenClicked(quint64 traceId);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    FlowScene *flowScene_;
    bool zoomedByHand_ = false;
};

} // namespace warren::ui
