// RabbitMQ's consumer timeout, judged on a periodic check as RabbitMQ does (its channel
// tick), at no cost on the delivery path: no delivery is timestamped. A check notes the
// channel's oldest unacknowledged delivery tag when it first sees it; when a later check
// finds that same tag still outstanding `timeout` after that, the delivery has waited at
// least that long. So the verdict is never early, and at most two check intervals late.
#pragma once

#include <QtGlobal>

#include <algorithm>
#include <cstdint>

namespace warren::server {

class ConsumerTimeout {
public:
    // How often to check: RabbitMQ's 60 s tick for its 30 min default, and often enough
    // for a short timeout to stay close to exact.
    static int checkIntervalMs(qint64 timeoutMs)
    {
        return int(std::clamp<qint64>(timeoutMs / 10, 50, 60'000));
    }

    // oldestTag: the channel's oldest delivery awaiting its ack, 0 when none.
    bool expired(std::uint64_t oldestTag, qint64 nowMs, qint64 timeoutMs)
    {
        if (oldestTag != tag_) {
            tag_ = oldestTag;
            seenAtMs_ = nowMs;
            return false;
        }
        return tag_ != 0 && nowMs - seenAtMs_ >= timeoutMs;
    }

private:
    std::uint64_t tag_ = 0;
    qint64 seenAtMs_ = 0;
};

} // namespace warren::server
