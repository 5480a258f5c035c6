// warren-persist: persistence probes for one broker, on rabbitmq-c (no Warren
// code, so Warren and RabbitMQ are measured alike). persistence.sh drives it.
//
//   publish  declare a durable queue, confirm.select, publish --count persistent
//            (delivery_mode 2) messages of --size bytes through the default
//            exchange, never more than --window unconfirmed; basic.ack/nack are
//            read as they arrive (single or multiple). Prints the confirmed msg/s:
//            first publish to last confirm.
//   count    passive queue.declare, again and again (connecting again after any
//            failure: refused, login, 404), until message_count >= --count; prints
//            when that happened. Meant to be started right before the broker.
//   connect  like count without a queue: until login and channel.open succeed.
//   drain    consume --count messages from the queue (basic.qos --window, one
//            multiple basic.ack per --window/4 deliveries), check their size;
//            prints msg/s, first to last delivery.
//
// Times: seconds= is from this process's start; done_at= is the same moment as
// Unix time (CLOCK_REALTIME, µs), for a caller that launches the broker later.
// One "result ..." line on stdout; errors on stderr with a non-zero exit.

#include "rabbitmq_c_util.h"

#include <sys/time.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iterator>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using namespace warrenload;
using Clock = std::chrono::steady_clock;
const Clock::time_point processStart = Clock::now();  // before main(): as early as we can

struct Options {
    std::string mode;
    std::string host = "127.0.0.1";
    int port = 5672;
    std::string queue;
    std::uint64_t count = 0;
    std::size_t size = 1024;      // publish: body bytes; drain: expected body bytes
    bool checkSize = false;       // drain: --size was given
    std::uint16_t window = 1000;  // publish: unconfirmed; drain: prefetch
    double timeout = 60;          // count/connect: give up; publish/drain: nothing arrives for this long
    double interval = 0.005;      // count/connect: seconds between attempts
    bool deleteQueue = false;     // publish/drain: delete the queue afterwards (not timed)
};

[[noreturn]] void usage(const std::string &why)
{
    std::fprintf(stderr,
                 "warren-persist: %s\n"
                 "usage: warren-persist publish --queue Q --count N [--size BYTES] [--window W] [--delete]\n"
                 "       warren-persist count   --queue Q --count N [--timeout S] [--interval S]\n"
                 "       warren-persist connect [--timeout S] [--interval S]\n"
                 "       warren-persist drain   --queue Q --count N [--size BYTES] [--window PREFETCH] [--delete]\n"
                 "common: [--host H] [--port P]; --timeout S (default 60): count/connect give up,\n"
                 "        publish/drain fail when nothing arrives for that long\n",
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
    if (argc < 2)
        usage("give a mode");
    Options o;
    o.mode = argv[1];
    if (o.mode != "publish" && o.mode != "count" && o.mode != "connect" && o.mode != "drain")
        usage("unknown mode '" + o.mode + "'");
    for (int i = 2; i < argc; ++i) {
        const std::string_view arg = argv[i];
        auto value = [&]() -> const char * {
            if (i + 1 >= argc)
                usage(std::string(arg) + " needs a value");
            return argv[++i];
        };
        if (arg == "--host") o.host = value();
        else if (arg == "--port") o.port = number<int>(arg, value());
        else if (arg == "--queue") o.queue = value();
        else if (arg == "--count") o.count = number<std::uint64_t>(arg, value());
        else if (arg == "--size") { o.size = number<std::size_t>(arg, value()); o.checkSize = true; }
        else if (arg == "--window") o.window = number<std::uint16_t>(arg, value());
        else if (arg == "--timeout") o.timeout = number<double>(arg, value());
        else if (arg == "--interval") o.interval = number<double>(arg, value());
        else if (arg == "--delete") o.deleteQueue = true;
        else usage("unknown option " + std::string(arg));
    }
    if (o.mode != "connect" && o.queue.empty())
        usage(o.mode + " needs --queue");
    if ((o.mode == "publish" || o.mode == "drain") && (o.count == 0 || o.window == 0))
        usage(o.mode + " needs --count and --window above 0");
    return o;
}

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

double unixNow()
{
    timeval tv{};
    gettimeofday(&tv, nullptr);
    return double(tv.tv_sec) + double(tv.tv_usec) * 1e-6;
}

timeval toTimeval(double seconds)
{
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(seconds);
    tv.tv_usec = static_cast<suseconds_t>((seconds - double(tv.tv_sec)) * 1e6);
    return tv;
}

void deleteQueue(const Connection &c, const std::string &queue)
{
    amqp_queue_delete(c.get(), kChannel, amqp_cstring_bytes(queue.c_str()), 0, 0);
    check(amqp_get_rpc_reply(c.get()), c.role() + ": queue.delete " + queue);
}

// ---- publish -----------------------------------------------------------------

// Unconfirmed delivery tags. A set, not a counter: acks may come in any order,
// single or multiple ("everything up to this tag").
class Confirms {
public:
    void published(std::uint64_t tag) { pending_.insert(tag); }
    std::size_t pending() const { return pending_.size(); }
    std::uint64_t nacked() const { return nacked_; }

    void resolve(std::uint64_t tag, bool multiple, bool ack)
    {
        std::size_t n = 1;
        if (multiple) {
            const auto end = pending_.upper_bound(tag);
            n = std::size_t(std::distance(pending_.begin(), end));
            pending_.erase(pending_.begin(), end);
        } else if (const auto it = pending_.find(tag); it != pending_.end()) {
            pending_.erase(it);
        } else {
            throw std::runtime_error("publisher: broker confirmed tag " + std::to_string(tag) +
                                     ", which is not outstanding");
        }
        if (!ack)
            nacked_ += n;
    }

private:
    std::set<std::uint64_t> pending_;
    std::uint64_t nacked_ = 0;
};

// Reads one frame (waiting at most `wait`, 0 = only what is already there) and
// applies it if it is an ack or nack. False on timeout.
bool readConfirm(const Connection &c, Confirms &confirms, double wait)
{
    amqp_frame_t frame;
    timeval tv = toTimeval(wait);
    const int status = amqp_simple_wait_frame_noblock(c.get(), &frame, &tv);
    if (status == AMQP_STATUS_TIMEOUT)
        return false;
    checkStatus(status, "publisher: reading confirms");
    if (frame.frame_type != AMQP_FRAME_METHOD)
        throw std::runtime_error("publisher: unexpected frame type " + std::to_string(frame.frame_type));
    const amqp_method_t &m = frame.payload.method;
    if (m.id == AMQP_BASIC_ACK_METHOD) {
        const auto *a = static_cast<const amqp_basic_ack_t *>(m.decoded);
        confirms.resolve(a->delivery_tag, a->multiple, true);
    } else if (m.id == AMQP_BASIC_NACK_METHOD) {
        const auto *n = static_cast<const amqp_basic_nack_t *>(m.decoded);
        confirms.resolve(n->delivery_tag, n->multiple, false);
    } else {
        amqp_rpc_reply_t reply{};
        reply.reply_type = AMQP_RESPONSE_SERVER_EXCEPTION;
        reply.reply = m;
        throw std::runtime_error("publisher: expected basic.ack: " + describe(reply));
    }
    return true;
}

int publish(const Options &o)
{
    Connection c(o.host, o.port, "publisher");
    const amqp_bytes_t queue = amqp_cstring_bytes(o.queue.c_str());
    // Durable, not exclusive, not auto-delete: the messages must survive a restart.
    amqp_queue_declare(c.get(), kChannel, queue, 0, 1, 0, 0, amqp_empty_table);
    check(amqp_get_rpc_reply(c.get()), "publisher: queue.declare " + o.queue);
    amqp_confirm_select(c.get(), kChannel);
    check(amqp_get_rpc_reply(c.get()), "publisher: confirm.select");

    const std::vector<char> body(o.size, 'p');
    const amqp_bytes_t bytes{body.size(), const_cast<char *>(body.data())};
    amqp_basic_properties_t props{};
    props._flags = AMQP_BASIC_DELIVERY_MODE_FLAG;
    props.delivery_mode = AMQP_DELIVERY_PERSISTENT;

    Confirms confirms;
    const auto start = Clock::now();
    for (std::uint64_t sent = 0; sent < o.count || confirms.pending() > 0;) {
        // Every few publishes, take whatever confirms have arrived (without
        // blocking); block only when the window is full or all is sent.
        if (sent % 32 == 0) {
            while (readConfirm(c, confirms, 0)) {}
            amqp_maybe_release_buffers(c.get());
        }
        if (sent < o.count && confirms.pending() < o.window) {
            checkStatus(amqp_basic_publish(c.get(), kChannel, amqp_empty_bytes, queue, 0, 0, &props, bytes),
                        "publisher: basic.publish #" + std::to_string(sent + 1));
            confirms.published(++sent);  // delivery tags count from 1 after confirm.select
            continue;
        }
        if (!readConfirm(c, confirms, o.timeout))
            throw std::runtime_error("publisher: no confirm for " + std::to_string(int(o.timeout)) + " s; " +
                                     std::to_string(confirms.pending()) + " unconfirmed of " +
                                     std::to_string(sent) + " sent");
    }
    const double seconds = since(start);
    if (o.deleteQueue)
        deleteQueue(c, o.queue);
    c.close();
    if (confirms.nacked() > 0)
        throw std::runtime_error("publisher: the broker nacked " + std::to_string(confirms.nacked()) +
                                 " of " + std::to_string(o.count) + " messages");
    std::printf("result mode=publish queue=%s size=%zu window=%u msgs=%llu seconds=%.3f rate=%.0f\n",
                o.queue.c_str(), o.size, unsigned(o.window), static_cast<unsigned long long>(o.count),
                seconds, double(o.count) / seconds);
    return 0;
}

// ---- count / connect -------------------------------------------------------------

int waitForBroker(const Options &o)
{
    const bool counting = o.mode == "count";
    double connectedAt = -1;
    std::uint64_t lastCount = 0;
    std::string lastError = "no attempt yet";
    while (since(processStart) < o.timeout) {
        try {
            Connection c(o.host, o.port, o.mode);
            if (connectedAt < 0)
                connectedAt = since(processStart);
            while (counting) {
                const amqp_queue_declare_ok_t *ok = amqp_queue_declare(
                    c.get(), kChannel, amqp_cstring_bytes(o.queue.c_str()), 1, 0, 0, 0, amqp_empty_table);
                // A 404 (not recovered yet) closes the channel: reconnect below.
                check(amqp_get_rpc_reply(c.get()), "count: passive queue.declare " + o.queue);
                lastCount = ok->message_count;
                if (lastCount >= o.count)
                    break;
                if (since(processStart) >= o.timeout)
                    throw std::runtime_error("timed out");
                std::this_thread::sleep_for(std::chrono::duration<double>(o.interval));
            }
            const double seconds = since(processStart);
            const double doneAt = unixNow();
            std::printf("result mode=%s queue=%s msgs=%llu connected=%.3f seconds=%.3f done_at=%.6f\n",
                        o.mode.c_str(), o.queue.c_str(), static_cast<unsigned long long>(lastCount),
                        connectedAt, seconds, doneAt);
            try {
                c.close();
            } catch (const std::exception &) {
                // Measured already; a broker busy shutting down may drop us.
            }
            return 0;
        } catch (const std::exception &e) {
            lastError = e.what();
        }
        std::this_thread::sleep_for(std::chrono::duration<double>(o.interval));
    }
    throw std::runtime_error(o.mode + ": gave up after " + std::to_string(int(o.timeout)) + " s" +
                             (counting ? "; the queue held " + std::to_string(lastCount) + " of " +
                                             std::to_string(o.count) + " messages"
                                       : "") +
                             "; last error: " + lastError);
}

// ---- drain -------------------------------------------------------------------

int drain(const Options &o)
{
    Connection c(o.host, o.port, "drain");
    const amqp_bytes_t queue = amqp_cstring_bytes(o.queue.c_str());
    amqp_basic_qos(c.get(), kChannel, 0, o.window, 0);
    check(amqp_get_rpc_reply(c.get()), "drain: basic.qos");
    amqp_basic_consume(c.get(), kChannel, queue, amqp_empty_bytes, 0, 0, 0, amqp_empty_table);
    check(amqp_get_rpc_reply(c.get()), "drain: basic.consume " + o.queue);

    const std::uint64_t ackEvery = std::max<std::uint64_t>(1, o.window / 4);
    const timeval wait = toTimeval(o.timeout);
    std::uint64_t received = 0;
    Clock::time_point first, last;
    while (received < o.count) {
        amqp_envelope_t envelope;
        const amqp_rpc_reply_t reply = amqp_consume_message(c.get(), &envelope, &wait, 0);
        if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION && reply.library_error == AMQP_STATUS_TIMEOUT)
            throw std::runtime_error("drain: nothing delivered for " + std::to_string(int(o.timeout)) +
                                     " s; received " + std::to_string(received) + " of " +
                                     std::to_string(o.count));
        check(reply, "drain: receiving a message");
        last = Clock::now();
        if (received++ == 0)
            first = last;
        const std::uint64_t tag = envelope.delivery_tag;
        const std::size_t got = envelope.message.body.len;
        amqp_destroy_envelope(&envelope);
        amqp_maybe_release_buffers(c.get());
        if (o.checkSize && got != o.size)
            throw std::runtime_error("drain: got a " + std::to_string(got) + "-byte body, expected " +
                                     std::to_string(o.size));
        if (received % ackEvery == 0 || received == o.count)
            checkStatus(amqp_basic_ack(c.get(), kChannel, tag, 1), "drain: basic.ack");
    }
    const double seconds = std::chrono::duration<double>(last - first).count();
    if (o.deleteQueue)
        deleteQueue(c, o.queue);
    c.close();
    std::printf("result mode=drain queue=%s msgs=%llu seconds=%.3f rate=%.0f\n", o.queue.c_str(),
                static_cast<unsigned long long>(received), seconds,
                seconds > 0 ? double(received) / seconds : 0.0);
    return 0;
}

}  // namespace

int main(int argc, char **argv)
{
    const Options o = parseOptions(argc, argv);
    try {
        const int status = o.mode == "publish" ? publish(o) : o.mode == "drain" ? drain(o) : waitForBroker(o);
        std::fflush(stdout);
        return status;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "warren-persist: error: %s\n", e.what());
        return 1;
    }
}
