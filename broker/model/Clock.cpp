#include "Clock.h"

#include <QElapsedTimer>

namespace warren::model {

namespace {
class SteadyClock : public Clock {
public:
    SteadyClock() { timer_.start(); }
    // Offset so that 0 never means "now": 0 is used for "no deadline".
    qint64 nowMs() const override { return timer_.elapsed() + 1; }

private:
    QElapsedTimer timer_;
};
} // namespace

const Clock &Clock::steady()
{
    static const SteadyClock clock;
    return clock;
}

} // namespace warren::model
