#include "Connection.h"

#include "Channel.h"
#include "ServerProperties.h"
#include "auth/SaslMechanism.h"
#include "protocol/ByteReader.h"
#include "protocol/ErrorText.h"
#include "protocol/MethodCodec.h"
#include "protocol/UndecodableMethod.h"

#include <QLoggingCategory>

#include <utility>

Q_LOGGING_CATEGORY(lcConnection, "warren.connection")

namespace warren::server {

using amqp::AmqpError;
using amqp::ReplyCode;

namespace {

constexpr int kCloseOkGraceMs = 3000;       // how long a peer may take to answer our close
constexpr int kFramingErrorGraceMs = 1000;
constexpr int kPeerCloseLimitSeconds = 30;  // RabbitMQ's ?CLOSING_TIMEOUT

const char *rabbitStateName(Connection::State s)
{
    switch (s) {
    case Connection::State::AwaitingHeader: return "pre_init";
    case Connection::State::Starting: return "starting";
    case Connection::State::Tuning: return "tuning";
    case Connection::State::Opening: return "opening";
    case Connection::State::Open: return "running";
    case Connection::State::Closing: return "closing";
    case Connection::State::Closed: return "closed";
    }
    return "closed";
}

AmqpError failNegotiation(const char *field, std::uint32_t client, std::uint32_t server, bool tooLow)
{
    QByteArray text = "negotiated " + QByteArray(field) + " = " + QByteArray::number(client);
    if (client == 0)
        text += " (\"no limit\")";
    text += tooLow ? " is lower than the minimum allowed value (" : " is higher than the maximum allowed value (";
    text += QByteArray::number(server) + ")";
    return AmqpError::make(ReplyCode::NotAllowed, text, amqp::ConnectionTuneOk::id);
}

} // namespace

Connection::Connection(ServerContext &context, ConnectionTransport &transport, PeerInfo peer)
    : context_(context), transport_(transport), peer_(std::move(peer)), id_(context.newConnectionId()),
      connectedAt_(QDateTime::currentDateTime())
{
    context_.registerConnection(this);
}

Connection::~Connection()
{
    closeChannels();
    retired_.clear();
    releaseWriters();
    context_.unregisterConnection(this);
}

qsizetype Connection::receive(QByteArrayView bytes)
{
    if (discardInput_ || state_ == State::Closed)
        return bytes.size();
    qsizetype used = 0;
    // Replies written from here on leave only if the topology changes they report are saved.
    const quint64 topologyChanges = context_.topologyChanges();
    const qsizetype outputBefore = output_.size();
    if (state_ == State::AwaitingHeader) {
        if (bytes.size() < qsizetype(sizeof amqp::kProtocolHeader))
            return 0;
        if (!receiveProtocolHeader(bytes.first(sizeof amqp::kProtocolHeader)))
            return bytes.size();
        used = sizeof amqp::kProtocolHeader;
    }
    while (!discardInput_ && state_ != State::Closed) {
        const amqp::FrameParse parse = amqp::parseFrame(bytes.sliced(used), frameMaxIn_);
        if (parse.status == amqp::FrameStatus::NeedMore)
            break;
        if (parse.status != amqp::FrameStatus::Complete) {
            handleFrameError(parse, bytes.sliced(used));
            break;
        }
        used += parse.consumed;
        handleFrame(parse.frame);
        if (output_.size() > context_.settings.outputHighWatermark && !heldForOutput_) {
            heldForOutput_ = true;
            updateReading();
        }
        if (isInputHeld())
            break;   // the rest waits in the transport's buffer
    }
    flushConfirms();
    if (isPublisher_ && !blocked_ && !context_.alarmReason().isEmpty())
        setPublishingBlocked(context_.alarmReason());   // it published while the alarm was on
    if (!context_.persistChanges() && context_.topologyChanges() != topologyChanges)
        refuseUnsavedTopology(outputBefore);
    retired_.clear();
    return discardInput_ || state_ == State::Closed ? bytes.size() : used;
}

// This read changed the durable topology and it could not be saved: its replies (a
// declare-ok among them) must not reach the client, which learns instead that the broker
// failed. The change stays in memory and its save is retried; the client may declare again.
void Connection::refuseUnsavedTopology(qsizetype outputBefore)
{
    output_.truncate(outputBefore);
    fail(AmqpError::make(ReplyCode::InternalError,
                         "cannot save the topology: " + context_.topologyError().toUtf8()));
}

bool Connection::receiveProtocolHeader(QByteArrayView header)
{
    if (header == QByteArrayView(amqp::kProtocolHeader, sizeof amqp::kProtocolHeader)) {
        writer_.method(0, startMethod(context_));
        state_ = State::Starting;
        outputAdded();
        return true;
    }
    // Any other header: answer with the one we speak and close, as the spec asks.
    output_.tail().append(amqp::kProtocolHeader, sizeof amqp::kProtocolHeader);
    output_.commitTail();
    state_ = State::Closed;
    closeChannels();
    transport_.closeTransport();
    return false;
}

void Connection::handleFrameError(const amqp::FrameParse &parse, QByteArrayView)
{
    QByteArray reason;
    QByteArrayView payload;
    if (parse.status == amqp::FrameStatus::TooLarge) {
        reason = "{frame_too_large," + QByteArray::number(parse.payloadSize) + ","
            + QByteArray::number(frameMaxIn_ - amqp::kFrameOverhead) + "}";
    } else {
        payload = parse.frame.payload;
        reason = "{invalid_frame_end_marker," + QByteArray::number(parse.endOctet) + "}";
    }
    fail(AmqpError::make(ReplyCode::FrameError, amqp::frameSnippet(parse.rawType, payload) + ": " + reason));
    // The stream can no longer be split into frames, so no close-ok can be recognised:
    // give the close a moment to reach the peer, then drop it.
    discardInput_ = true;
    transport_.closeAfter(kFramingErrorGraceMs);
}

namespace {
// RabbitMQ's analyze_frame: the shapes a frame of each type must have.
bool isWellFormed(const amqp::Frame &frame)
{
    switch (frame.type) {
    case amqp::FrameType::Method: return frame.payload.size() >= 4;
    case amqp::FrameType::Header: return frame.payload.size() >= 12;
    case amqp::FrameType::Body: return true;
    case amqp::FrameType::Heartbeat: return frame.payload.isEmpty();
    }
    return false;
}
} // namespace

void Connection::unexpectedFrame(const amqp::Frame &frame)
{
    fail(AmqpError::make(ReplyCode::UnexpectedFrame, amqp::frameSnippet(std::uint8_t(frame.type), frame.payload)));
}

void Connection::handleFrame(const amqp::Frame &frame)
{
    if (!isWellFormed(frame))
        return fail(AmqpError::make(ReplyCode::FrameError,
                                    amqp::frameSnippet(std::uint8_t(frame.type), frame.payload) + ": unknown_frame"));
    if (frame.channel == 0) {
        if (frame.type == amqp::FrameType::Method)
            handleConnectionMethod(frame.payload);
        else if (frame.type != amqp::FrameType::Heartbeat)
            unexpectedFrame(frame);
        return;   // a heartbeat: the transport already noted that the peer is alive
    }
    if (state_ == State::Closing)
        return;
    if (state_ != State::Open || frame.type == amqp::FrameType::Heartbeat)
        return unexpectedFrame(frame);
    handleChannelFrame(frame);
}

void Connection::handleConnectionMethod(QByteArrayView payload)
{
    if (state_ == State::Closed)
        return;
    amqp::MethodId current = 0;
    try {
        const auto status = amqp::dispatchMethod(payload, [&](const auto &m) {
            using M = std::decay_t<decltype(m)>;
            current = M::id;
            if (state_ == State::Closing && M::id != amqp::ConnectionClose::id
                && M::id != amqp::ConnectionCloseOk::id)
                return;   // after our close only close / close-ok matter
            if constexpr (std::is_same_v<M, amqp::ConnectionStartOk>) {
                if (state_ == State::Starting) return onStartOk(m);
            } else if constexpr (std::is_same_v<M, amqp::ConnectionTuneOk>) {
                if (state_ == State::Tuning) return onTuneOk(m);
            } else if constexpr (std::is_same_v<M, amqp::ConnectionOpen>) {
                if (state_ == State::Opening) return onOpen(m);
            } else if constexpr (std::is_same_v<M, amqp::ConnectionClose>) {
                return onClose(m);
            } else if constexpr (std::is_same_v<M, amqp::ConnectionCloseOk>) {
                if (state_ == State::Closing) return onCloseOk();
            } else if constexpr (std::is_same_v<M, amqp::ConnectionUpdateSecret>) {
                if (state_ == State::Open) {
                    writer_.method(0, amqp::ConnectionUpdateSecretOk{});
                    return outputAdded();
                }
            } else if constexpr (std::is_same_v<M, amqp::ConnectionBlocked>
                                 || std::is_same_v<M, amqp::ConnectionUnblocked>) {
                if (state_ == State::Open) return;   // only meaningful from the server
            }
            throw AmqpError::make(ReplyCode::ChannelError,
                                  QByteArray("unexpected method in connection state ") + rabbitStateName(state_),
                                  M::id);
        });
        amqp::throwIfUndecodable(status, payload);
    } catch (AmqpError &error) {
        if (error.method == 0)
            error.method = current;
        fail(error);
    }
}

void Connection::onStartOk(const amqp::ConnectionStartOk &m)
{
    clientProperties_ = m.clientProperties;
    if (!auth::isSupportedMechanism(m.mechanism))
        throw AmqpError::make(ReplyCode::CommandInvalid,
                              "unknown authentication mechanism '" + m.mechanism + "'", m.id);
    const auto credentials = auth::parseSaslResponse(m.mechanism, m.response);
    const auth::User *user = credentials
        ? context_.users.authenticate(credentials->username, credentials->password, peer_.localAddress)
        : nullptr;
    if (!user) {
        const QByteArray name = credentials ? credentials->username : QByteArray();
        qCInfo(lcConnection) << "login refused for" << name << "from" << peer_.address.toString()
                             << (context_.users.isLoopbackOnly(name) ? "(a loopback user: it can only connect via localhost)"
                                                                     : "");
        return refuseLogin(m.mechanism);
    }
    user_ = user->name;
    const ServerSettings &s = context_.settings;
    writer_.method(0, amqp::ConnectionTune{s.channelMax, s.frameMax, s.heartbeatSeconds});
    state_ = State::Tuning;
    outputAdded();
}

void Connection::refuseLogin(const QByteArray &mechanism)
{
    const AmqpError error = AmqpError::make(
        ReplyCode::AccessRefused,
        "Login was refused using authentication mechanism " + mechanism + ". For details see the broker logfile.");
    // Clients that announce authentication_failure_close are told why; others only see
    // the socket close, which is all older clients understand here.
    if (clientHasCapability("authentication_failure_close"))
        writer_.method(0, amqp::ConnectionClose{std::uint16_t(error.code), error.replyText(), 0, 0});
    state_ = State::Closed;
    transport_.closeTransport();
}

void Connection::onTuneOk(const amqp::ConnectionTuneOk &m)
{
    const ServerSettings &s = context_.settings;
    if (m.frameMax != 0 && m.frameMax < amqp::kFrameMinSize)
        throw failNegotiation("frame_max", m.frameMax, amqp::kFrameMinSize, true);
    if (m.frameMax == 0 || m.frameMax > s.frameMax)
        throw failNegotiation("frame_max", m.frameMax, s.frameMax, false);
    if (m.channelMax == 0 || m.channelMax > s.channelMax)
        throw failNegotiation("channel_max", m.channelMax, s.channelMax, false);
    frameMaxIn_ = m.frameMax;
    writer_.setFrameMax(m.frameMax);
    channelMax_ = m.channelMax;
    heartbeat_ = m.heartbeat;
    state_ = State::Opening;
}

void Connection::onOpen(const amqp::ConnectionOpen &m)
{
    model::VHost *vhost = context_.vhost(m.virtualHost);
    if (!vhost)
        throw AmqpError::make(ReplyCode::NotAllowed, "vhost " + m.virtualHost + " not found", m.id);
    if (!context_.users.mayOpenVHost(user_, m.virtualHost))
        throw AmqpError::make(ReplyCode::NotAllowed,
                              "access to vhost '" + m.virtualHost + "' refused for user '" + user_ + "'", m.id);
    vhost_ = vhost;
    writer_.method(0, amqp::ConnectionOpenOk{});
    state_ = State::Open;
    outputAdded();
    traceOpened();
}

void Connection::traceOpened()
{
    context_.tap.event([&] {
        observe::TraceEvent e;
        e.kind = observe::EventKind::ConnectionOpened;
        e.connection = id_;
        e.vhost = vhost_->name();
        e.user = user_;
        e.peer = peer_.remote();
        if (const amqp::FieldValue *name = clientProperties_.find("connection_name"))
            e.detail = name->toBytes();
        return e;
    });
}

void Connection::traceEnd(observe::EventKind kind, const QByteArray &reason)
{
    if (state_ != State::Open || peer_.internal)
        return;   // never opened (a failed handshake), already told, or the explorer's own
    context_.tap.event([&] {
        observe::TraceEvent e;
        e.kind = kind;
        e.connection = id_;
        e.vhost = vhost_ ? vhost_->name() : QByteArray();
        e.detail = reason;
        return e;
    });
}

void Connection::openTrusted(const QByteArray &user, model::VHost *vhost)
{
    user_ = user;
    vhost_ = vhost;
    frameMaxIn_ = context_.settings.frameMax;
    writer_.setFrameMax(context_.settings.frameMax);
    state_ = State::Open;
}

void Connection::onClose(const amqp::ConnectionClose &m)
{
    traceEnd(observe::EventKind::ConnectionClosed, QByteArray::number(m.replyCode) + ' ' + m.replyText);
    closeChannels();
    writer_.method(0, amqp::ConnectionCloseOk{});
    outputAdded();
    // As RabbitMQ, the client closes the socket once it has read close-ok; meanwhile what it
    // still sends is read and dropped. Closing first would reset a socket with unread input,
    // and a client still writing would get EPIPE instead of its close-ok. RabbitMQ waits at
    // most the heartbeat interval, or 30 s.
    state_ = State::Closed;
    const int graceSeconds = heartbeat_ > 0 ? qMin(int(heartbeat_), kPeerCloseLimitSeconds) : kPeerCloseLimitSeconds;
    transport_.closeAfter(graceSeconds * 1000);
}

void Connection::onCloseOk()
{
    finish();
}

void Connection::finish()
{
    state_ = State::Closed;
    transport_.closeTransport();
}

void Connection::fail(const AmqpError &error)
{
    if (state_ == State::Closing || state_ == State::Closed)
        return;
    if (state_ == State::Starting || state_ == State::Tuning) {
        // During the handshake RabbitMQ does not trust the peer with an explanation.
        qCInfo(lcConnection) << "handshake with" << peer_.address.toString() << "failed:" << error.replyText();
        state_ = State::Closed;
        transport_.closeTransport();
        return;
    }
    qCInfo(lcConnection) << "closing connection" << id_ << "from" << peer_.address.toString() << ":"
                         << error.replyText();
    traceEnd(observe::EventKind::ConnectionClosed, QByteArray::number(int(error.code)) + ' ' + error.replyText());
    closeChannels();
    writer_.method(0, amqp::ConnectionClose{std::uint16_t(error.code), error.replyText(),
                                            amqp::classIdOf(error.method), amqp::methodIndexOf(error.method)});
    state_ = State::Closing;
    outputAdded();
    transport_.closeAfter(kCloseOkGraceMs);
}

void Connection::closeByServer(ReplyCode code, const QByteArray &text)
{
    if (state_ != State::Open) {
        closeChannels();
        finish();
        return;
    }
    fail(AmqpError::make(code, text));
}

void Connection::vhostDeleted()
{
    closeByServer(ReplyCode::ConnectionForced, "vhost '" + vhost_->name() + "' is deleted");
    vhost_ = nullptr;
}

void Connection::handshakeTimedOut()
{
    if (state_ == State::Open || state_ == State::Closing || state_ == State::Closed)
        return;
    // RabbitMQ sends nothing here either: the socket is simply closed.
    qCInfo(lcConnection) << "closing connection from" << peer_.address.toString()
                         << ": handshake timeout in state" << rabbitStateName(state_);
    state_ = State::Closed;
    transport_.closeAfter(0);
}

void Connection::transportClosed()
{
    traceEnd(observe::EventKind::ConnectionLost, "the socket closed without connection.close");
    closeChannels(observe::Cause::ConnectionLost);
    retired_.clear();
    releaseWriters();
    state_ = State::Closed;
}

bool Connection::heartbeatTick(qint64 msSinceReceived, qint64 msSinceSent)
{
    if (heartbeat_ == 0 || state_ != State::Open)
        return true;
    const qint64 interval = qint64(heartbeat_) * 1000;
    // A connection not being read (blocked, or held until output drains): its silence
    // proves nothing.
    if (msSinceReceived > 2 * interval && !blocked_ && !isInputHeld()) {
        qCInfo(lcConnection) << "missed heartbeats from" << peer_.address.toString() << "timeout:" << heartbeat_ << "s";
        return false;
    }
    // About twice per interval, as RabbitMQ; a little early rather than late, since the
    // caller's ticks are not exact.
    if (msSinceSent >= interval * 2 / 5) {
        writer_.heartbeat();
        outputAdded();
    }
    return true;
}

std::vector<std::unique_ptr<Channel>>::iterator Connection::channelSlot(std::uint16_t number)
{
    return std::lower_bound(channels_.begin(), channels_.end(), number,
                            [](const std::unique_ptr<Channel> &c, std::uint16_t n) { return c->number() < n; });
}

void Connection::handleChannelFrame(const amqp::Frame &frame)
{
    const std::uint16_t number = frame.channel;
    auto slot = channelSlot(number);
    Channel *channel = slot != channels_.end() && (*slot)->number() == number ? slot->get() : nullptr;
    if (!channel) {
        if (const std::optional<AmqpError> refusal = channelRefusal(frame))
            return fail(*refusal);
        channel = channels_.insert(slot, std::make_unique<Channel>(*this, number))->get();
    }
    channel->handleFrame(frame);
    // The channel may have been retired meanwhile (a hard error closes all of them).
    if (!channel->isFinished())
        return;
    slot = channelSlot(number);
    if (slot != channels_.end() && slot->get() == channel) {
        context_.retiredCounters += channel->counters();
        channels_.erase(slot);
    }
}

// Why a frame for a channel that is not open does not open it, in RabbitMQ's order: the
// number of open channels first, whatever the frame and its channel number
// (rabbit_reader:create_channel), then the frame must be channel.open.
std::optional<AmqpError> Connection::channelRefusal(const amqp::Frame &frame) const
{
    if (channels_.size() >= channelMax_)
        return AmqpError::make(ReplyCode::NotAllowed,
                               "number of channels opened (" + QByteArray::number(qsizetype(channels_.size()))
                                   + ") has reached the negotiated channel_max (" + QByteArray::number(channelMax_)
                                   + ")");
    if (frame.type != amqp::FrameType::Method)
        return AmqpError::make(ReplyCode::UnexpectedFrame, "expected method frame, got non method frame instead");
    const amqp::MethodId id = amqp::ByteReader(frame.payload).u32();
    if (id != amqp::ChannelOpen::id)
        return AmqpError::make(ReplyCode::ChannelError, "expected 'channel.open'", id);
    return std::nullopt;
}

void Connection::closeChannels(observe::Cause cause)
{
    confirmsPending_.clear();
    for (auto &channel : channels_) {
        channel->shutdown(cause);
        context_.retiredCounters += channel->counters();   // the broker's totals never drop
        // Not destroyed yet: this may run inside one of the channel's own handlers.
        retired_.push_back(std::move(channel));
    }
    channels_.clear();
    if (vhost_) {
        for (model::Queue *q : vhost_->queuesOwnedBy(id_))
            vhost_->removeQueue(q);
    }
}

bool Connection::mayDeliver()
{
    if (output_.size() <= context_.settings.outputHighWatermark)
        return true;
    deliveryThrottled_ = true;
    return false;
}

void Connection::outputWritten()
{
    if (output_.size() >= context_.settings.outputLowWatermark)
        return;
    releaseWriters();
    if (heldForOutput_) {
        heldForOutput_ = false;
        updateReading();
    }
    if (!deliveryThrottled_)
        return;
    deliveryThrottled_ = false;
    for (auto &channel : channels_)
        channel->resumeDelivery();
}

void Connection::holdWriterUntilDrained(Connection &writer)
{
    if (&writer == this || output_.size() <= context_.settings.outputHighWatermark)
        return;
    heldWriters_.push_back(writer.id_);
    ++writer.awaitedDrains_;
    writer.updateReading();
}

// By id: a writer may have closed since.
void Connection::releaseWriters()
{
    for (const std::uint64_t id : std::exchange(heldWriters_, {})) {
        for (Connection *c : context_.connections()) {
            if (c->id_ == id) {
                --c->awaitedDrains_;
                c->updateReading();
            }
        }
    }
}

void Connection::updateReading()
{
    transport_.setReading(!blocked_ && !isInputHeld());
}

void Connection::checkConsumerTimeouts(qint64 nowMs)
{
    // By index: a closing channel requeues its deliveries, and should that ever end in a
    // hard error, the channels are gone before the loop goes on.
    for (size_t i = 0; i < channels_.size(); ++i)
        channels_[i]->checkConsumerTimeout(nowMs, context_.settings.consumerTimeoutMs);
}

void Connection::confirmsPending(Channel *channel)
{
    if (std::find(confirmsPending_.begin(), confirmsPending_.end(), channel) == confirmsPending_.end())
        confirmsPending_.push_back(channel);
}

void Connection::flushConfirms()
{
    for (Channel *channel : confirmsPending_)
        channel->flushConfirms();
    confirmsPending_.clear();
}

PeerInfo PeerInfo::loopback()
{
    PeerInfo p;
    p.address = QHostAddress(QHostAddress::LocalHost);
    p.localAddress = p.address;
    return p;
}

QByteArray PeerInfo::endpoint(const QHostAddress &address, quint16 port)
{
    const QByteArray host = address.toString().toUtf8();
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    return (v6 ? '[' + host + ']' : host) + ':' + QByteArray::number(port);
}

void Connection::setPublishingBlocked(const QByteArray &reason)
{
    const bool block = !reason.isEmpty() && isPublisher_ && state_ == State::Open;
    if (block == blocked_)
        return;
    blocked_ = block;
    if (clientHasCapability("connection.blocked")) {
        if (block)
            writer_.method(0, amqp::ConnectionBlocked{reason});
        else
            writer_.method(0, amqp::ConnectionUnblocked{});
        outputAdded();
    }
    updateReading();
}

bool Connection::clientHasCapability(const char *name) const
{
    const amqp::FieldValue *caps = clientProperties_.find("capabilities");
    const amqp::FieldValue *cap = caps ? caps->toTable().find(name) : nullptr;
    return cap && cap->toBool();
}

std::vector<const Channel *> Connection::channels() const
{
    std::vector<const Channel *> out;
    out.reserve(channels_.size());
    for (const auto &c : channels_)
        out.push_back(c.get());
    return out;
}

} // namespace warren::server
