// warren-load: a one-scenario AMQP 0-9-1 throughput probe.
//
// It deliberately uses clients independent of Warren, so the same binary can
// be pointed at Warren and at RabbitMQ and the numbers compared fairly: by
// default rabbitmq-c (this file), with --pipeline a small hand-written client
// that batches its writes (pipeline_client.cpp).
// One run: a consumer thread declares a fresh queue and starts consuming, then
// a publisher thread (its own connection) publishes transient messages to it
// through the default exchange as fast as it can. The clock runs from the
// first publish to the last message consumed; one "result ..." line is printed.

#include "load_common.h"
#include "rabbitmq_c_util.h"
#include "stall_probe.h"

#include <amqp.h>
#include <amqp_tcp_socket.h>

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <future>
#include <limits>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <vector>

namespace {

using namespace warrenload;
constexpr amqp_channel_t kCheckChannel = 2;  // the consumer's final queue check

[[noreturn]] void usage(const std::string &why)
{
    std::fprintf(stderr,
                 "warren-load: %s\n"
                 "usage: warren-load [--host H] [--port P] [--scenario NAME] [--pipeline]\n"
                 "                   [--size BYTES]\n"
                 "                   (--count N | --seconds S | both: whichever comes first)\n"
                 "                   [--ack [--prefetch N] [--multiple-ack-every K]]\n"
                 "                   [--max-backlog N] [--idle-timeout S]\n"
                 "                   [--rate MSGS_PER_SECOND]  (paced; measures each message's latency)\n",
                 why.c_str());
    std::exit(2);
}

template <typename T>
T number(std::string_view flag, const char *text)
{
    return parseNumber<T>(flag, text, usage);
}

Options parseOptions(int argc, char **argv)
{
    Options o;
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
        else if (arg == "--help" || arg == "-h") usage("one publisher -> one queue -> one consumer");
        else usage("unknown option " + std::string(arg));
    }
    if (o.count == 0 && o.seconds <= 0)
        usage("give --count and/or --seconds");
    if (!o.ack && (o.prefetch != 0 || o.ackEvery != 0))
        usage("--prefetch and --multiple-ack-every only make sense with --ack");
    // With fewer unacked messages allowed than we wait for before acking, the
    // broker would stop delivering and the run would hang.
    if (o.ackEvery > 0 && o.prefetch > 0 && o.ackEvery > o.prefetch)
        usage("--multiple-ack-every must not exceed --prefetch");
    // The body carries its send time in 8 bytes, and ends in a checked 'w'.
    if (o.rate > 0 && o.size <= kStampBytes)
        usage("--rate needs --size of more than 8 (the body carries its send time)");
    if (o.scenario.empty())
        o.scenario = "1p1c-" + std::to_string(o.size) + "B-" + (o.ack ? "ack" : "noack");
    return o;
}

// ---- the run -------------------------------------------------------------------

std::string uniqueQueueName()
{
    std::random_device rd;
    return "warren-load-" + std::to_string(::getpid()) + "-" + std::to_string(rd() % 1000000000u);
}

// ---- consumer ----------------------------------------------------------------

// Returns the consumer tag the broker chose.
std::string declareAndConsume(const Connection &c, const Options &o, const std::string &queue)
{
    const amqp_bytes_t q = amqp_cstring_bytes(queue.c_str());
    // Non-durable, not exclusive (the publisher uses another connection),
    // not auto-delete: we delete it ourselves at the end.
    amqp_queue_declare(c.get(), kChannel, q, 0, 0, 0, 0, amqp_empty_table);
    check(amqp_get_rpc_reply(c.get()), "consumer: queue.declare " + queue);
    if (o.ack) {
        amqp_basic_qos(c.get(), kChannel, 0, o.prefetch, 0);
        check(amqp_get_rpc_reply(c.get()), "consumer: basic.qos");
    }
    const amqp_basic_consume_ok_t *ok = amqp_basic_consume(
        c.get(), kChannel, q, amqp_empty_bytes, 0, o.ack ? 0 : 1, 0, amqp_empty_table);
    check(amqp_get_rpc_reply(c.get()), "consumer: basic.consume");
    return std::string(static_cast<const char *>(ok->consumer_tag.bytes), ok->consumer_tag.len);
}

// amqp_consume_message reports "unexpected state" when the next frame is not a
// delivery (e.g. the broker closing the channel); read that frame to say why.
[[noreturn]] void failOnUnexpectedFrame(const Connection &c)
{
    amqp_frame_t frame;
    checkStatus(amqp_simple_wait_frame(c.get(), &frame), "consumer: reading unexpected frame");
    if (frame.frame_type == AMQP_FRAME_METHOD) {
        amqp_rpc_reply_t reply{};
        reply.reply_type = AMQP_RESPONSE_SERVER_EXCEPTION;
        reply.reply = frame.payload.method;
        throw std::runtime_error("consumer: expected basic.deliver: " + describe(reply));
    }
    throw std::runtime_error("consumer: expected basic.deliver, got frame type " +
                             std::to_string(frame.frame_type));
}

void ack(const Connection &c, std::uint64_t tag, bool multiple)
{
    checkStatus(amqp_basic_ack(c.get(), kChannel, tag, multiple ? 1 : 0), "consumer: basic.ack");
}

// Receives until everything the publisher sent has arrived. A short receive
// timeout lets us notice the end of the run, an abort, or a stalled broker.
ConsumeResult consumeAll(const Connection &c, const Options &o, Shared &s)
{
    ConsumeResult r;
    r.latency.reserve(expectedSamples(o));
    const double cpuStart = threadCpuSeconds();
    std::uint64_t lastTag = 0;
    auto lastActivity = Clock::now();
    const timeval poll{0, 200 * 1000};
    while (!allConsumed(s, r.consumed)) {
        if (s.abort.load())
            throw std::runtime_error("consumer: stopped because the publisher failed");
        amqp_envelope_t envelope;
        const amqp_rpc_reply_t reply = amqp_consume_message(c.get(), &envelope, &poll, 0);
        if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION &&
            reply.library_error == AMQP_STATUS_TIMEOUT) {
            if (std::chrono::duration<double>(Clock::now() - lastActivity).count() > o.idleTimeout)
                throw std::runtime_error("consumer: nothing delivered for --idle-timeout " +
                                         std::to_string(int(o.idleTimeout)) + " s; received " +
                                         std::to_string(r.consumed) + " of " +
                                         std::to_string(s.published.load()) + " published so far");
            continue;
        }
        if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION &&
            reply.library_error == AMQP_STATUS_UNEXPECTED_STATE)
            failOnUnexpectedFrame(c);
        check(reply, "consumer: receiving a message");

        r.lastMessage = lastActivity = Clock::now();
        s.consumed.store(++r.consumed, std::memory_order_relaxed);
        lastTag = envelope.delivery_tag;
        const std::size_t got = envelope.message.body.len;
        if (o.rate > 0 && got >= kStampBytes)
            r.latency.add(nowNanoseconds() - readStamp(envelope.message.body.bytes));
        amqp_destroy_envelope(&envelope);
        amqp_maybe_release_buffers(c.get());  // otherwise every frame stays allocated
        if (got != o.size)
            throw std::runtime_error("consumer: got a " + std::to_string(got) +
                                     "-byte body, expected " + std::to_string(o.size));
        if (o.ack && o.ackEvery == 0)
            ack(c, lastTag, false);
        else if (o.ack && r.consumed % o.ackEvery == 0)
            ack(c, lastTag, true);
    }
    if (o.ack && o.ackEvery > 0 && r.consumed % o.ackEvery != 0)
        ack(c, lastTag, true);  // the tail that did not fill a whole batch
    r.cpu = threadCpuSeconds() - cpuStart;
    if (r.consumed != s.published.load())
        throw std::runtime_error("consumer: received " + std::to_string(r.consumed) +
                                 " messages, but " + std::to_string(s.published.load()) +
                                 " were published");
    return r;
}

// Cancel first so the queue is idle when deleted: deleting a consumed queue
// is legal but is a less common path, and this tool should not depend on it.
// Then close the channel (the broker requeues anything still unacked) and
// count what the queue holds from a fresh channel: it must be 0, every
// message delivered once and acked.
void cleanUp(Connection &c, const std::string &queue, const std::string &tag)
{
    const amqp_bytes_t q = amqp_cstring_bytes(queue.c_str());
    amqp_basic_cancel(c.get(), kChannel, amqp_cstring_bytes(tag.c_str()));
    check(amqp_get_rpc_reply(c.get()), "consumer: basic.cancel");
    check(amqp_channel_close(c.get(), kChannel, AMQP_REPLY_SUCCESS), "consumer: channel.close");
    amqp_channel_open(c.get(), kCheckChannel);
    check(amqp_get_rpc_reply(c.get()), "consumer: channel.open");
    const amqp_queue_declare_ok_t *ok =
        amqp_queue_declare(c.get(), kCheckChannel, q, 1, 0, 0, 0, amqp_empty_table);
    check(amqp_get_rpc_reply(c.get()), "consumer: passive queue.declare " + queue);
    const std::uint32_t left = ok->message_count;
    amqp_queue_delete(c.get(), kCheckChannel, q, 0, 0);
    check(amqp_get_rpc_reply(c.get()), "consumer: queue.delete " + queue);
    if (left != 0)
        throw std::runtime_error("consumer: " + std::to_string(left) + " message(s) were still in " +
                                 queue + " after the run (unacked ones are requeued when the channel closes)");
    check(amqp_connection_close(c.get(), AMQP_REPLY_SUCCESS), "consumer: connection.close");
}

ConsumeResult runConsumer(const Options &o, const std::string &queue, Shared &s,
                          std::promise<void> &ready)
{
    Connection c(o.host, o.port, "consumer");
    const std::string tag = declareAndConsume(c, o, queue);
    ready.set_value();
    const ConsumeResult r = consumeAll(c, o, s);
    cleanUp(c, queue, tag);
    return r;
}

// ---- publisher ---------------------------------------------------------------

bool publishingOver(const Options &o, std::uint64_t sent, Clock::time_point deadline)
{
    if (o.count != 0 && sent >= o.count)
        return true;
    // Reading the clock per message would cost more than a small publish; every
    // 256 messages keeps the overshoot well under a millisecond (paced: every one).
    return o.seconds > 0 && (o.rate > 0 || sent % 256 == 0) && Clock::now() >= deadline;
}

// --max-backlog: a broker that accepts publishes faster than it delivers (and
// has no flow control to push back) would otherwise queue without limit, using
// gigabytes and turning the run into a long drain. The publisher waits locally,
// with no AMQP round trip, while it is that many messages ahead.
void waitForBacklog(const Options &o, const Shared &s, std::uint64_t sent)
{
    while (o.maxBacklog != 0 && sent - s.consumed.load(std::memory_order_relaxed) >= o.maxBacklog) {
        if (s.abort.load())
            return;  // the caller reports it
        std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
}

void runPublisher(const Options &o, const std::string &queue, Shared &s)
{
    Connection c(o.host, o.port, "publisher");
    std::vector<char> body(o.size, 'w');
    const amqp_bytes_t bytes{body.size(), const_cast<char *>(body.data())};
    const amqp_bytes_t routingKey = amqp_cstring_bytes(queue.c_str());
    amqp_basic_properties_t props{};
    props._flags = AMQP_BASIC_DELIVERY_MODE_FLAG;
    props.delivery_mode = AMQP_DELIVERY_NONPERSISTENT;

    s.firstPublish = Clock::now();
    const double cpuStart = threadCpuSeconds();
    const auto deadline = s.firstPublish + std::chrono::duration_cast<Clock::duration>(
                                               std::chrono::duration<double>(o.seconds));
    std::uint64_t sent = 0;
    Pacer pacer(o.rate > 0 ? o.rate : 1);
    // No confirms, no mandatory flag: nothing waits for the broker per message.
    while (!publishingOver(o, sent, deadline)) {
        if (sent % 64 == 0) {
            waitForBacklog(o, s, sent);
            if (s.abort.load())
                throw std::runtime_error("publisher: stopped because the consumer failed");
        }
        if (o.rate > 0) {
            pacer.wait();
            writeStamp(body.data(), nowNanoseconds());
        }
        const int status = amqp_basic_publish(c.get(), kChannel, amqp_empty_bytes, routingKey, 0, 0,
                                              &props, bytes);
        checkStatus(status, "publisher: basic.publish #" + std::to_string(sent + 1));
        s.published.store(++sent, std::memory_order_release);
    }
    s.publishEnd = Clock::now();
    s.publisherCpu = threadCpuSeconds() - cpuStart;
    s.publishDone.store(true, std::memory_order_release);
    // channel.close is a round trip: it surfaces any error the broker raised
    // on the channel while we were only writing.
    c.close();
}

// ---- main --------------------------------------------------------------------

double secondsBetween(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

// publisher_cpu / consumer_cpu: CPU time of that thread over its busy span
// (publishing; first publish to last message), 1.00 = one core flat out.
void printResult(const Options &o, const Shared &s, ConsumeResult &r, const StallProbe *probe)
{
    r.latency.finish();
    const double seconds = secondsBetween(s.firstPublish, r.lastMessage);
    const double publishSeconds = secondsBetween(s.firstPublish, s.publishEnd);
    std::printf("result scenario=%s client=%s size=%zu mode=%s prefetch=%u multiple_ack_every=%llu "
                "max_backlog=%llu msgs=%llu seconds=%.3f rate=%.0f publish_rate=%.0f "
                "publisher_cpu=%.2f consumer_cpu=%.2f\n",
                o.scenario.c_str(), o.pipeline ? "pipeline" : "rabbitmq-c", o.size,
                o.ack ? "ack" : "noack", unsigned(o.prefetch),
                static_cast<unsigned long long>(o.ackEvery),
                static_cast<unsigned long long>(o.maxBacklog),
                static_cast<unsigned long long>(r.consumed), seconds,
                seconds > 0 ? double(r.consumed) / seconds : 0.0,
                publishSeconds > 0 ? double(s.published.load()) / publishSeconds : 0.0,
                publishSeconds > 0 ? s.publisherCpu / publishSeconds : 0.0,
                seconds > 0 ? r.cpu / seconds : 0.0);
    if (o.rate > 0) {
        // The result line stays one line: the latency figures go on it, the
        // histogram on lines of its own after it.
        std::printf("latency scenario=%s client=%s target_rate=%.0f samples=%zu %s machine_stalls=%d "
                    "machine_stall_max_ms=%.1f\n",
                    o.scenario.c_str(), o.pipeline ? "pipeline" : "rabbitmq-c", o.rate, r.latency.size(),
                    r.latency.summary().c_str(), probe ? probe->stalls() : 0,
                    probe ? probe->longestMillis() : 0.0);
        r.latency.printHistogram(stdout);
    }
    std::fflush(stdout);
}

// Runs one thread body, recording its exception and telling the other thread
// to stop; 'exited' says the body is over (joining is then immediate).
template <typename F>
std::thread guarded(std::exception_ptr &error, std::atomic<bool> &exited, Shared &s, F body)
{
    return std::thread([&error, &exited, &s, body]() mutable {
        try {
            body();
        } catch (...) {
            error = std::current_exception();
            s.abort.store(true);
        }
        exited.store(true);
    });
}

bool waitFor(const std::atomic<bool> &flag, std::chrono::milliseconds limit)
{
    for (const auto end = Clock::now() + limit; !flag.load() && Clock::now() < end;)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return flag.load();
}

void report(const std::exception_ptr &error)
{
    try {
        std::rethrow_exception(error);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "warren-load: error: %s\n", e.what());
    }
}

}  // namespace

int main(int argc, char **argv)
{
    const Options o = parseOptions(argc, argv);
    const std::string queue = uniqueQueueName();
    Shared s;
    ConsumeResult result;
    std::exception_ptr consumerError, publisherError;
    std::atomic<bool> consumerExited{false}, publisherExited{false};
    std::promise<void> ready;
    std::future<void> consumerReady = ready.get_future();
    std::optional<StallProbe> probe;
    if (o.rate > 0)
        probe.emplace();

    std::thread consumer = guarded(consumerError, consumerExited, s, [&] {
        try {
            result = o.pipeline ? runPipelineConsumer(o, queue, s, ready)
                                : runConsumer(o, queue, s, ready);
        } catch (...) {
            try { ready.set_exception(std::current_exception()); } catch (const std::future_error &) {}
            throw;
        }
    });
    // The queue must exist and be consumed from before the first publish.
    try {
        consumerReady.get();
    } catch (...) {
        consumer.join();
        report(consumerError);
        return 1;
    }
    std::thread publisher = guarded(publisherError, publisherExited, s,
                                    [&] {
                                        if (o.pipeline)
                                            runPipelinePublisher(o, queue, s);
                                        else
                                            runPublisher(o, queue, s);
                                    });
    // The consumer always ends: all received, an error, or the idle timeout.
    // The publisher can hang in a blocking send if the broker stops reading
    // its socket, so it cannot be joined blindly; leave without it then.
    consumer.join();
    if (consumerError && !waitFor(publisherExited, std::chrono::seconds(2))) {
        report(consumerError);
        std::fprintf(stderr, "warren-load: error: publisher still blocked writing: the broker "
                             "stopped reading its connection\n");
        std::_Exit(1);
    }
    publisher.join();

    // Report both: the first is the cause, the other usually "stopped because ...".
    if (publisherError || consumerError) {
        if (publisherError) report(publisherError);
        if (consumerError) report(consumerError);
        return 1;
    }
    if (probe)
        probe->stop();
    printResult(o, s, result, probe ? &*probe : nullptr);
    return 0;
}
