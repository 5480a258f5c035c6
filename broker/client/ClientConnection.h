// The client side of one AMQP 0-9-1 connection, sans-IO: bytes from the server go in through
// feed(), frames for the server come out of output(), and what the server says comes back
// through the callbacks in ClientEvents. No socket, no timer, no thread: TcpClient carries
// the bytes over TCP, the unit tests through an in-memory pipe to the broker's own
// server::Connection. Built on the broker's codec (protocol/), so both sides of the wire
// share one declaration of every method.
//
// Requests are pipelined: call() sends a synchronous method at once and hands its reply to
// `done` when the server answers (replies on one channel come in request order). When the
// server closes a channel, every request still waiting on it gets `done` with the close's
// reply code, and channelClosed() reports it.
//
// Callbacks run inside feed() (or the call that caused them) and may call back into the
// connection, but must not destroy it.
#pragma once

#include "client/ClientTypes.h"

#include "protocol/FrameWriter.h"
#include "protocol/MethodCodec.h"
#include "protocol/Methods.h"
#include "protocol/OutputBuffer.h"

#include <QByteArray>
#include <QByteArrayView>

#include <cstdint>
#include <functional>
#include <memory>

namespace warren::client {

class ClientConnection {
public:
    ClientConnection(ClientOptions options, ClientEvents events);
    ~ClientConnection();
    ClientConnection(const ClientConnection &) = delete;
    ClientConnection &operator=(const ClientConnection &) = delete;

    // Writes the protocol header; the handshake then runs as the server answers, and
    // ClientEvents::opened fires after connection.open-ok.
    void start();
    // Bytes read from the server, any amount.
    void feed(QByteArrayView bytes);
    // Frames waiting to be written to the server.
    amqp::OutputBuffer &output();
    // Called when output is added to an empty buffer: the transport's cue to write soon.
    void setOutputReady(std::function<void()> notify);
    // The transport ended (or was abandoned, byServer false): ClientEvents::closed with
    // reply code 0 and `reason`, unless the connection had closed already.
    void transportClosed(const QByteArray &reason, bool byServer = true);
    // Heartbeats, driven by the transport's clock (milliseconds, monotonic): sends one when
    // nothing was sent for half the negotiated interval; closes with ClientEvents::closed
    // (reason "missed heartbeats") when nothing came from the server for two intervals.
    void tick(qint64 nowMs);

    ConnectionState state() const;
    bool isOpen() const { return state() == ConnectionState::Open; }
    // What the server said in connection.start / tune.
    const ServerInfo &server() const;

    // Opens a channel (the lowest free number) and returns its number; `done` runs on
    // channel.open-ok. Returns 0 (and refuses `done` at once) when the connection is not
    // open or every number up to channel_max is taken.
    std::uint16_t openChannel(std::function<void(const Reply &)> done = {});
    void closeChannel(std::uint16_t channel, std::function<void(const Reply &)> done = {});

    // Sends any synchronous method of the basic, queue, exchange, confirm or tx classes
    // (queue.declare, basic.qos, basic.consume, confirm.select, ...). `done` gets the
    // -ok method, or the reply code the server closed the channel with. A method sent with
    // no-wait set gets no reply: `done` is not kept. On a channel that is not open (or
    // closing) nothing is sent and `done` is refused at once with CHANNEL_ERROR.
    // basic.get-ok's message comes through ClientEvents::delivered (no consumer tag) just
    // before `done` gets the get-ok.
    template <class M> void call(std::uint16_t channel, const M &method, std::function<void(const Reply &)> done = {})
    {
        if (!isUsable(channel))
            return refuse(channel, std::move(done));
        writer().method(channel, method);
        expectReply(channel, M::id, method, std::move(done));
    }

    // basic.publish with content. Returns the publish sequence number once the channel is
    // in confirm mode (ClientEvents::confirmed reports it), else 0. The numbers count from 1
    // from the moment confirm.select is sent, as the server counts them. On a channel that
    // is not open nothing is sent (nor are acks, nacks and rejects).
    std::uint64_t publish(std::uint16_t channel, const amqp::BasicPublish &method,
                          const QByteArray &properties, const QByteArray &body);
    void ack(std::uint16_t channel, std::uint64_t deliveryTag, bool multiple = false);
    void nack(std::uint16_t channel, std::uint64_t deliveryTag, bool multiple, bool requeue);
    void reject(std::uint16_t channel, std::uint64_t deliveryTag, bool requeue);

    // connection.close; ClientEvents::closed fires on close-ok. Before the connection is
    // open there is nobody to tell: it is closed at once.
    void close(std::uint16_t replyCode = 200, const QByteArray &replyText = "Normal shutdown");

private:
    amqp::FrameWriter &writer();
    bool isUsable(std::uint16_t channel) const;
    void refuse(std::uint16_t channel, std::function<void(const Reply &)> done);
    template <class M> void expectReply(std::uint16_t channel, amqp::MethodId id, const M &method,
                                        std::function<void(const Reply &)> done)
    {
        expectReply(channel, id, noWait(method), std::move(done));
    }
    void expectReply(std::uint16_t channel, amqp::MethodId id, bool noWait, std::function<void(const Reply &)> done);
    template <class M> static bool noWait(const M &method)
    {
        if constexpr (requires { method.noWait; })
            return method.noWait;
        else
            return false;
    }

    struct State;
    std::unique_ptr<State> d_;
};

} // namespace warren::client
