// warren-load --pipeline: a small, hand-written AMQP 0-9-1 client whose hot
// paths cost the client almost no system calls, so the broker, not the load
// generator, is what runs out of CPU.
//
// rabbitmq-c makes three send() calls per publish (method, header and body
// frames) and one per basic.ack. This client instead
//   - publisher: copies a pre-encoded publish (method + header + body frames)
//     into a buffer until it holds ~64 KiB, then writes it with one send();
//   - consumer: reads up to 256 KiB per recv(), parses every frame in it, and
//     acks each delivery with its own basic.ack frame (multiple=false, so the
//     broker does the same work as with rabbitmq-c), but collects those frames
//     and writes them once per read.
// It is independent of Warren: every frame is encoded and parsed here, from the
// AMQP 0-9-1 specification, without Warren's codec.

#include "load_common.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace warrenload {
namespace {

// Frame types and the methods used here (class id, method id).
constexpr std::uint8_t kFrameMethod = 1, kFrameHeader = 2, kFrameBody = 3, kFrameHeartbeat = 8;
constexpr std::uint8_t kFrameEnd = 0xCE;
struct MethodId {
    std::uint16_t cls, method;
    bool operator==(const MethodId &) const = default;
};
constexpr MethodId kConnectionStart{10, 10}, kConnectionStartOk{10, 11}, kConnectionTune{10, 30},
    kConnectionTuneOk{10, 31}, kConnectionOpen{10, 40}, kConnectionOpenOk{10, 41},
    kConnectionClose{10, 50}, kConnectionCloseOk{10, 51}, kConnectionBlocked{10, 60},
    kConnectionUnblocked{10, 61}, kChannelOpen{20, 10}, kChannelOpenOk{20, 11},
    kChannelClose{20, 40}, kChannelCloseOk{20, 41}, kQueueDeclare{50, 10}, kQueueDeclareOk{50, 11},
    kQueueDelete{50, 40}, kQueueDeleteOk{50, 41}, kBasicQos{60, 10}, kBasicQosOk{60, 11},
    kBasicConsume{60, 20}, kBasicConsumeOk{60, 21}, kBasicCancel{60, 30}, kBasicCancelOk{60, 31},
    kBasicPublish{60, 40}, kBasicDeliver{60, 60}, kBasicAck{60, 80};

constexpr std::uint16_t kDataChannel = 1;   // publishing / consuming
constexpr std::uint16_t kCheckChannel = 2;  // the consumer's final queue check
constexpr std::uint32_t kWantFrameMax = 131072;  // as rabbitmq-c and most clients ask
constexpr std::size_t kWriteChunk = 64 * 1024;   // publisher: bytes per send()
constexpr std::size_t kRecvChunk = 256 * 1024;   // consumer: bytes per recv()
constexpr std::size_t kAckFlush = 64 * 1024;     // consumer: flush acks at least this often
constexpr int kPollMs = 200;                     // wake up to check abort / timeouts

std::string methodName(MethodId m)
{
    return std::to_string(m.cls) + "." + std::to_string(m.method);
}

// ---- encoding ------------------------------------------------------------------

// Appends big-endian AMQP fields to a byte buffer.
class Encoder {
public:
    explicit Encoder(std::vector<std::uint8_t> &out) : out_(out) {}

    void u8(std::uint8_t v) { out_.push_back(v); }
    void u16(std::uint16_t v) { u8(std::uint8_t(v >> 8)); u8(std::uint8_t(v)); }
    void u32(std::uint32_t v) { u16(std::uint16_t(v >> 16)); u16(std::uint16_t(v)); }
    void u64(std::uint64_t v) { u32(std::uint32_t(v >> 32)); u32(std::uint32_t(v)); }
    void bytes(std::string_view s) { out_.insert(out_.end(), s.begin(), s.end()); }
    void shortstr(std::string_view s)
    {
        if (s.size() > 255)
            throw std::runtime_error("short string longer than 255 bytes: " + std::string(s));
        u8(std::uint8_t(s.size()));
        bytes(s);
    }
    void longstr(std::string_view s) { u32(std::uint32_t(s.size())); bytes(s); }
    void emptyTable() { u32(0); }

    // Frame header with a size placeholder; endFrame() patches it.
    void beginFrame(std::uint8_t type, std::uint16_t channel)
    {
        u8(type);
        u16(channel);
        sizeAt_ = out_.size();
        u32(0);
    }
    void endFrame()
    {
        const std::uint32_t size = std::uint32_t(out_.size() - sizeAt_ - 4);
        for (int i = 0; i < 4; ++i)
            out_[sizeAt_ + i] = std::uint8_t(size >> (24 - 8 * i));
        u8(kFrameEnd);
    }
    void beginMethod(std::uint16_t channel, MethodId m)
    {
        beginFrame(kFrameMethod, channel);
        u16(m.cls);
        u16(m.method);
    }

private:
    std::vector<std::uint8_t> &out_;
    std::size_t sizeAt_ = 0;
};

// ---- decoding ------------------------------------------------------------------

// One complete frame inside the read buffer (valid until the next read).
struct Frame {
    std::uint8_t type = 0;
    std::uint16_t channel = 0;
    const std::uint8_t *payload = nullptr;
    std::uint32_t size = 0;

    MethodId method() const
    {
        if (type != kFrameMethod || size < 4)
            return {0, 0};
        return {std::uint16_t(payload[0] << 8 | payload[1]), std::uint16_t(payload[2] << 8 | payload[3])};
    }
};

// Reads big-endian fields from a frame payload; running past its end throws.
class Decoder {
public:
    Decoder(const std::uint8_t *p, std::size_t n, const char *what) : p_(p), end_(p + n), what_(what) {}

    std::uint8_t u8() { need(1); return *p_++; }
    std::uint16_t u16() { need(2); const std::uint16_t v = std::uint16_t(p_[0] << 8 | p_[1]); p_ += 2; return v; }
    std::uint32_t u32() { const std::uint32_t hi = u16(); return hi << 16 | u16(); }
    std::uint64_t u64() { const std::uint64_t hi = u32(); return hi << 32 | u32(); }
    std::string_view take(std::size_t n)
    {
        need(n);
        const std::string_view s(reinterpret_cast<const char *>(p_), n);
        p_ += n;
        return s;
    }
    std::string_view shortstr() { return take(u8()); }
    std::string_view longstr() { return take(u32()); }
    void skip(std::size_t n) { need(n); p_ += n; }

private:
    void need(std::size_t n)
    {
        if (std::size_t(end_ - p_) < n)
            throw std::runtime_error(std::string("truncated ") + what_ + " frame from the broker");
    }
    const std::uint8_t *p_, *end_;
    const char *what_;
};

// "320 CONNECTION_FORCED - ..." from a connection.close or channel.close.
std::string closeReason(const Frame &f)
{
    Decoder d(f.payload + 4, f.size - 4, "close");
    const std::uint16_t code = d.u16();
    const std::string_view text = d.shortstr();
    const std::uint16_t cls = d.u16(), method = d.u16();
    std::string r = std::to_string(code) + " " + std::string(text);
    if (cls != 0)
        r += " (in reply to method " + methodName({cls, method}) + ")";
    return r;
}

// ---- the connection ------------------------------------------------------------

// One TCP connection to the broker, non-blocking, with its own buffers. Used
// by one thread only. Setup steps are request/reply; the hot paths use
// send(), fill() and nextFrame() directly.
class Wire {
public:
    Wire(const Options &o, std::string role, const std::atomic<bool> &abort)
        : o_(o), role_(std::move(role)), abort_(abort), in_(kRecvChunk + kWantFrameMax + 64)
    {
        connectTcp();
        handshake();
        openChannel(kDataChannel);
    }
    ~Wire()
    {
        if (fd_ >= 0)
            ::close(fd_);
    }
    Wire(const Wire &) = delete;
    Wire &operator=(const Wire &) = delete;

    const std::string &role() const { return role_; }
    std::uint32_t frameMax() const { return frameMax_; }

    [[noreturn]] void fail(const std::string &what) const
    {
        throw std::runtime_error(role_ + ": " + what);
    }

    // Another thread of the run failed: stop too (and say so only as a count).
    void stopIfAborted() const
    {
        if (abort_.load())
            throw StoppedByOther(role_);
    }

    // Writes all of data. While the socket is full it waits (and, for the
    // publisher, keeps reading what the broker sends so neither side stalls);
    // fails on an abort from the other thread or no progress for --idle-timeout.
    void send(const std::uint8_t *data, std::size_t n)
    {
        auto lastProgress = Clock::now();
        while (n > 0) {
            const ssize_t w = ::send(fd_, data, n, MSG_NOSIGNAL);
            if (w > 0) {
                data += w;
                n -= std::size_t(w);
                lastProgress = Clock::now();
                continue;
            }
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
                fail(std::string("writing to the broker: ") + std::strerror(errno) + readCloseHint());
            pollfd p{fd_, short(POLLOUT | (discardWhileWriting_ ? POLLIN : 0)), 0};
            if (::poll(&p, 1, kPollMs) < 0 && errno != EINTR)
                fail(std::string("poll: ") + std::strerror(errno));
            stopIfAborted();
            if (discardWhileWriting_ && (p.revents & (POLLIN | POLLHUP | POLLERR))) {
                fillNow();  // throws on a closed connection
                discardIncoming();
            }
            if (secondsSince(lastProgress) > o_.idleTimeout)
                fail("the broker has not read from the connection for --idle-timeout " +
                     std::to_string(int(o_.idleTimeout)) + " s");
        }
    }
    void send(const std::vector<std::uint8_t> &v) { send(v.data(), v.size()); }

    // Publisher: also read (and mostly ignore) incoming frames while waiting
    // to write. The consumer must not: its frames are deliveries to process.
    void setDiscardWhileWriting(bool on) { discardWhileWriting_ = on; }

    // Reads once if data is ready now, without waiting. Returns whether
    // anything arrived; throws if the broker closed the connection.
    bool fillNow() { return readOnce(); }

    // Waits up to timeoutMs for data, then reads once (up to 256 KiB).
    bool fill(int timeoutMs)
    {
        if (readOnce())
            return true;
        pollfd p{fd_, POLLIN, 0};
        const int r = ::poll(&p, 1, timeoutMs);
        if (r < 0 && errno != EINTR)
            fail(std::string("poll: ") + std::strerror(errno));
        return r > 0 && readOnce();
    }

    // The next complete frame already in the buffer, if any.
    bool nextFrame(Frame &f)
    {
        const std::size_t avail = end_ - begin_;
        if (avail < 7)
            return false;
        const std::uint8_t *h = in_.data() + begin_;
        const std::uint32_t size = std::uint32_t(h[3]) << 24 | std::uint32_t(h[4]) << 16 |
                                   std::uint32_t(h[5]) << 8 | h[6];
        if (size > frameMax_ - 8)
            fail("the broker sent a " + std::to_string(size) + "-byte frame payload, more than frame_max " +
                 std::to_string(frameMax_) + " allows");
        if (avail < std::size_t(size) + 8)
            return false;
        if (h[7 + size] != kFrameEnd)
            fail("frame from the broker does not end with 0xCE (type " + std::to_string(h[0]) + ")");
        f.type = h[0];
        f.channel = std::uint16_t(h[1] << 8 | h[2]);
        f.payload = h + 7;
        f.size = size;
        begin_ += std::size_t(size) + 8;
        return true;
    }

    // Publisher: handle whatever the broker sent. Nothing is expected while
    // publishing (no confirms, no mandatory flag, heartbeats off), but a
    // connection.close or channel.close must end the run with its reason.
    void discardIncoming()
    {
        Frame f;
        while (nextFrame(f)) {
            if (f.type != kFrameMethod)
                continue;  // heartbeats; nothing else should come
            const MethodId m = f.method();
            failOnClose(f, m);
            if (m == kConnectionBlocked) {
                Decoder d(f.payload + 4, f.size - 4, "connection.blocked");
                const std::string_view reason = d.shortstr();
                std::fprintf(stderr, "warren-load: %s: broker sent connection.blocked: %.*s\n",
                             role_.c_str(), int(reason.size()), reason.data());
            }
        }
    }

    // Sends one method frame (fields written by 'fields') and waits for the reply.
    template <typename Fields>
    Frame call(std::uint16_t channel, MethodId request, MethodId reply, const std::string &what,
               Fields fields)
    {
        std::vector<std::uint8_t> out;
        Encoder e(out);
        e.beginMethod(channel, request);
        fields(e);
        e.endFrame();
        send(out);
        return waitMethod(channel, reply, what);
    }

    // Waits for one method; heartbeats and connection.(un)blocked are skipped,
    // anything else (a close, a stray delivery) is an error.
    Frame waitMethod(std::uint16_t channel, MethodId want, const std::string &what)
    {
        auto start = Clock::now();
        for (;;) {
            Frame f;
            while (nextFrame(f)) {
                if (f.type == kFrameHeartbeat)
                    continue;
                const MethodId m = f.method();
                failOnClose(f, m);
                if (m == kConnectionBlocked || m == kConnectionUnblocked)
                    continue;
                if (m == want && f.channel == channel)
                    return f;
                std::string got = f.type == kFrameMethod ? "method " + methodName(m)
                                                         : "frame type " + std::to_string(f.type);
                if (m == kBasicDeliver)
                    got += " (basic.deliver: more messages than were published?)";
                fail(what + ": expected method " + methodName(want) + " on channel " +
                     std::to_string(channel) + ", got " + got + " on channel " + std::to_string(f.channel));
            }
            stopIfAborted();
            if (fill(kPollMs))
                start = Clock::now();
            else if (secondsSince(start) > o_.idleTimeout)
                fail(what + ": no reply for --idle-timeout " + std::to_string(int(o_.idleTimeout)) + " s");
        }
    }

    void failOnClose(const Frame &f, MethodId m)
    {
        if (m == kConnectionClose) {
            // Be polite, then report; the run is over either way.
            std::vector<std::uint8_t> out;
            Encoder e(out);
            e.beginMethod(0, kConnectionCloseOk);
            e.endFrame();
            (void)::send(fd_, out.data(), out.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
            fail("broker closed the connection: " + closeReason(f));
        }
        if (m == kChannelClose)
            fail("broker closed channel " + std::to_string(f.channel) + ": " + closeReason(f));
    }

    void openChannel(std::uint16_t channel)
    {
        call(channel, kChannelOpen, kChannelOpenOk, "channel.open", [](Encoder &e) { e.shortstr(""); });
    }
    void closeChannel(std::uint16_t channel)
    {
        call(channel, kChannelClose, kChannelCloseOk, "channel.close", [](Encoder &e) {
            e.u16(200);
            e.shortstr("");
            e.u16(0);
            e.u16(0);
        });
    }
    // The polite end: connection.close and its close-ok. A late broker error
    // (e.g. on a publish) arrives before the close-ok and is reported.
    void closeConnection()
    {
        call(0, kConnectionClose, kConnectionCloseOk, "connection.close", [](Encoder &e) {
            e.u16(200);
            e.shortstr("");
            e.u16(0);
            e.u16(0);
        });
    }

private:
    static double secondsSince(Clock::time_point t)
    {
        return std::chrono::duration<double>(Clock::now() - t).count();
    }

    void connectTcp()
    {
        addrinfo hints{};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        addrinfo *list = nullptr;
        const std::string port = std::to_string(o_.port);
        const std::string where = o_.host + ":" + port;
        if (const int r = ::getaddrinfo(o_.host.c_str(), port.c_str(), &hints, &list); r != 0)
            fail("cannot resolve " + where + ": " + ::gai_strerror(r));
        std::string err = "no address";
        for (addrinfo *a = list; a && fd_ < 0; a = a->ai_next) {
            const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
            if (fd < 0) {
                err = std::strerror(errno);
                continue;
            }
            if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
                fd_ = fd;
                break;
            }
            err = std::strerror(errno);
            ::close(fd);
        }
        ::freeaddrinfo(list);
        if (fd_ < 0)
            fail("cannot connect to " + where + ": " + err + " (is a broker listening there?)");
        // Acks are small writes that must leave at once; our own batching
        // replaces Nagle's.
        const int one = 1;
        ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        const int flags = ::fcntl(fd_, F_GETFL);
        if (flags < 0 || ::fcntl(fd_, F_SETFL, flags | O_NONBLOCK) < 0)
            fail(std::string("cannot make the socket non-blocking: ") + std::strerror(errno));
    }

    void handshake()
    {
        static const std::uint8_t header[8] = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};
        send(header, sizeof header);

        const Frame start = waitMethod(0, kConnectionStart, "waiting for connection.start");
        Decoder d(start.payload + 4, start.size - 4, "connection.start");
        const std::uint8_t major = d.u8(), minor = d.u8();
        if (major != 0 || minor != 9)
            fail("broker speaks AMQP " + std::to_string(major) + "-" + std::to_string(minor) + ", not 0-9-1");
        d.longstr();  // server-properties (a table: size + bytes)
        const std::string mechanisms(d.longstr());
        if (mechanisms.find("PLAIN") == std::string::npos)
            fail("broker does not offer SASL PLAIN (offers: " + mechanisms + ")");

        std::vector<std::uint8_t> out;
        Encoder e(out);
        e.beginMethod(0, kConnectionStartOk);
        {
            // client-properties: {product: "warren-load (pipeline)"}
            std::vector<std::uint8_t> table;
            Encoder t(table);
            t.shortstr("product");
            t.u8('S');
            t.longstr("warren-load (pipeline)");
            e.u32(std::uint32_t(table.size()));
            e.bytes(std::string_view(reinterpret_cast<const char *>(table.data()), table.size()));
        }
        e.shortstr("PLAIN");
        e.longstr(std::string_view("\0guest\0guest", 12));
        e.shortstr("en_US");
        e.endFrame();
        send(out);

        // A refused login comes back as connection.close, which waitMethod reports.
        const Frame tune = waitMethod(0, kConnectionTune, "login as guest (waiting for connection.tune)");
        Decoder td(tune.payload + 4, tune.size - 4, "connection.tune");
        const std::uint16_t channelMax = td.u16();
        const std::uint32_t serverFrameMax = td.u32();
        td.u16();  // heartbeat: we answer 0 (off), as the rabbitmq-c client does
        frameMax_ = serverFrameMax == 0 ? kWantFrameMax : std::min(serverFrameMax, kWantFrameMax);
        if (frameMax_ < 4096)
            fail("broker's frame_max " + std::to_string(serverFrameMax) + " is below AMQP's minimum 4096");
        if (channelMax != 0 && channelMax < kCheckChannel)
            fail("broker allows only " + std::to_string(channelMax) + " channel(s); 2 are needed");

        out.clear();
        e.beginMethod(0, kConnectionTuneOk);
        e.u16(channelMax);
        e.u32(frameMax_);
        e.u16(0);
        e.endFrame();
        e.beginMethod(0, kConnectionOpen);  // in the same write, as most clients do
        e.shortstr("/");
        e.shortstr("");
        e.u8(0);
        e.endFrame();
        send(out);
        waitMethod(0, kConnectionOpenOk, "connection.open to vhost /");
    }

    // One recv() into the buffer; false when nothing is ready.
    bool readOnce()
    {
        if (in_.size() - end_ < kRecvChunk) {
            // Whatever is left is one partial frame (at most frame_max bytes):
            // move it to the front so a full chunk fits behind it.
            std::memmove(in_.data(), in_.data() + begin_, end_ - begin_);
            end_ -= begin_;
            begin_ = 0;
        }
        for (;;) {
            const ssize_t r = ::recv(fd_, in_.data() + end_, in_.size() - end_, 0);
            if (r > 0) {
                end_ += std::size_t(r);
                return true;
            }
            if (r == 0)
                fail("the broker closed the TCP connection without connection.close");
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return false;
            fail(std::string("reading from the broker: ") + std::strerror(errno));
        }
    }

    // After a failed write: if the broker said why it closed, say that instead.
    std::string readCloseHint()
    {
        try {
            while (readOnce()) {
            }
            Frame f;
            while (nextFrame(f))
                if (f.method() == kConnectionClose)
                    return " (broker closed the connection: " + closeReason(f) + ")";
        } catch (const std::exception &) {
        }
        return "";
    }

    const Options &o_;
    std::string role_;
    const std::atomic<bool> &abort_;
    int fd_ = -1;
    std::uint32_t frameMax_ = kWantFrameMax;  // until tuned: the most we accept
    bool discardWhileWriting_ = false;
    std::vector<std::uint8_t> in_;
    std::size_t begin_ = 0, end_ = 0;  // unparsed bytes are in_[begin_, end_)
};


// ---- publisher -------------------------------------------------------------------

// basic.publish to the default exchange, the content header (delivery-mode 1,
// transient, as the rabbitmq-c client sends) and the body split into frames
// of at most frame_max - 8 bytes. Every message is the same, so it is encoded
// once and copied (--rate patches its send time in at bodyAt).
struct EncodedPublish {
    std::vector<std::uint8_t> bytes;
    std::size_t bodyAt = 0;  // offset of the first body byte
};

EncodedPublish encodePublish(const std::string &queue, std::size_t size, std::uint32_t frameMax)
{
    EncodedPublish encoded;
    std::vector<std::uint8_t> &out = encoded.bytes;
    Encoder e(out);
    e.beginMethod(kDataChannel, kBasicPublish);
    e.u16(0);           // reserved (ticket)
    e.shortstr("");     // exchange: the default one
    e.shortstr(queue);  // routing key
    e.u8(0);            // mandatory = immediate = false
    e.endFrame();

    e.beginFrame(kFrameHeader, kDataChannel);
    e.u16(kBasicPublish.cls);
    e.u16(0);  // weight
    e.u64(size);
    e.u16(0x1000);  // property flags: delivery-mode only
    e.u8(1);        // delivery-mode 1 = transient
    e.endFrame();

    const std::size_t maxBody = frameMax - 8;
    for (std::size_t done = 0; done < size;) {
        const std::size_t n = std::min(maxBody, size - done);
        e.beginFrame(kFrameBody, kDataChannel);
        if (done == 0)
            encoded.bodyAt = out.size();
        out.insert(out.end(), n, std::uint8_t('w'));
        e.endFrame();
        done += n;
    }
    return encoded;
}

// Nothing is expected from the broker while publishing, but a close must not
// go unseen: one cheap non-blocking read now and then.
void glanceAtIncoming(Wire &c)
{
    c.fillNow();
    c.discardIncoming();
}

// --rate: one message per slot, each written as soon as it is stamped (a
// latency probe must not hold messages back to fill a buffer).
void publishPaced(Wire &c, const Options &o, EncodedPublish &message, Lane &lane, Clock::time_point first)
{
    Pacer pacer(o.rate);
    const auto deadline = publishDeadline(o, first);
    for (std::uint64_t sent = 0; (o.count == 0 || sent < o.count) && (o.seconds <= 0 || Clock::now() < deadline);) {
        c.stopIfAborted();
        pacer.wait();
        writeStamp(message.bytes.data() + message.bodyAt, nowNanoseconds());
        c.send(message.bytes);
        ++sent;
        lane.published.fetch_add(1, std::memory_order_release);
        if (sent % 256 == 0)
            glanceAtIncoming(c);
    }
}

// --max-backlog: wait until the queue's consumers have caught up. What is
// already written must reach them first, so this comes after the flush.
// Returns true when the run's time ran out meanwhile.
bool waitForRoom(Wire &c, const Options &o, const Lane &lane, Clock::time_point deadline)
{
    BacklogNaps naps;
    for (int spins = 0; backlog(lane, 0) >= o.maxBacklog; ++spins) {
        c.stopIfAborted();
        naps.nap();
        if (spins % 8 == 7)  // at most every ~8 ms
            glanceAtIncoming(c);
        if (o.seconds > 0 && Clock::now() >= deadline)
            return true;
    }
    return false;
}

// As fast as possible: copies of the message fill a buffer of ~64 KiB, which
// goes out with one send(). The clock is read every 256 messages, as in the
// rabbitmq-c client. --max-backlog is applied per chunk: the room the queue
// has left is read once before filling it.
void publishBuffered(Wire &c, const Options &o, const std::vector<std::uint8_t> &message, Lane &lane,
                     Clock::time_point first)
{
    const auto deadline = publishDeadline(o, first);
    std::vector<std::uint8_t> out;
    out.reserve(kWriteChunk + message.size());
    std::uint64_t sent = 0;
    for (bool over = false; !over;) {
        const std::uint64_t room = o.maxBacklog == 0 ? std::numeric_limits<std::uint64_t>::max()
                                                     : o.maxBacklog - std::min(o.maxBacklog, backlog(lane, 0));
        std::uint64_t batch = 0;
        out.clear();
        while (out.size() < kWriteChunk && batch < room) {
            if ((o.count != 0 && sent >= o.count) ||
                (o.seconds > 0 && sent % 256 == 0 && Clock::now() >= deadline)) {
                over = true;
                break;
            }
            out.insert(out.end(), message.begin(), message.end());
            ++sent;
            ++batch;
        }
        c.send(out);
        lane.published.fetch_add(batch, std::memory_order_release);
        glanceAtIncoming(c);
        if (!over && batch == room)
            over = waitForRoom(c, o, lane, deadline);
    }
}

// ---- consumer --------------------------------------------------------------------

// Declares the queue (every consumer of a lane does: the same arguments again
// are a no-op, so none waits for another), sets the prefetch and subscribes.
// Returns the consumer tag the broker chose.
std::string subscribe(Wire &c, const Options &o, const std::string &queue)
{
    // Non-durable, not exclusive (the publisher uses another connection), not
    // auto-delete: deleted at the end, after checking it is empty.
    c.call(kDataChannel, kQueueDeclare, kQueueDeclareOk, "queue.declare " + queue, [&](Encoder &e) {
        e.u16(0);
        e.shortstr(queue);
        e.u8(0);  // passive, durable, exclusive, auto-delete, no-wait: all false
        e.emptyTable();
    });
    if (o.ack)
        c.call(kDataChannel, kBasicQos, kBasicQosOk, "basic.qos", [&](Encoder &e) {
            e.u32(0);  // prefetch-size: no limit
            e.u16(o.prefetch);
            e.u8(0);  // global = false: per consumer, as rabbitmq-c's call
        });
    const Frame consumeOk =
        c.call(kDataChannel, kBasicConsume, kBasicConsumeOk, "basic.consume", [&](Encoder &e) {
            e.u16(0);
            e.shortstr(queue);
            e.shortstr("");          // let the broker pick the tag
            e.u8(o.ack ? 0 : 0x02);  // no-ack bit for auto-ack
            e.emptyTable();
        });
    Decoder d(consumeOk.payload + 4, consumeOk.size - 4, "basic.consume-ok");
    return std::string(d.shortstr());
}

// basic.ack frames (one per delivery, multiple=false, unless
// --multiple-ack-every) collected and written together: once per read, or
// sooner when they fill 64 KiB.
class AckBatch {
public:
    explicit AckBatch(Wire &c) : c_(c)
    {
        Encoder e(template_);
        e.beginMethod(kDataChannel, kBasicAck);
        e.u64(0);
        e.u8(0);
        e.endFrame();
        out_.reserve(kAckFlush + 64);
    }

    void add(std::uint64_t deliveryTag, bool multiple)
    {
        const std::size_t at = out_.size();
        out_.insert(out_.end(), template_.begin(), template_.end());
        for (int i = 0; i < 8; ++i)  // the delivery tag: bytes 11..18 of the frame
            out_[at + 11 + i] = std::uint8_t(deliveryTag >> (56 - 8 * i));
        out_[at + 19] = multiple ? 1 : 0;
        if (out_.size() >= kAckFlush)
            flush();
    }

    void flush()
    {
        if (out_.empty())
            return;
        c_.send(out_);
        out_.clear();
    }

private:
    Wire &c_;
    std::vector<std::uint8_t> template_, out_;
};

// Puts deliveries back together from their frames (basic.deliver, content
// header, body frames) and checks them: delivery tags rise, every body has
// the size that was published and holds the bytes that were.
class DeliveryAssembler {
public:
    DeliveryAssembler(Wire &c, const Options &o) : c_(c), o_(o) {}

    // Takes the next frame; true when it completed a message, whose
    // deliveryTag() and (--rate) sentAt() are then readable.
    bool add(const Frame &f)
    {
        if (f.type == kFrameHeartbeat)
            return false;
        if (f.channel != kDataChannel) {
            c_.failOnClose(f, f.method());  // connection.close on channel 0
            c_.fail("unexpected frame type " + std::to_string(f.type) + " on channel " + std::to_string(f.channel));
        }
        switch (expect_) {
        case Expect::Deliver:
            takeDeliver(f);
            return false;
        case Expect::Header:
            return takeHeader(f);
        case Expect::Body:
            return takeBody(f);
        }
        return false;
    }

    std::uint64_t deliveryTag() const { return deliveryTag_; }
    std::int64_t sentAt() const { return sentAt_; }

private:
    enum class Expect { Deliver, Header, Body };

    void takeDeliver(const Frame &f)
    {
        const MethodId m = f.method();
        if (m != kBasicDeliver) {
            c_.failOnClose(f, m);
            c_.fail("expected basic.deliver, got " +
                    (f.type == kFrameMethod ? "method " + methodName(m) : "frame type " + std::to_string(f.type)));
        }
        Decoder d(f.payload + 4, f.size - 4, "basic.deliver");
        d.shortstr();  // consumer tag
        const std::uint64_t t = d.u64();
        if (t <= deliveryTag_)  // the broker numbers deliveries on a channel upwards from 1
            c_.fail("delivery tag " + std::to_string(t) + " after " + std::to_string(deliveryTag_));
        deliveryTag_ = t;
        expect_ = Expect::Header;
    }

    bool takeHeader(const Frame &f)
    {
        if (f.type != kFrameHeader)
            c_.fail("expected a content header after basic.deliver, got frame type " + std::to_string(f.type));
        Decoder d(f.payload, f.size, "content header");
        d.skip(4);  // class id, weight
        bodyLeft_ = bodySize_ = d.u64();
        if (bodyLeft_ == 0)
            return complete();
        expect_ = Expect::Body;
        return false;
    }

    bool takeBody(const Frame &f)
    {
        if (f.type != kFrameBody)
            c_.fail("expected a body frame, got frame type " + std::to_string(f.type));
        if (f.size > bodyLeft_)
            c_.fail("body frames carry more bytes than the content header announced");
        // A cheap spot check of the content (every byte is 'w', but for
        // --rate's stamp); a full comparison would cost more than the
        // broker's copy.
        if (o_.rate > 0 && bodyLeft_ == bodySize_ && f.size >= kStampBytes)
            sentAt_ = readStamp(f.payload);
        else if (f.size > 0 && f.payload[0] != 'w')
            c_.fail("a body frame does not hold the bytes that were published");
        if (f.size > 0 && f.payload[f.size - 1] != 'w')
            c_.fail("a body frame does not hold the bytes that were published");
        bodyLeft_ -= f.size;
        return bodyLeft_ == 0 && complete();
    }

    // The body frames added up to exactly the size the header announced.
    bool complete()
    {
        if (bodySize_ != o_.size)
            c_.fail("got a " + std::to_string(bodySize_) + "-byte body, expected " + std::to_string(o_.size));
        expect_ = Expect::Deliver;
        return true;
    }

    Wire &c_;
    const Options &o_;
    Expect expect_ = Expect::Deliver;
    std::uint64_t deliveryTag_ = 0, bodySize_ = 0, bodyLeft_ = 0;
    std::int64_t sentAt_ = 0;  // --rate: the stamp in the message's first body frame
};

// Reads until everything the lane's publishers sent has arrived (here or at
// another consumer of the queue): as much as one recv() brings, every frame
// in it, then the acks of that read in one write.
ConsumeResult consumeAll(Wire &c, const Options &o, Lane &lane)
{
    ConsumeResult r;
    r.latency.reserve(expectedSamples(o));
    const double cpuStart = threadCpuSeconds();
    DeliveryAssembler deliveries(c, o);
    AckBatch acks(c);
    IdleWatch idle(o, lane, c.role());
    while (!allConsumed(lane)) {
        c.stopIfAborted();
        if (!c.fill(kPollMs)) {
            idle.check();
            continue;
        }
        const std::uint64_t before = r.consumed;
        Frame f;
        while (c.nextFrame(f)) {
            if (!deliveries.add(f))
                continue;
            ++r.consumed;
            if (o.rate > 0)
                r.latency.add(nowNanoseconds() - deliveries.sentAt());
            if (const AckNow a = ackAfter(o, r.consumed); a != AckNow::None)
                acks.add(deliveries.deliveryTag(), a == AckNow::UpToHere);
        }
        const auto now = Clock::now();
        idle.progress(now);  // partial frames count as progress too
        if (r.consumed != before) {
            r.lastMessage = now;
            lane.consumed.fetch_add(r.consumed - before, std::memory_order_relaxed);
        }
        acks.flush();
    }
    if (tailAckDue(o, r.consumed))
        acks.add(deliveries.deliveryTag(), true);  // the tail that did not fill a whole batch
    acks.flush();
    r.cpu = threadCpuSeconds() - cpuStart;
    requireExactlyOnce(lane, c.role());
    return r;
}

// From a fresh channel: the queue must hold nothing (every message delivered
// once and acked); then delete it.
void checkAndDelete(Wire &c, const Lane &lane)
{
    c.openChannel(kCheckChannel);
    const Frame declareOk = c.call(kCheckChannel, kQueueDeclare, kQueueDeclareOk,
                                   "passive queue.declare " + lane.queue, [&](Encoder &e) {
                                       e.u16(0);
                                       e.shortstr(lane.queue);
                                       e.u8(0x01);  // passive
                                       e.emptyTable();
                                   });
    Decoder d(declareOk.payload + 4, declareOk.size - 4, "queue.declare-ok");
    d.shortstr();
    const std::uint32_t left = d.u32();
    c.call(kCheckChannel, kQueueDelete, kQueueDeleteOk, "queue.delete " + lane.queue, [&](Encoder &e) {
        e.u16(0);
        e.shortstr(lane.queue);
        e.u8(0);  // if-unused, if-empty, no-wait: false
    });
    requireEmptyQueue(lane, left, c.role());
}

// Cancel, then close the channel (the broker requeues anything still
// unacked); the lane's last consumer to get here checks and deletes the queue.
void leave(Wire &c, Lane &lane, const std::string &tag)
{
    c.call(kDataChannel, kBasicCancel, kBasicCancelOk, "basic.cancel", [&](Encoder &e) {
        e.shortstr(tag);
        e.u8(0);
    });
    c.closeChannel(kDataChannel);
    if (lastToLeave(lane))
        checkAndDelete(c, lane);
    c.closeConnection();
}

}  // namespace

PublishResult runPipelinePublisher(const Task &t, std::promise<void> &ready, const std::shared_future<void> &start)
{
    const Options &o = t.options;
    Wire c(o, t.role, t.lane.abort);
    c.setDiscardWhileWriting(true);
    EncodedPublish encoded = encodePublish(t.lane.queue, o.size, c.frameMax());
    awaitStart(t, ready, start);

    PublishResult r;
    r.first = Clock::now();
    const double cpuStart = threadCpuSeconds();
    if (o.rate > 0)
        publishPaced(c, o, encoded, t.lane, r.first);
    else
        publishBuffered(c, o, encoded.bytes, t.lane, r.first);
    r.end = Clock::now();
    r.cpu = threadCpuSeconds() - cpuStart;
    finishPublishing(t.lane);
    // Round trips now: they surface any error the broker raised while we
    // were only writing.
    c.closeChannel(kDataChannel);
    c.closeConnection();
    return r;
}

ConsumeResult runPipelineConsumer(const Task &t, std::promise<void> &ready)
{
    Wire c(t.options, t.role, t.lane.abort);
    const std::string tag = subscribe(c, t.options, t.lane.queue);
    ready.set_value();
    const ConsumeResult r = consumeAll(c, t.options, t.lane);
    leave(c, t.lane, tag);
    return r;
}

}  // namespace warrenload
