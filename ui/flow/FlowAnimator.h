// Moves the routing graph's tokens: ONE timer for all of them, which runs only while the
// page is shown and something moves, and reads the time from a FlowClock, so that a test
// can stop time and take the same picture every run.
//
// Events wait for the next graph before they become tokens: a new client's first publish
// arrives (every 30 ms) before the snapshot that shows its connection (every 250 ms), and a
// dot needs its edge. Batches and snapshots leave the broker thread in order, so a graph
// made from a snapshot that came after a batch has every edge that batch's events took.
#pragma once

#include "FlowTokens.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace warren::ui {

class FlowClock;
class FlowScene;

class FlowAnimator : public QObject {
    Q_OBJECT
public:
    static constexpr int kFrameMs = 16;

    explicit FlowAnimator(FlowScene *scene, QObject *parent = nullptr);
    ~FlowAnimator() override;

    // Not owned; null: the steady clock.
    void setClock(FlowClock *clock);
    const FlowClock &clock() const { return *clock_; }
    // The broker's events, to become tokens on the next graph.
    void addEvents(const QList<observe::TraceEvent> &events);
    // The scene has a new graph: the waiting events become tokens on it.
    void placeWaiting();
    // Whether frames may run (the page is shown).
    void setActive(bool active);
    bool isTicking() const { return timer_.isActive(); }
    // Draws the tokens for the clock's time (the timer calls it each frame).
    void frame();
    void clear();
    const FlowTokens &tokens() const { return tokens_; }

private:
    void startIfNeeded();

    FlowScene *scene_;
    std::unique_ptr<FlowClock> steady_;
    FlowClock *clock_;
    FlowTokens tokens_;
    QList<observe::TraceEvent> waiting_;
    QTimer timer_;
    bool active_ = false;
};

} // namespace warren::ui
