// When a simulated producer's messages are due. A burst is due all at once; a rate spreads
// the messages evenly from the moment publishing (re)started, the first one at once. Pure:
// the producer asks with the time elapsed on its own clock, so tests need no timer.
#pragma once

#include <QtGlobal>

namespace warren::sim {

class PublishPacer {
public:
    static PublishPacer rate(double perSecond) { return PublishPacer(false, perSecond, 0); }
    static PublishPacer burst(int count) { return PublishPacer(true, 0, count); }

    // How many of this run's messages are due `elapsedMs` after it started.
    quint64 dueAt(qint64 elapsedMs) const;
    // When (ms after the start) the message after the first `sent` ones is due; -1: never
    // (a burst that is sent, or a rate of zero).
    qint64 nextDueMs(quint64 sent) const;
    // A burst ends once sent; a rate never does.
    bool finished(quint64 sent) const { return burst_ && sent >= quint64(count_); }

private:
    PublishPacer(bool burst, double perSecond, int count)
        : burst_(burst), perSecond_(qMax(0.0, perSecond)), count_(qMax(0, count)) {}

    bool burst_;
    double perSecond_;
    int count_;
};

} // namespace warren::sim
