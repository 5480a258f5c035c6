// The routing graph's sense of time, for its one animation timer: tokens move by what this
// clock says, not by how often the timer fires. The window uses the steady clock; tests and
// screenshots use a ManualClock, which stands still until told to move, so a picture of
// tokens in flight is the same on every run.
#pragma once

#include <QElapsedTimer>
#include <QtGlobal>

namespace warren::ui {

class FlowClock {
public:
    virtual ~FlowClock() = default;
    // Milliseconds since some fixed start; never goes back.
    virtual qint64 now() const = 0;
};

class SteadyClock : public FlowClock {
public:
    SteadyClock() { timer_.start(); }
    qint64 now() const override { return timer_.elapsed(); }

private:
    QElapsedTimer timer_;
};

class ManualClock : public FlowClock {
public:
    qint64 now() const override { return now_; }
    void advance(qint64 ms) { now_ += ms; }

private:
    qint64 now_ = 0;
};

} // namespace warren::ui
