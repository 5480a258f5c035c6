#include "FlowAnimator.h"

#include "FlowClock.h"
#include "FlowScene.h"
#include "FlowTokenLayer.h"

namespace warren::ui {

FlowAnimator::FlowAnimator(FlowScene *scene, QObject *parent)
    : QObject(parent), scene_(scene), steady_(std::make_unique<SteadyClock>()), clock_(steady_.get())
{
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(kFrameMs);
    connect(&timer_, &QTimer::timeout, this, &FlowAnimator::frame);
}

FlowAnimator::~FlowAnimator() = default;

void FlowAnimator::setClock(FlowClock *clock)
{
    clock_ = clock ? clock : steady_.get();
}

void FlowAnimator::addEvents(const QList<observe::TraceEvent> &events)
{
    tokens_.add(events, scene_->graph(), clock_->now());
    startIfNeeded();
}

void FlowAnimator::setActive(bool active)
{
    active_ = active;
    if (active)
        startIfNeeded();
    else
        timer_.stop();
}

void FlowAnimator::frame()
{
    const qint64 now = clock_->now();
    tokens_.expire(now);
    scene_->tokenLayer()->showFrame(tokens_, now);
    if (tokens_.isEmpty())
        timer_.stop();   // nothing moves: no frames until the next event
}

void FlowAnimator::clear()
{
    tokens_.clear();
    scene_->tokenLayer()->showFrame(tokens_, clock_->now());
}

void FlowAnimator::startIfNeeded()
{
    if (active_ && !tokens_.isEmpty() && !timer_.isActive())
        timer_.start();
}

} // namespace warren::ui
