// warren-load: a one-scenario AMQP 0-9-1 throughput probe.
//
// It deliberately uses clients independent of Warren, so the same binary can
// be pointed at Warren and at RabbitMQ and the numbers compared fairly: by
// default rabbitmq-c (amqp_load.cpp), with --pipeline a small hand-written
// client that batches its writes (pipeline_client.cpp).
// One run: consumer threads declare fresh queues and start consuming, then
// publisher threads publish transient messages to them through the default
// exchange as fast as they can; every thread has its own connection. By
// default that is one publisher -> one queue -> one consumer; --publishers N
// --consumers M puts N publishers and M consumers on the one queue, --queues K
// runs K publisher/consumer pairs, each alone on its own queue. The clock runs
// from the first publish to the last message consumed over all threads; one
// "result ..." line is printed.

#include "load_common.h"
#include "rabbitmq_c_util.h"
#include "stall_probe.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <exception>
#include <future>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using namespace warrenload;

// Per side. Each is a thread and a connection; far more than a 2-core machine
// can use, but a typo like 1600 should not start 1600 threads.
constexpr unsigned kMaxThreads = 256;

[[noreturn]] void usage(const std::string &why)
{
    std::fprintf(stderr,
                 "warren-load: %s\n"
                 "usage: warren-load [--host H] [--port P] [--scenario NAME] [--pipeline]\n"
                 "                   [--size BYTES]\n"
                 "                   (--count N | --seconds S | both: whichever comes first)\n"
                 "                   [--ack [--prefetch N] [--multiple-ack-every K]]\n"
                 "                   [--max-backlog N] [--idle-timeout S]\n"
                 "                   [--publishers N] [--consumers M]  (all on one queue; default 1 and 1)\n"
                 "                   [--queues K]  (K publisher/consumer pairs, one queue each)\n"
                 "                   [--rate MSGS_PER_SECOND]  (paced; measures each message's latency;\n"
                 "                                              one publisher and one consumer only)\n",
                 why.c_str());
    std::exit(2);
}

template <typename T>
T number(std::string_view flag, const char *text)
{
    return parseNumber<T>(flag, text, usage);
}

unsigned threadCount(std::string_view flag, const char *text)
{
    const unsigned n = number<unsigned>(flag, text);
    if (n == 0 || n > kMaxThreads)
        usage(std::string(flag) + " needs a number from 1 to " + std::to_string(kMaxThreads));
    return n;
}

// --publishers N --consumers M share one queue; --queues K means K pairs.
// Mixing the two has no single meaning, so it is refused.
void setShape(Options &o, std::optional<unsigned> publishers, std::optional<unsigned> consumers,
              std::optional<unsigned> queues)
{
    if (queues && (publishers || consumers))
        usage("--queues K runs K publisher/consumer pairs, one queue each: leave out --publishers and "
              "--consumers (they put every thread on one queue)");
    o.queues = queues.value_or(1);
    o.publishers = queues.value_or(publishers.value_or(1));
    o.consumers = queues.value_or(consumers.value_or(1));
}

// "1p1c-16B-noack"; "4p4c-..." on one queue; "16p16c-16q-..." for 16 pairs.
std::string defaultScenario(const Options &o)
{
    std::string shape = std::to_string(o.publishers) + "p" + std::to_string(o.consumers) + "c";
    if (o.queues > 1)
        shape += "-" + std::to_string(o.queues) + "q";
    return shape + "-" + std::to_string(o.size) + "B-" + (o.ack ? "ack" : "noack");
}

Options parseOptions(int argc, char **argv)
{
    Options o;
    std::optional<unsigned> publishers, consumers, queues;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        auto value = [&]() -> const char * {
            if (i + 1 >= argc)
                usage(std::string(arg) + " needs a value");
            return argv[++i];
        };
        if (arg == "--host") o.host = value();
        else if (arg == "--port") o.port = number<int>(arg, value());
        else if (arg == "--scenario") o.scenario = value();
        else if (arg == "--pipeline") o.pipeline = true;
        else if (arg == "--size") o.size = number<std::size_t>(arg, value());
        else if (arg == "--count") o.count = number<std::uint64_t>(arg, value());
        else if (arg == "--seconds") o.seconds = number<double>(arg, value());
        else if (arg == "--ack") o.ack = true;
        else if (arg == "--prefetch") o.prefetch = number<std::uint16_t>(arg, value());
        else if (arg == "--multiple-ack-every") o.ackEvery = number<std::uint64_t>(arg, value());
        else if (arg == "--max-backlog") o.maxBacklog = number<std::uint64_t>(arg, value());
        else if (arg == "--idle-timeout") o.idleTimeout = number<double>(arg, value());
        else if (arg == "--rate") o.rate = number<double>(arg, value());
        else if (arg == "--publishers") publishers = threadCount(arg, value());
        else if (arg == "--consumers") consumers = threadCount(arg, value());
        else if (arg == "--queues") queues = threadCount(arg, value());
        else if (arg == "--help" || arg == "-h") usage("publishers -> queues -> consumers, end-to-end msg/s");
        else usage("unknown option " + std::string(arg));
    }
    setShape(o, publishers, consumers, queues);
    if (o.count == 0 && o.seconds <= 0)
        usage("give --count and/or --seconds");
    if (o.count != 0 && o.count < o.publishers)
        usage("--count is the total over all publishers: give at least one message per publisher");
    if (!o.ack && (o.prefetch != 0 || o.ackEvery != 0))
        usage("--prefetch and --multiple-ack-every only make sense with --ack");
    // With fewer unacked messages allowed than we wait for before acking, the
    // broker would stop delivering and the run would hang.
    if (o.ackEvery > 0 && o.prefetch > 0 && o.ackEvery > o.prefetch)
        usage("--multiple-ack-every must not exceed --prefetch");
    // The body carries its send time in 8 bytes, and ends in a checked 'w'.
    if (o.rate > 0 && o.size <= kStampBytes)
        usage("--rate needs --size of more than 8 (the body carries its send time)");
    // Latency is measured for one stream of paced messages; several paced
    // publishers would need a rate split and samples merged across consumers.
    if (o.rate > 0 && !o.oneToOne())
        usage("--rate measures one publisher -> one queue -> one consumer: leave out --publishers, "
              "--consumers and --queues");
    if (o.scenario.empty())
        o.scenario = defaultScenario(o);
    return o;
}

// ---- the plan: queues and threads ------------------------------------------------

std::string uniqueQueueName()
{
    std::random_device rd;
    return "warren-load-" + std::to_string(::getpid()) + "-" + std::to_string(rd() % 1000000000u);
}

// One lane for N -> 1 -> M, K lanes for K pairs. A deque: a Lane holds
// atomics and must not move once threads point at it.
std::deque<Lane> makeLanes(const Options &o, std::atomic<bool> &abort)
{
    std::deque<Lane> lanes;
    const std::string base = uniqueQueueName();
    for (unsigned i = 0; i < o.queues; ++i)
        lanes.emplace_back(o.queues == 1 ? base : base + "-" + std::to_string(i + 1),
                           o.publishers / o.queues, o.consumers / o.queues, abort);
    return lanes;
}

// Thread 'index' of the 'total' on one side: pair i uses queue i; with one
// queue all do. Threads are numbered in messages only when there are several.
Task taskFor(const Options &o, std::deque<Lane> &lanes, const char *side, unsigned index, unsigned total)
{
    Lane &lane = lanes[std::size_t(index) * lanes.size() / total];
    std::string role = side;
    if (!o.oneToOne()) {
        role += ' ';  // not " " + to_string(): GCC 12 warns wrongly (-Wrestrict) on that
        role += std::to_string(index + 1);
    }
    return Task{o, lane, role};
}

std::vector<Task> consumerTasks(const Options &o, std::deque<Lane> &lanes)
{
    std::vector<Task> tasks;
    for (unsigned i = 0; i < o.consumers; ++i)
        tasks.push_back(taskFor(o, lanes, "consumer", i, o.consumers));
    return tasks;
}

// --count is the total: each publisher gets an even share, the first ones
// one more while the remainder lasts.
std::vector<Task> publisherTasks(const Options &o, std::deque<Lane> &lanes)
{
    std::vector<Task> tasks;
    for (unsigned i = 0; i < o.publishers; ++i) {
        tasks.push_back(taskFor(o, lanes, "publisher", i, o.publishers));
        if (o.count != 0)
            tasks.back().options.count = o.count / o.publishers + (i < o.count % o.publishers ? 1 : 0);
    }
    return tasks;
}

// ---- threads ---------------------------------------------------------------------

// The threads' errors in the order they happened: the first is the cause.
// Threads that only stopped because of it are counted, not repeated.
class Failures {
public:
    void add(std::exception_ptr e)
    {
        const std::lock_guard lock(mutex_);
        errors_.push_back(std::move(e));
    }
    bool any() const
    {
        const std::lock_guard lock(mutex_);
        return !errors_.empty();
    }
    void report() const
    {
        const std::lock_guard lock(mutex_);
        int stopped = 0;
        for (const std::exception_ptr &e : errors_) {
            try {
                std::rethrow_exception(e);
            } catch (const StoppedByOther &) {
                ++stopped;
            } catch (const std::exception &x) {
                std::fprintf(stderr, "warren-load: error: %s\n", x.what());
            }
        }
        if (stopped > 0)
            std::fprintf(stderr, "warren-load: %d other thread(s) stopped because of it\n", stopped);
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::exception_ptr> errors_;
};

// One thread running 'body'. Its exception is recorded, then every other
// thread is told to stop (in that order, so the cause is listed first);
// 'exited' says the body is over and joining is immediate.
class Worker {
public:
    template <typename Body>
    Worker(Failures &failures, std::atomic<bool> &abort, Body body)
        : thread_([this, &failures, &abort, body]() mutable {
              try {
                  body();
              } catch (...) {
                  failures.add(std::current_exception());
                  abort.store(true);
              }
              exited_.store(true);
          })
    {
    }
    ~Worker() { join(); }
    Worker(const Worker &) = delete;
    Worker &operator=(const Worker &) = delete;

    bool exited() const { return exited_.load(); }
    void join()
    {
        if (thread_.joinable())
            thread_.join();
    }

private:
    std::atomic<bool> exited_{false};
    std::thread thread_;  // last: started once 'exited_' exists
};

bool allExited(const std::deque<Worker> &workers, std::chrono::milliseconds limit)
{
    auto done = [&] { return std::all_of(workers.begin(), workers.end(), [](const Worker &w) { return w.exited(); }); };
    for (const auto end = Clock::now() + limit; !done() && Clock::now() < end;)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return done();
}

struct Client {
    ConsumeResult (*consume)(const Task &, std::promise<void> &ready);
    PublishResult (*publish)(const Task &, std::promise<void> &ready, const std::shared_future<void> &start);
};

Client clientFor(const Options &o)
{
    if (o.pipeline)
        return {runPipelineConsumer, runPipelinePublisher};
    return {runRabbitConsumer, runRabbitPublisher};
}

// Waits until every thread of a side has fulfilled its promise: set up, or
// failed (then its error is in Failures too). False if any failed.
bool allReady(std::vector<std::promise<void>> &ready)
{
    bool ok = true;
    for (std::promise<void> &p : ready) {
        try {
            p.get_future().get();
        } catch (...) {
            ok = false;
        }
    }
    return ok;
}

// One run: its lanes, its threads and what they leave behind. Everything a
// thread uses is declared before the threads, which are destroyed (joined)
// first.
class Run {
public:
    explicit Run(const Options &o)
        : client_(clientFor(o)), lanes_(makeLanes(o, abort_)), consumerTasks_(consumerTasks(o, lanes_)),
          publisherTasks_(publisherTasks(o, lanes_)), consumersReady_(o.consumers),
          publishersReady_(o.publishers), consumed_(o.consumers), published_(o.publishers)
    {
    }

    // Consumers first: each queue is declared and consumed from before the
    // first publish. Then the publishers connect, and start together. False
    // on any failure (reported).
    bool exec()
    {
        const bool subscribed = startSide(consumers_, consumersReady_, [this](std::size_t i) {
            consumed_[i] = client_.consume(consumerTasks_[i], consumersReady_[i]);
        });
        const bool connected = subscribed && startSide(publishers_, publishersReady_, [this](std::size_t i) {
            published_[i] = client_.publish(publisherTasks_[i], publishersReady_[i], startFuture_);
        });
        if (!connected)
            abort_.store(true);
        start_.set_value();  // also releases the publishers into the abort
        return joinAll();
    }

    const std::vector<PublishResult> &published() const { return published_; }
    const std::vector<ConsumeResult> &consumed() const { return consumed_; }
    // --rate runs have one consumer, which measured every message.
    LatencyRecorder &latency() { return consumed_.front().latency; }
    std::uint64_t publishedCount() const
    {
        std::uint64_t n = 0;
        for (const Lane &lane : lanes_)
            n += lane.published.load();
        return n;
    }

private:
    // One thread per promise running body(i), then waits until all are set
    // up. A thread that fails before it is ready passes its error to its
    // promise too, so the wait never hangs on it.
    template <typename Body>
    bool startSide(std::deque<Worker> &workers, std::vector<std::promise<void>> &ready, Body body)
    {
        for (std::size_t i = 0; i < ready.size(); ++i)
            workers.emplace_back(failures_, abort_, [&ready, i, body] {
                try {
                    body(i);
                } catch (...) {
                    try { ready[i].set_exception(std::current_exception()); } catch (const std::future_error &) {}
                    throw;
                }
            });
        return allReady(ready);
    }

    // The consumers always end: all received, an error, or the idle timeout.
    // A publisher can hang in a blocking send if the broker stops reading its
    // socket, so publishers cannot be joined blindly; leave without them then.
    bool joinAll()
    {
        for (Worker &w : consumers_)
            w.join();
        if (failures_.any() && !allExited(publishers_, std::chrono::seconds(2))) {
            failures_.report();
            std::fprintf(stderr, "warren-load: error: a publisher is still blocked writing: the broker "
                                 "stopped reading its connection\n");
            std::fflush(stderr);
            std::_Exit(1);
        }
        for (Worker &w : publishers_)
            w.join();
        if (failures_.any()) {
            failures_.report();
            return false;
        }
        return true;
    }

    const Client client_;
    std::atomic<bool> abort_{false};
    Failures failures_;
    std::deque<Lane> lanes_;
    const std::vector<Task> consumerTasks_, publisherTasks_;
    std::vector<std::promise<void>> consumersReady_, publishersReady_;
    std::promise<void> start_;
    const std::shared_future<void> startFuture_ = start_.get_future().share();
    std::vector<ConsumeResult> consumed_;
    std::vector<PublishResult> published_;
    std::deque<Worker> consumers_, publishers_;  // last: destroyed (joined) first
};

// ---- the result ------------------------------------------------------------------

double secondsBetween(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

// The run as a whole: from the first publish of any publisher to the last
// message any consumer received, CPU seconds summed over each side's threads.
struct Totals {
    std::uint64_t published = 0, consumed = 0;
    Clock::time_point first = Clock::time_point::max(), publishEnd = Clock::time_point::min(),
                      last = Clock::time_point::min();
    double publisherCpu = 0, consumerCpu = 0;
};

Totals totalsOf(const Run &run)
{
    Totals t;
    t.published = run.publishedCount();
    for (const PublishResult &p : run.published()) {
        t.first = std::min(t.first, p.first);
        t.publishEnd = std::max(t.publishEnd, p.end);
        t.publisherCpu += p.cpu;
    }
    for (const ConsumeResult &c : run.consumed()) {
        t.consumed += c.consumed;
        if (c.consumed > 0)
            t.last = std::max(t.last, c.lastMessage);
        t.consumerCpu += c.cpu;
    }
    return t;
}

// publisher_cpu / consumer_cpu: CPU time of that side's threads over its busy
// span (publishing; first publish to last message), 1.00 = one core flat out.
// The thread counts go at the end of the line, and only when not 1 -> 1 -> 1,
// so the one-to-one line stays what scripts have always parsed.
void printResult(const Options &o, const Totals &t, LatencyRecorder &latency, const StallProbe *probe)
{
    const double seconds = t.consumed > 0 ? secondsBetween(t.first, t.last) : 0;
    const double publishSeconds = secondsBetween(t.first, t.publishEnd);
    std::printf("result scenario=%s client=%s size=%zu mode=%s prefetch=%u multiple_ack_every=%llu "
                "max_backlog=%llu msgs=%llu seconds=%.3f rate=%.0f publish_rate=%.0f "
                "publisher_cpu=%.2f consumer_cpu=%.2f",
                o.scenario.c_str(), o.pipeline ? "pipeline" : "rabbitmq-c", o.size,
                o.ack ? "ack" : "noack", unsigned(o.prefetch),
                static_cast<unsigned long long>(o.ackEvery),
                static_cast<unsigned long long>(o.maxBacklog),
                static_cast<unsigned long long>(t.consumed), seconds,
                seconds > 0 ? double(t.consumed) / seconds : 0.0,
                publishSeconds > 0 ? double(t.published) / publishSeconds : 0.0,
                publishSeconds > 0 ? t.publisherCpu / publishSeconds : 0.0,
                seconds > 0 ? t.consumerCpu / seconds : 0.0);
    if (!o.oneToOne())
        std::printf(" publishers=%u consumers=%u queues=%u", o.publishers, o.consumers, o.queues);
    std::printf("\n");
    if (o.rate > 0) {
        // The result line stays one line: the latency figures go on it, the
        // histogram on lines of its own after it.
        latency.finish();
        std::printf("latency scenario=%s client=%s target_rate=%.0f samples=%zu %s machine_stalls=%d "
                    "machine_stall_max_ms=%.1f\n",
                    o.scenario.c_str(), o.pipeline ? "pipeline" : "rabbitmq-c", o.rate, latency.size(),
                    latency.summary().c_str(), probe ? probe->stalls() : 0,
                    probe ? probe->longestMillis() : 0.0);
        latency.printHistogram(stdout);
    }
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char **argv)
{
    const Options o = parseOptions(argc, argv);
    std::optional<StallProbe> probe;
    if (o.rate > 0)
        probe.emplace();
    Run run(o);
    if (!run.exec())
        return 1;
    if (probe)
        probe->stop();
    printResult(o, totalsOf(run), run.latency(), probe ? &*probe : nullptr);
    return 0;
}
