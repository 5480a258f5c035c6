// Milliseconds for TTLs and queue expiry. Injectable, so that tests can move time by hand.
#pragma once

#include <QtGlobal>

namespace warren::model {

class Clock {
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0;
    // A monotonic clock shared by everything that does not bring its own.
    static const Clock &steady();
};

} // namespace warren::model
