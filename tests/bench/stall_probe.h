// warren-load --rate: whether the machine itself stalled during a latency run.
//
// A thread of its own sleeps 1 ms at a time and notes every wake-up that came more than
// 10 ms late. Such a stall holds up every process at once (a virtual machine's vCPU taken
// away, the host throttling it), so the messages in flight then are late whatever the
// broker does: on the 2-core development VM wake-ups 100 ms late come a few times in ten
// seconds under loopback traffic of 10,000 msg/s, with either broker. The run reports
// them beside its percentiles, so a p99 made by the machine is not read as the broker's.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

namespace warrenload {

class StallProbe {
public:
    StallProbe() : thread_([this] { run(); }) {}
    ~StallProbe() { stop(); }
    StallProbe(const StallProbe &) = delete;
    StallProbe &operator=(const StallProbe &) = delete;

    void stop()
    {
        stop_.store(true);
        if (thread_.joinable())
            thread_.join();
    }
    int stalls() const { return stalls_; }              // after stop()
    double longestMillis() const { return longestMs_; }  // after stop()

private:
    static constexpr auto kNap = std::chrono::milliseconds(1);
    static constexpr double kStallMs = 10;

    void run()
    {
        using Clock = std::chrono::steady_clock;
        while (!stop_.load(std::memory_order_relaxed)) {
            const auto due = Clock::now() + kNap;
            std::this_thread::sleep_until(due);
            const double lateMs = std::chrono::duration<double, std::milli>(Clock::now() - due).count();
            if (lateMs > kStallMs) {
                ++stalls_;
                longestMs_ = std::max(longestMs_, lateMs);
            }
        }
    }

    std::atomic<bool> stop_{false};
    int stalls_ = 0;
    double longestMs_ = 0;
    std::thread thread_;   // last: started once the counters exist
};

}  // namespace warrenload
