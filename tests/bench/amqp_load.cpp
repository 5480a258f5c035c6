// warren-load's default client: rabbitmq-c, used as a simple application
// would, one send() per frame (three per publish) and per ack. It is
// independent of Warren, so the same binary measures Warren and RabbitMQ
// alike. load_main.cpp runs it (or the pipeline client) on its threads.

#include "load_common.h"
#include "rabbitmq_c_util.h"

#include <amqp.h>
#include <amqp_tcp_socket.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <future>
#include <stdexcept>
#include <string>
#include <vector>

namespace warrenload {
namespace {

constexpr amqp_channel_t kCheckChannel = 2;  // the last consumer's final queue check

// ---- consumer ----------------------------------------------------------------

// Returns the consumer tag the broker chose. Every consumer of a lane
// declares its queue (the same arguments again are a no-op), so none has to
// wait for another before subscribing.
std::string declareAndConsume(const Connection &c, const Options &o, const std::string &queue)
{
    const amqp_bytes_t q = amqp_cstring_bytes(queue.c_str());
    // Non-durable, not exclusive (the publisher uses another connection),
    // not auto-delete: we delete it ourselves at the end.
    amqp_queue_declare(c.get(), kChannel, q, 0, 0, 0, 0, amqp_empty_table);
    check(amqp_get_rpc_reply(c.get()), c.role() + ": queue.declare " + queue);
    if (o.ack) {
        amqp_basic_qos(c.get(), kChannel, 0, o.prefetch, 0);
        check(amqp_get_rpc_reply(c.get()), c.role() + ": basic.qos");
    }
    const amqp_basic_consume_ok_t *ok = amqp_basic_consume(
        c.get(), kChannel, q, amqp_empty_bytes, 0, o.ack ? 0 : 1, 0, amqp_empty_table);
    check(amqp_get_rpc_reply(c.get()), c.role() + ": basic.consume");
    return std::string(static_cast<const char *>(ok->consumer_tag.bytes), ok->consumer_tag.len);
}

// amqp_consume_message reports "unexpected state" when the next frame is not a
// delivery (e.g. the broker closing the channel); read that frame to say why.
[[noreturn]] void failOnUnexpectedFrame(const Connection &c)
{
    amqp_frame_t frame;
    checkStatus(amqp_simple_wait_frame(c.get(), &frame), c.role() + ": reading unexpected frame");
    if (frame.frame_type == AMQP_FRAME_METHOD) {
        amqp_rpc_reply_t reply{};
        reply.reply_type = AMQP_RESPONSE_SERVER_EXCEPTION;
        reply.reply = frame.payload.method;
        throw std::runtime_error(c.role() + ": expected basic.deliver: " + describe(reply));
    }
    throw std::runtime_error(c.role() + ": expected basic.deliver, got frame type " +
                             std::to_string(frame.frame_type));
}

void ack(const Connection &c, std::uint64_t tag, bool multiple)
{
    checkStatus(amqp_basic_ack(c.get(), kChannel, tag, multiple ? 1 : 0), c.role() + ": basic.ack");
}

// Receives until everything the lane's publishers sent has arrived (at this
// consumer or another one on the queue). A short receive timeout lets us
// notice the end of the run, an abort, or a stalled broker.
ConsumeResult consumeAll(const Connection &c, const Options &o, Lane &lane)
{
    ConsumeResult r;
    r.latency.reserve(expectedSamples(o));
    const double cpuStart = threadCpuSeconds();
    std::uint64_t lastTag = 0;
    IdleWatch idle(o, lane, c.role());
    const timeval poll{0, 200 * 1000};
    while (!allConsumed(lane)) {
        if (lane.abort.load())
            throw StoppedByOther(c.role());
        amqp_envelope_t envelope;
        const amqp_rpc_reply_t reply = amqp_consume_message(c.get(), &envelope, &poll, 0);
        if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION &&
            reply.library_error == AMQP_STATUS_TIMEOUT) {
            idle.check();
            continue;
        }
        if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION &&
            reply.library_error == AMQP_STATUS_UNEXPECTED_STATE)
            failOnUnexpectedFrame(c);
        check(reply, c.role() + ": receiving a message");

        r.lastMessage = Clock::now();
        idle.progress(r.lastMessage);
        ++r.consumed;
        lane.consumed.fetch_add(1, std::memory_order_relaxed);
        lastTag = envelope.delivery_tag;
        const std::size_t got = envelope.message.body.len;
        if (o.rate > 0 && got >= kStampBytes)
            r.latency.add(nowNanoseconds() - readStamp(envelope.message.body.bytes));
        amqp_destroy_envelope(&envelope);
        amqp_maybe_release_buffers(c.get());  // otherwise every frame stays allocated
        if (got != o.size)
            throw std::runtime_error(c.role() + ": got a " + std::to_string(got) +
                                     "-byte body, expected " + std::to_string(o.size));
        if (const AckNow a = ackAfter(o, r.consumed); a != AckNow::None)
            ack(c, lastTag, a == AckNow::UpToHere);
    }
    if (tailAckDue(o, r.consumed))
        ack(c, lastTag, true);  // the tail that did not fill a whole batch
    r.cpu = threadCpuSeconds() - cpuStart;
    requireExactlyOnce(lane, c.role());
    return r;
}

// From a fresh channel: the queue must hold nothing (every message delivered
// once and acked); then delete it.
void checkAndDelete(const Connection &c, const Lane &lane)
{
    const amqp_bytes_t q = amqp_cstring_bytes(lane.queue.c_str());
    amqp_channel_open(c.get(), kCheckChannel);
    check(amqp_get_rpc_reply(c.get()), c.role() + ": channel.open");
    const amqp_queue_declare_ok_t *ok =
        amqp_queue_declare(c.get(), kCheckChannel, q, 1, 0, 0, 0, amqp_empty_table);
    check(amqp_get_rpc_reply(c.get()), c.role() + ": passive queue.declare " + lane.queue);
    const std::uint32_t left = ok->message_count;
    amqp_queue_delete(c.get(), kCheckChannel, q, 0, 0);
    check(amqp_get_rpc_reply(c.get()), c.role() + ": queue.delete " + lane.queue);
    requireEmptyQueue(lane, left, c.role());
}

// Cancel first so the queue is idle when deleted: deleting a consumed queue
// is legal but is a less common path, and this tool should not depend on it.
// Then close the channel (the broker requeues anything still unacked); the
// lane's last consumer to get here checks and deletes the queue.
void leave(const Connection &c, Lane &lane, const std::string &tag)
{
    amqp_basic_cancel(c.get(), kChannel, amqp_cstring_bytes(tag.c_str()));
    check(amqp_get_rpc_reply(c.get()), c.role() + ": basic.cancel");
    check(amqp_channel_close(c.get(), kChannel, AMQP_REPLY_SUCCESS), c.role() + ": channel.close");
    if (lastToLeave(lane))
        checkAndDelete(c, lane);
    check(amqp_connection_close(c.get(), AMQP_REPLY_SUCCESS), c.role() + ": connection.close");
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
// with no AMQP round trip, while its queue is that many messages ahead.
void waitForBacklog(const Options &o, const Lane &lane)
{
    BacklogNaps naps;
    while (o.maxBacklog != 0 && backlog(lane, 0) >= o.maxBacklog) {
        if (lane.abort.load())
            return;  // the caller reports it
        naps.nap();
    }
}

}  // namespace

ConsumeResult runRabbitConsumer(const Task &t, std::promise<void> &ready)
{
    Connection c(t.options.host, t.options.port, t.role);
    const std::string tag = declareAndConsume(c, t.options, t.lane.queue);
    ready.set_value();
    const ConsumeResult r = consumeAll(c, t.options, t.lane);
    leave(c, t.lane, tag);
    return r;
}

PublishResult runRabbitPublisher(const Task &t, std::promise<void> &ready, const std::shared_future<void> &start)
{
    const Options &o = t.options;
    Lane &lane = t.lane;
    Connection c(o.host, o.port, t.role);
    std::vector<char> body(o.size, 'w');
    const amqp_bytes_t bytes{body.size(), const_cast<char *>(body.data())};
    const amqp_bytes_t routingKey = amqp_cstring_bytes(lane.queue.c_str());
    amqp_basic_properties_t props{};
    props._flags = AMQP_BASIC_DELIVERY_MODE_FLAG;
    props.delivery_mode = AMQP_DELIVERY_NONPERSISTENT;
    awaitStart(t, ready, start);

    PublishResult r;
    r.first = Clock::now();
    const double cpuStart = threadCpuSeconds();
    const auto deadline = publishDeadline(o, r.first);
    std::uint64_t sent = 0;
    Pacer pacer(o.rate > 0 ? o.rate : 1);
    // No confirms, no mandatory flag: nothing waits for the broker per message.
    while (!publishingOver(o, sent, deadline)) {
        if (sent % 64 == 0) {
            waitForBacklog(o, lane);
            if (lane.abort.load())
                throw StoppedByOther(t.role);
        }
        if (o.rate > 0) {
            pacer.wait();
            writeStamp(body.data(), nowNanoseconds());
        }
        const int status = amqp_basic_publish(c.get(), kChannel, amqp_empty_bytes, routingKey, 0, 0,
                                              &props, bytes);
        checkStatus(status, t.role + ": basic.publish #" + std::to_string(sent + 1));
        ++sent;
        lane.published.fetch_add(1, std::memory_order_release);
    }
    r.end = Clock::now();
    r.cpu = threadCpuSeconds() - cpuStart;
    finishPublishing(lane);
    // channel.close is a round trip: it surfaces any error the broker raised
    // on the channel while we were only writing.
    c.close();
    return r;
}

}  // namespace warrenload
