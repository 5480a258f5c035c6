// What warren-load's two clients share: the options, the state the publisher
// and consumer threads exchange, and the entry points of the pipeline client
// (pipeline_client.cpp; the rabbitmq-c client lives in amqp_load.cpp).
#pragma once

#include "latency_recorder.h"

#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <future>
#include <string>
#include <thread>

namespace warrenload {

using Clock = std::chrono::steady_clock;

struct Options {
    std::string host = "127.0.0.1";
    int port = 5672;
    std::string scenario;          // label for the result line only
    bool pipeline = false;         // our buffered client instead of rabbitmq-c
    std::size_t size = 16;         // message body in bytes
    std::uint64_t count = 0;       // 0 = no message limit (then --seconds is needed)
    double seconds = 0;            // 0 = no time limit (then --count is needed)
    bool ack = false;              // manual ack instead of auto-ack (no-ack)
    std::uint16_t prefetch = 0;    // basic.qos prefetch-count, manual ack only
    std::uint64_t ackEvery = 0;    // 0 = ack each message, K = multiple-ack every K
    std::uint64_t maxBacklog = 0;  // 0 = publish freely, N = stay at most N ahead of the consumer
    double idleTimeout = 30;       // fail if nothing arrives for this long
    double rate = 0;               // 0 = as fast as possible; R = R msg/s, each body stamped
                                   // with its send time and its latency measured
};

struct Shared {
    Clock::time_point firstPublish;           // read only after the publisher joined
    std::atomic<std::uint64_t> published{0};  // running total
    std::atomic<std::uint64_t> consumed{0};   // running total, for --max-backlog
    std::atomic<bool> publishDone{false};     // 'published' is final
    std::atomic<bool> abort{false};           // the other thread failed: stop
    Clock::time_point publishEnd;             // written before 'publishDone'
    double publisherCpu = 0;                  // CPU seconds of the publisher thread, first to last publish
};

struct ConsumeResult {
    std::uint64_t consumed = 0;
    Clock::time_point lastMessage;
    double cpu = 0;             // CPU seconds of the consumer thread while consuming
    LatencyRecorder latency;    // --rate only: one sample per message
};

// --rate: sends message i at start + i / rate. A wake-up that comes late (the
// sleep's own slack) is made up by the next slot; one late by more than a whole
// period restarts the schedule instead of sending a burst to catch up. The
// stamp is taken after the wait, when the message really goes.
class Pacer {
public:
    explicit Pacer(double rate)
        : period_(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / rate))),
          next_(Clock::now())
    {
    }
    void wait()
    {
        std::this_thread::sleep_until(next_);
        next_ += period_;
        if (const auto now = Clock::now(); next_ + period_ < now)
            next_ = now;
    }

private:
    Clock::duration period_;
    Clock::time_point next_;
};

// How many samples a paced run can produce (reserved before it starts).
inline std::size_t expectedSamples(const Options &o)
{
    const double bySeconds = o.seconds > 0 ? o.rate * o.seconds * 1.05 + 1000 : 0;
    if (o.count != 0 && (bySeconds == 0 || double(o.count) < bySeconds))
        return std::size_t(o.count);
    return std::size_t(bySeconds);
}

inline bool allConsumed(const Shared &s, std::uint64_t consumed)
{
    return s.publishDone.load(std::memory_order_acquire) &&
           consumed >= s.published.load(std::memory_order_acquire);
}

// CPU time of the calling thread, in seconds: shows whether a client thread
// was the bottleneck (close to 1.0 of its wall time) or had time to spare.
inline double threadCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

// The pipeline client: hand-encoded frames, one write per ~64 KiB of
// publishes, large reads, acks batched per read. Same contract as the
// rabbitmq-c functions in amqp_load.cpp; errors are thrown as runtime_error.
ConsumeResult runPipelineConsumer(const Options &o, const std::string &queue, Shared &s,
                                  std::promise<void> &ready);
void runPipelinePublisher(const Options &o, const std::string &queue, Shared &s);

}  // namespace warrenload
