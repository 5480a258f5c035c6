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

namespace {
// A snapshot comes every 250 ms; past this many waiting events the oldest are not drawn.
constexpr qsizetype kMaxWaiting = 50000;
}

void FlowAnimator::addEvents(const QList<observe::TraceEvent> &events)
{
    waiting_.append(events);
    if (waiting_.size() > kMaxWaiting)
        waiting_.remove(0, waiting_.size() - kMaxWaiting);
}

void FlowAnimator::placeWaiting()
{
    if (waiting_.isEmpty())
        return;
    tokens_.add(waiting_, scene_->graph(), clock_->now());
    waiting_.clear();
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
    waiting_.clear();
    tokens_.clear();
    scene_->tokenLayer()->showFrame(tokens_, clock_->now());
}

void FlowAnimator::startIfNeeded()
{
    if (active_ && !tokens_.isEmpty() && !timer_.isActive())
        timer_.start();
}

} // namespace warren::ui
