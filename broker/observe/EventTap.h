// The broker's event tap: what happens to each message, and why, for whoever watches (the
// explorer, `warren --trace-file`). Off unless someone subscribes; then the broker's hooks
// hand it events of the messages the sampler follows and it only counts the others, and the
// broker drains what it collected every few tens of milliseconds as one TraceBatch.
//
// Hooks call `message(traceId, build)` or `event(build)`: with the tap off that is one
// branch, for an untraced message one increment; `build` (a lambda making the TraceEvent)
// runs only for what is recorded. The ring is bounded: a watcher that does not drain loses
// events (counted as lost), never the broker's memory.
#pragma once

#include "TraceEvent.h"
#include "TraceSampler.h"

#include <QElapsedTimer>

#include <vector>

namespace warren::observe {

class EventTap {
public:
    static constexpr qsizetype kDefaultCapacity = 16384;

    explicit EventTap(qsizetype capacity = kDefaultCapacity, TraceSampler sampler = TraceSampler());
    EventTap(const EventTap &) = delete;
    EventTap &operator=(const EventTap &) = delete;

    void setEnabled(bool on);
    bool isEnabled() const { return enabled_; }

    // At publish: the message's trace id, 0 when it is not followed (or the tap is off).
    std::uint64_t sampleMessage() { return enabled_ ? sampler_.sample() : 0; }
    // The id of a copy the broker makes of a traced message (dead-lettering).
    std::uint64_t linkedId(std::uint64_t traceId) { return enabled_ && traceId ? sampler_.newId() : 0; }

    // An event about a message: recorded when it is traced, counted when not.
    template <class Build> void message(std::uint64_t traceId, Build &&build)
    {
        if (!enabled_)
            return;
        if (!traceId) {
            ++untraced_;
            return;
        }
        TraceEvent e = build();
        e.traceId = traceId;
        record(std::move(e));
    }
    // An event about the broker's state (connections, consumers, topology): always recorded.
    template <class Build> void event(Build &&build)
    {
        if (enabled_)
            record(build());
    }

    // What was collected since the last call; the ring is empty afterwards.
    TraceBatch takeBatch();
    // A second has passed: the sampler's budget starts again.
    void newWindow() { sampler_.newWindow(); }

private:
    void record(TraceEvent &&event);

    bool enabled_ = false;
    qsizetype capacity_;
    TraceSampler sampler_;
    std::vector<TraceEvent> ring_;   // size_ events from head_, allocated while enabled
    qsizetype head_ = 0;
    qsizetype size_ = 0;
    std::uint64_t nextSeq_ = 1;
    std::uint64_t untraced_ = 0;
    std::uint64_t lost_ = 0;
    QElapsedTimer clock_;
    qint64 epochUs_ = 0;   // wall-clock time when clock_ started
};

} // namespace warren::observe
