// One AMQP connection: the handshake state machine (header, start, tune, open), channel 0,
// the channels, heartbeats and closing. It consumes bytes and produces frames; the socket
// belongs to the transport, so the whole protocol runs in tests without one.
#pragma once

#include "ConnectionTransport.h"
#include "ServerContext.h"
#include "protocol/AmqpError.h"
#include "protocol/FrameReader.h"
#include "protocol/FrameWriter.h"
#include "protocol/MethodCodec.h"
#include "protocol/Methods.h"
#include "protocol/OutputBuffer.h"

#include <QDateTime>
#include <QHostAddress>

#include <memory>
#include <optional>
#include <vector>

namespace warren::server {

class Channel;

struct PeerInfo {
    QHostAddress address;
    quint16 port = 0;
    QHostAddress localAddress;   // the address the peer connected to: loopback users need a loopback one
    quint16 localPort = 0;
    bool internal = false;   // the explorer's own in-process connection: left out of snapshots

    // An in-process peer: from 127.0.0.1 to 127.0.0.1 (the explorer's own connection, tests).
    static PeerInfo loopback();
    // "127.0.0.1:5555", "[::1]:5555", as RabbitMQ writes addresses.
    static QByteArray endpoint(const QHostAddress &address, quint16 port);
    QByteArray remote() const { return endpoint(address, port); }
    QByteArray local() const { return endpoint(localAddress, localPort); }
};

class Connection {
public:
    enum class State { AwaitingHeader, Starting, Tuning, Opening, Open, Closing, Closed };

    Connection(ServerContext &context, ConnectionTransport &transport, PeerInfo peer);
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    // Processes whole frames from `bytes`; returns how many bytes were used. The rest (a
    // partial frame) is offered again with more bytes appended.
    qsizetype receive(QByteArrayView bytes);
    // The socket is gone: consumers are cancelled and unacked messages requeued.
    void transportClosed();
    // Called about every heartbeat/2 seconds with the idle times the transport measured;
    // returns false when the peer missed two heartbeats and must be dropped.
    bool heartbeatTick(qint64 msSinceReceived, qint64 msSinceSent);
    // RabbitMQ's handshake_timeout ran out: a peer that has not opened the connection by now
    // is dropped, whatever step it stopped at.
    void handshakeTimedOut();
    // RabbitMQ's consumer timeout: each channel's oldest unacknowledged delivery, seen by a
    // periodic check (ConsumerTimeout); the channel closes with 406 once it waited too long.
    void checkConsumerTimeouts(qint64 nowMs);
    // The explorer's in-process client skips the handshake: it acts for the local operator
    // (as rabbitmqctl does), not as a network user, so no password is involved.
    void openTrusted(const QByteArray &user, model::VHost *vhost);
    // An operator or shutdown closes the connection (CONNECTION_FORCED).
    void closeByServer(amqp::ReplyCode code, const QByteArray &text);
    // Its virtual host is being deleted: closed with CONNECTION_FORCED, and it lets go of it.
    void vhostDeleted();

    // For channels and consumers.
    ServerContext &context() { return context_; }
    model::VHost *vhost() const { return vhost_; }
    amqp::FrameWriter &writer() { return writer_; }
    amqp::OutputBuffer &output() { return output_; }
    void outputAdded() { transport_.outputReady(); }
    // False while more than the high watermark waits to be written; a refused delivery is
    // remembered, so that outputWritten() can resume it.
    bool mayDeliver();
    // The transport wrote some output; below the low watermark, refused consumers resume,
    // and so does reading where it was held.
    void outputWritten();
    // Output is bounded for every kind of frame, not only deliveries: a read stops after the
    // frame that took this connection's output above the high watermark (basic.get replies,
    // returns, confirms...), or another connection's (a direct reply to a client that does
    // not read), and the connection is not read again until that output drains below the
    // low watermark. TCP then pushes back on the peer, as RabbitMQ's flow control does.
    void holdWriterUntilDrained(Connection &writer);
    void confirmsPending(Channel *channel);
    // A hard error: connection.close to the peer, then wait for close-ok.
    void fail(const amqp::AmqpError &error);
    void refuseUnsavedTopology(qsizetype outputBefore);
    bool clientHasCapability(const char *name) const;

    // Resource alarms (memory, disk): a connection that publishes stops being read, and is
    // told so with connection.blocked when it supports it, until the alarm clears.
    void setPublishingBlocked(const QByteArray &reason);   // empty reason: unblocked
    void notePublisher() { isPublisher_ = true; }
    bool isBlocked() const { return blocked_; }

    // For the explorer's snapshots.
    std::uint64_t id() const { return id_; }
    State state() const { return state_; }
    const PeerInfo &peer() const { return peer_; }
    const QByteArray &user() const { return user_; }
    // The explorer's own connection acts for the local operator as an administrator (as
    // rabbitmqctl does): its channels are not held to the user's permissions.
    bool isUnrestricted() const { return peer_.internal; }
    const amqp::FieldTable &clientProperties() const { return clientProperties_; }
    std::uint16_t heartbeatSeconds() const { return heartbeat_; }
    std::uint32_t frameMax() const { return writer_.frameMax(); }
    const QDateTime &connectedAt() const { return connectedAt_; }
    std::vector<const Channel *> channels() const;

private:
    class MethodHandler;
    friend class MethodHandler;

    bool receiveProtocolHeader(QByteArrayView bytes);
    void handleFrame(const amqp::Frame &frame);
    void handleFrameError(const amqp::FrameParse &parse, QByteArrayView bytes);
    void unexpectedFrame(const amqp::Frame &frame);
    void handleConnectionMethod(QByteArrayView payload);
    void handleChannelFrame(const amqp::Frame &frame);
    // Where channel `number` is in channels_, or would be inserted.
    std::vector<std::unique_ptr<Channel>>::iterator channelSlot(std::uint16_t number);
    std::optional<amqp::AmqpError> channelRefusal(const amqp::Frame &frame) const;

    void onStartOk(const amqp::ConnectionStartOk &m);
    void onTuneOk(const amqp::ConnectionTuneOk &m);
    void onOpen(const amqp::ConnectionOpen &m);
    void onClose(const amqp::ConnectionClose &m);
    void traceOpened();
    void onCloseOk();

    void refuseLogin(const QByteArray &mechanism);
    void closeChannels(observe::Cause cause = observe::Cause::ChannelClosed);
    // The event tap hears that an open connection ended, and why.
    void traceEnd(observe::EventKind kind, const QByteArray &reason);
    void finish();
    void flushConfirms();
    bool isInputHeld() const { return heldForOutput_ || awaitedDrains_ > 0; }
    void updateReading();
    void releaseWriters();

    ServerContext &context_;
    ConnectionTransport &transport_;
    PeerInfo peer_;
    std::uint64_t id_;
    QDateTime connectedAt_;
    State state_ = State::AwaitingHeader;
    bool discardInput_ = false;   // after a framing error nothing more can be parsed

    amqp::OutputBuffer output_;
    amqp::FrameWriter writer_{output_};
    // Until tune-ok, frames are limited to the spec's minimum, as RabbitMQ does: an
    // unauthenticated peer cannot make the broker buffer or decode large frames.
    std::uint32_t frameMaxIn_ = amqp::kFrameMinSize;
    std::uint16_t channelMax_ = amqp::kDefaultChannelMax;
    std::uint16_t heartbeat_ = 0;

    QByteArray user_;
    amqp::FieldTable clientProperties_;
    model::VHost *vhost_ = nullptr;
    // Sorted by number. Clients may number channels anywhere in 1..65535 (RabbitMQ limits
    // only how many are open), so this grows with the channels open, not with the numbers.
    std::vector<std::unique_ptr<Channel>> channels_;
    std::vector<std::unique_ptr<Channel>> retired_;    // closed, destroyed once no handler runs
    std::vector<Channel *> confirmsPending_;
    bool deliveryThrottled_ = false;
    bool isPublisher_ = false;
    bool blocked_ = false;
    bool heldForOutput_ = false;               // its own output is above the high watermark
    int awaitedDrains_ = 0;                    // connections it filled, not drained yet
    std::vector<std::uint64_t> heldWriters_;   // connections waiting for this one to drain
};

} // namespace warren::server
