// What warren-load's parts share: the options, the state the publisher and
// consumer threads of one queue exchange (a Lane), the checks both clients
// make, and the entry points of the two clients (rabbitmq-c in amqp_load.cpp,
// the pipeline client in pipeline_client.cpp); load_main.cpp runs them.
#pragma once

#include "latency_recorder.h"

#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

namespace warrenload {

using Clock = std::chrono::steady_clock;

struct Options {
    std::string host = "127.0.0.1";
    int port = 5672;
    std::string scenario;          // label for the result line only
    bool pipeline = false;         // our buffered client instead of rabbitmq-c
    std::size_t size = 16;         // message body in bytes
    std::uint64_t count = 0;       // 0 = no message limit (then --seconds is needed); a
                                   // publisher thread's copy holds its share of the total
    double seconds = 0;            // 0 = no time limit (then --count is needed)
    bool ack = false;              // manual ack instead of auto-ack (no-ack)
    std::uint16_t prefetch = 0;    // basic.qos prefetch-count, manual ack only
    std::uint64_t ackEvery = 0;    // 0 = ack each message, K = multiple-ack every K
    std::uint64_t maxBacklog = 0;  // 0 = publish freely, N = a queue stays at most N messages
                                   // ahead of its consumers
    double idleTimeout = 30;       // fail if nothing arrives for this long
    double rate = 0;               // 0 = as fast as possible; R = R msg/s, each body stamped
                                   // with its send time and its latency measured
    unsigned publishers = 1;       // publisher threads, each with its own connection
    unsigned consumers = 1;        // consumer threads, each with its own connection
    unsigned queues = 1;           // 1 = every thread on one queue; K = K publisher/consumer
                                   // pairs, pair i alone on queue i

    bool oneToOne() const { return publishers == 1 && consumers == 1 && queues == 1; }
};

// One queue and what the publishers and consumers on it share. In a plain run
// there is one lane with one thread on each side; in K pairs, K lanes.
struct Lane {
    Lane(std::string name, unsigned publisherCount, unsigned consumerCount, std::atomic<bool> &abortFlag)
        : queue(std::move(name)), consumers(consumerCount), publishing(publisherCount),
          subscribed(consumerCount), abort(abortFlag)
    {
    }

    const std::string queue;
    const unsigned consumers;
    // Publishers write one count and consumers the other, up to once per
    // message: on separate cache lines, neither side slows the other down.
    alignas(64) std::atomic<std::uint64_t> published{0};  // running total of the lane's publishers
    alignas(64) std::atomic<std::uint64_t> consumed{0};   // running total of its consumers
    std::atomic<bool> publishDone{false};     // every publisher is done: 'published' is final
    std::atomic<unsigned> publishing;         // publishers still publishing
    std::atomic<unsigned> subscribed;         // consumers whose data channel is still open
    std::atomic<bool> &abort;                 // run-wide: some thread failed, everyone stops
};

// One publisher or consumer thread's assignment. A publisher's options carry
// its share of --count; 'role' names the thread in error messages.
struct Task {
    Options options;
    Lane &lane;
    std::string role;
};

struct PublishResult {
    Clock::time_point first;  // the first publish
    Clock::time_point end;    // after the last publish
    double cpu = 0;           // CPU seconds of the thread between the two
};

struct ConsumeResult {
    std::uint64_t consumed = 0;  // by this consumer
    Clock::time_point lastMessage;
    double cpu = 0;             // CPU seconds of the consumer thread while consuming
    LatencyRecorder latency;    // --rate only: one sample per message
};

// Thrown by a thread that stops because another one failed: the report shows
// the failure that caused it and only counts these.
struct StoppedByOther : std::runtime_error {
    explicit StoppedByOther(const std::string &role)
        : std::runtime_error(role + ": stopped because another thread of the benchmark failed")
    {
    }
};

// Publishers connect first, say they are ready and wait for the start
// together, so the clock (from the first publish) starts with all of them
// under way, not with the first while the others are still logging in.
inline void awaitStart(const Task &t, std::promise<void> &ready, const std::shared_future<void> &start)
{
    ready.set_value();
    start.wait();
    if (t.lane.abort.load())
        throw StoppedByOther(t.role);
}

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

inline Clock::time_point publishDeadline(const Options &o, Clock::time_point firstPublish)
{
    return firstPublish + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
}

// A publisher is done. The lane's last one makes 'published' final; the
// release orders every publisher's count before the consumers read it.
inline void finishPublishing(Lane &lane)
{
    if (lane.publishing.fetch_sub(1, std::memory_order_acq_rel) == 1)
        lane.publishDone.store(true, std::memory_order_release);
}

inline bool allConsumed(const Lane &lane)
{
    return lane.publishDone.load(std::memory_order_acquire) &&
           lane.consumed.load(std::memory_order_acquire) >= lane.published.load(std::memory_order_acquire);
}

// --max-backlog: messages of the lane published and not yet consumed, plus
// 'unannounced' ones the caller has written but not yet added to 'published'.
// Another publisher's count can lag behind what its consumer already got, so
// the difference is clamped at 0.
inline std::uint64_t backlog(const Lane &lane, std::uint64_t unannounced)
{
    const std::uint64_t published = lane.published.load(std::memory_order_relaxed) + unannounced;
    const std::uint64_t consumed = lane.consumed.load(std::memory_order_relaxed);
    return published > consumed ? published - consumed : 0;
}

// Which ack a consumer sends after its n-th message: one per message
// (multiple=false), or with --multiple-ack-every K one for every K-th
// (multiple=true); tailAckDue says the last ones still need theirs.
enum class AckNow { None, Single, UpToHere };

inline AckNow ackAfter(const Options &o, std::uint64_t n)
{
    if (!o.ack)
        return AckNow::None;
    if (o.ackEvery == 0)
        return AckNow::Single;
    return n % o.ackEvery == 0 ? AckNow::UpToHere : AckNow::None;
}

inline bool tailAckDue(const Options &o, std::uint64_t consumed)
{
    return o.ack && o.ackEvery > 0 && consumed % o.ackEvery != 0;
}

// --max-backlog: the naps of a publisher whose queue is full. The first is
// short, so a queue that drains fast is refilled at once; they double up to
// 1 ms, so 16 waiting publishers do not wake 300,000 times a second and take
// the CPU the broker needs to drain their queues. 1 ms is a small part of
// any sensible backlog (100,000 messages last ~100 ms at 1 M msg/s).
class BacklogNaps {
public:
    void nap()
    {
        std::this_thread::sleep_for(next_);
        next_ = std::min(next_ * 2, std::chrono::microseconds(1000));
    }

private:
    std::chrono::microseconds next_{50};
};

// Called by a consumer after its data channel is closed (the broker has then
// requeued whatever it left unacked): true for the lane's last one, which
// checks that the queue is empty and deletes it.
inline bool lastToLeave(Lane &lane)
{
    return lane.subscribed.fetch_sub(1, std::memory_order_acq_rel) == 1;
}

// After consuming: every published message arrived exactly once over the
// lane's consumers (a duplicate shows as one too many).
inline void requireExactlyOnce(const Lane &lane, const std::string &role)
{
    const std::uint64_t consumed = lane.consumed.load(), published = lane.published.load();
    if (consumed != published)
        throw std::runtime_error(role + ": received " + std::to_string(consumed) + " messages" +
                                 (lane.consumers > 1 ? " (all consumers of the queue together)" : "") +
                                 ", but " + std::to_string(published) + " were published");
}

// The passive queue.declare after the run found 'left' messages.
inline void requireEmptyQueue(const Lane &lane, std::uint32_t left, const std::string &role)
{
    if (left != 0)
        throw std::runtime_error(role + ": " + std::to_string(left) + " message(s) were still in " +
                                 lane.queue +
                                 " after the run (unacked ones are requeued when the channel closes)");
}

// --idle-timeout for one consumer. On a queue with several consumers one of
// them may get nothing for a while as long as the others do, so the run is
// stalled only when none of the queue's consumers made progress for that long.
class IdleWatch {
public:
    IdleWatch(const Options &o, const Lane &lane, const std::string &role)
        : limit_(o.idleTimeout), lane_(lane), role_(role), seen_(lane.consumed.load()), last_(Clock::now())
    {
    }

    // This consumer received something (a message, or part of one) at 'now'.
    void progress(Clock::time_point now) { last_ = now; }

    // Called when a wait for data timed out; throws once the lane is stalled.
    void check()
    {
        if (const std::uint64_t seen = lane_.consumed.load(std::memory_order_relaxed); seen != seen_) {
            seen_ = seen;
            last_ = Clock::now();
            return;
        }
        if (std::chrono::duration<double>(Clock::now() - last_).count() > limit_)
            throw std::runtime_error(role_ + ": nothing delivered for --idle-timeout " +
                                     std::to_string(int(limit_)) + " s; received " + std::to_string(seen_) +
                                     " of " + std::to_string(lane_.published.load()) + " published so far");
    }

private:
    double limit_;
    const Lane &lane_;
    std::string role_;
    std::uint64_t seen_;
    Clock::time_point last_;
};

// CPU time of the calling thread, in seconds: shows whether a client thread
// was the bottleneck (close to 1.0 of its wall time) or had time to spare.
inline double threadCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

// The two clients, same contract: a consumer declares its lane's queue,
// subscribes, fulfils 'ready', consumes until the lane is done, then leaves
// (the last one checks and deletes the queue); a publisher connects, passes
// awaitStart() and publishes its share. Errors are thrown (runtime_error, or
// StoppedByOther).
//
// rabbitmq-c (amqp_load.cpp): one send() per frame.
ConsumeResult runRabbitConsumer(const Task &t, std::promise<void> &ready);
PublishResult runRabbitPublisher(const Task &t, std::promise<void> &ready, const std::shared_future<void> &start);
// The pipeline client (pipeline_client.cpp): hand-encoded frames, one write
// per ~64 KiB of publishes, large reads, acks batched per read.
ConsumeResult runPipelineConsumer(const Task &t, std::promise<void> &ready);
PublishResult runPipelinePublisher(const Task &t, std::promise<void> &ready,
                                   const std::shared_future<void> &start);

}  // namespace warrenload
