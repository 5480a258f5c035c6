#include "ClientConnection.h"

#include "client/ClientChannel.h"
#include "client/ClientHandshake.h"

#include "protocol/AmqpError.h"
#include "protocol/ByteReader.h"
#include "protocol/ErrorText.h"
#include "protocol/FrameReader.h"
#include "protocol/UndecodableMethod.h"

#include <map>
#include <vector>

namespace warren::client {

using amqp::AmqpError;
using amqp::MethodId;
using amqp::ReplyCode;
using Done = std::function<void(const Reply &)>;

namespace {

constexpr std::uint16_t kNoChannelLimit = 65535;
constexpr qsizetype kProtocolHeaderSize = sizeof amqp::kProtocolHeader;
constexpr qsizetype kMethodIdSize = 4;   // class id and method id, before the arguments

AmqpError unexpectedMethod(MethodId id)
{
    return AmqpError::make(ReplyCode::UnexpectedFrame, QByteArray("unexpected method ") + amqp::methodName(id)
                                                           + " on channel 0", id);
}

AmqpError frameError(const amqp::FrameParse &parse, std::uint32_t frameMax)
{
    if (parse.status == amqp::FrameStatus::TooLarge)
        return AmqpError::make(ReplyCode::FrameError, "frame of " + QByteArray::number(parse.payloadSize)
                                                          + " bytes is larger than frame_max "
                                                          + QByteArray::number(frameMax));
    return AmqpError::make(ReplyCode::FrameError,
                           "invalid frame end marker " + QByteArray::number(parse.endOctet));
}

} // namespace

// The connection's state and protocol logic; ClientConnection is its public face.
class ClientConnection::State final : public ChannelHost {
public:
    State(ClientOptions o, ClientEvents e)
        : options(std::move(o)), clientEvents(std::move(e)), frameMaxIn(options.frameMax)
    {
    }

    amqp::FrameWriter &writer() override
    {
        sentSinceTick = true;
        if (output.isEmpty() && outputReady)
            outputReady();
        return frameWriter;
    }
    const ClientEvents &events() const override { return clientEvents; }

    void start();
    void feed(QByteArrayView bytes);
    void tick(qint64 nowMs);
    std::uint16_t openChannel(Done done);
    void closeChannel(std::uint16_t number, Done done);
    ClientChannel *channel(std::uint16_t number) const;
    ClientChannel *usableChannel(std::uint16_t number) const;
    void close(const CloseReason &reason);
    void finish(const CloseReason &reason);

    ClientOptions options;
    ClientEvents clientEvents;
    ConnectionState state = ConnectionState::Idle;
    ServerInfo server;
    amqp::OutputBuffer output;
    std::function<void()> outputReady;

private:
    enum class Step { Start, Tune, OpenOk, Done };   // the handshake's next answer
    class MethodHandler;

    bool refusedProtocol();
    void handleFrame(const amqp::Frame &frame);
    void handleConnectionMethod(QByteArrayView payload);
    void handleChannelFrame(const amqp::Frame &frame);
    void onStart(const amqp::ConnectionStart &m);
    void onTune(const amqp::ConnectionTune &m);
    void onOpenOk();
    void fail(const AmqpError &error);
    void retire(std::uint16_t number);

    amqp::FrameWriter frameWriter{output};
    Step step = Step::Start;
    QByteArray input;            // received, not yet a whole frame
    std::uint32_t frameMaxIn;    // the largest frame accepted
    std::map<std::uint16_t, std::unique_ptr<ClientChannel>> channels;
    // Channels that ended while one of their frames may still be on the stack; destroyed
    // at the end of feed().
    std::vector<std::unique_ptr<ClientChannel>> retired;
    CloseReason closeRequested;  // reported once close-ok comes

    // Heartbeats: the times are the ticks at which traffic was last noticed.
    qint64 lastReceivedMs = -1;
    qint64 lastSentMs = -1;
    bool receivedSinceTick = false;
    bool sentSinceTick = false;
};

// Channel 0's methods: each is expected at one step of the handshake, or at any time.
class ClientConnection::State::MethodHandler {
public:
    explicit MethodHandler(State &state) : s_(state) {}

    void operator()(const amqp::ConnectionStart &m)
    {
        at(Step::Start, m.id);
        s_.onStart(m);
    }
    void operator()(const amqp::ConnectionTune &m)
    {
        at(Step::Tune, m.id);
        s_.onTune(m);
    }
    void operator()(const amqp::ConnectionOpenOk &m)
    {
        at(Step::OpenOk, m.id);
        s_.onOpenOk();
    }
    void operator()(const amqp::ConnectionClose &m)
    {
        s_.writer().method(0, amqp::ConnectionCloseOk{});
        s_.finish(CloseReason{m.replyCode, m.replyText, amqp::makeMethodId(m.classId, m.methodId), true});
    }
    void operator()(const amqp::ConnectionCloseOk &m)
    {
        if (s_.state != ConnectionState::Closing)
            throw unexpectedMethod(m.id);
        s_.finish(s_.closeRequested);
    }
    void operator()(const amqp::ConnectionBlocked &m) { blocked(true, m.reason); }
    void operator()(const amqp::ConnectionUnblocked &) { blocked(false, {}); }
    template <class M> void operator()(const M &) { throw unexpectedMethod(M::id); }

private:
    void at(Step step, MethodId id) const
    {
        if (s_.step != step)
            throw unexpectedMethod(id);
    }
    void blocked(bool on, const QByteArray &reason) const
    {
        if (s_.clientEvents.blocked)
            s_.clientEvents.blocked(on, reason);
    }

    State &s_;
};

void ClientConnection::State::start()
{
    if (state != ConnectionState::Idle)
        return;
    writer();   // tells the transport
    output.tail().append(amqp::kProtocolHeader, kProtocolHeaderSize);
    output.commitTail();
    state = ConnectionState::Handshake;
}

void ClientConnection::State::feed(QByteArrayView bytes)
{
    if (state == ConnectionState::Idle || state == ConnectionState::Closed)
        return;
    receivedSinceTick = true;
    input.append(bytes);
    qsizetype used = 0;
    try {
        while (state != ConnectionState::Closed && !refusedProtocol()) {
            const amqp::FrameParse parse = amqp::parseFrame(QByteArrayView(input).sliced(used), frameMaxIn);
            if (parse.status == amqp::FrameStatus::NeedMore)
                break;
            if (parse.status != amqp::FrameStatus::Complete)
                throw frameError(parse, frameMaxIn);
            used += parse.consumed;
            handleFrame(parse.frame);
        }
    } catch (const AmqpError &error) {
        fail(error);
    }
    if (state == ConnectionState::Closed)
        input.clear();
    else
        input.remove(0, used);
    retired.clear();
}

// A server that does not speak 0-9-1 answers the protocol header with its own and closes.
bool ClientConnection::State::refusedProtocol()
{
    if (step != Step::Start || !input.startsWith('A'))
        return false;
    if (input.size() >= kProtocolHeaderSize)
        finish(CloseReason{0, "the server does not speak AMQP 0-9-1; it answered "
                                  + amqp::erlangBinary(input.first(kProtocolHeaderSize)), 0, true});
    return true;
}

void ClientConnection::State::handleFrame(const amqp::Frame &frame)
{
    const bool method = frame.type == amqp::FrameType::Method;
    if (state == ConnectionState::Closing && (frame.channel != 0 || !method))
        return;   // after our close only close and close-ok matter
    if (!amqp::isKnownFrameType(frame.type))
        throw AmqpError::make(ReplyCode::FrameError, "unknown frame type " + QByteArray::number(int(frame.type)));
    if (method && frame.payload.size() < kMethodIdSize)
        throw AmqpError::make(ReplyCode::FrameError, "a method frame too short for its class and method ids");
    if (frame.channel != 0)
        return handleChannelFrame(frame);
    if (method)
        return handleConnectionMethod(frame.payload);
    if (frame.type != amqp::FrameType::Heartbeat)
        throw AmqpError::make(ReplyCode::UnexpectedFrame, "content frame on channel 0");
}

void ClientConnection::State::handleConnectionMethod(QByteArrayView payload)
{
    const MethodId id = amqp::ByteReader(payload).u32();
    if (state == ConnectionState::Closing && id != amqp::ConnectionClose::id && id != amqp::ConnectionCloseOk::id)
        return;
    amqp::throwIfUndecodable(amqp::dispatchMethod(payload, MethodHandler(*this)), payload);
}

void ClientConnection::State::handleChannelFrame(const amqp::Frame &frame)
{
    if (state != ConnectionState::Open)
        throw AmqpError::make(ReplyCode::UnexpectedFrame, "a frame on channel " + QByteArray::number(frame.channel)
                                                              + " before connection.open-ok");
    ClientChannel *target = channel(frame.channel);
    if (!target)
        throw AmqpError::make(ReplyCode::ChannelError,
                              "a frame on channel " + QByteArray::number(frame.channel) + ", which is not open");
    target->handleFrame(frame);
    if (target->isFinished() && channel(frame.channel) == target)
        retire(frame.channel);
}

void ClientConnection::State::onStart(const amqp::ConnectionStart &m)
{
    server.properties = m.serverProperties;
    if (!m.mechanisms.split(' ').contains("PLAIN"))
        throw AmqpError::make(ReplyCode::AccessRefused,
                              "the server offers no PLAIN login, only " + m.mechanisms, m.id);
    writer().method(0, startOk(options));
    step = Step::Tune;
}

void ClientConnection::State::onTune(const amqp::ConnectionTune &m)
{
    const amqp::ConnectionTuneOk ok = negotiate(m, options);
    server.channelMax = ok.channelMax;
    server.frameMax = ok.frameMax;
    server.heartbeatSeconds = ok.heartbeat;
    frameMaxIn = ok.frameMax;
    frameWriter.setFrameMax(ok.frameMax);
    writer().method(0, ok);
    writer().method(0, amqp::ConnectionOpen{options.vhost, {}, false});
    step = Step::OpenOk;
}

void ClientConnection::State::onOpenOk()
{
    step = Step::Done;
    state = ConnectionState::Open;
    if (clientEvents.opened)
        clientEvents.opened();
}

// A protocol error of the server's: tell it why, and stop listening.
void ClientConnection::State::fail(const AmqpError &error)
{
    if (state == ConnectionState::Closed)
        return;
    const QByteArray text = error.replyText();
    writer().method(0, amqp::ConnectionClose{std::uint16_t(error.code), text, amqp::classIdOf(error.method),
                                             amqp::methodIndexOf(error.method)});
    finish(CloseReason{std::uint16_t(error.code), text, error.method, false});
}

void ClientConnection::State::close(const CloseReason &reason)
{
    if (state == ConnectionState::Closing || state == ConnectionState::Closed)
        return;
    if (state != ConnectionState::Open)
        return finish(reason);
    writer().method(0, amqp::ConnectionClose{reason.replyCode, reason.replyText, 0, 0});
    closeRequested = reason;
    state = ConnectionState::Closing;
}

void ClientConnection::State::finish(const CloseReason &reason)
{
    if (state == ConnectionState::Closed)
        return;
    state = ConnectionState::Closed;
    while (!channels.empty()) {
        const std::uint16_t number = channels.begin()->first;
        ClientChannel *abandoned = channels.begin()->second.get();
        retire(number);
        abandoned->abandon(reason);
    }
    if (clientEvents.closed)
        clientEvents.closed(reason);
}

void ClientConnection::State::retire(std::uint16_t number)
{
    const auto it = channels.find(number);
    retired.push_back(std::move(it->second));
    channels.erase(it);
}

void ClientConnection::State::tick(qint64 nowMs)
{
    const qint64 interval = qint64(server.heartbeatSeconds) * 1000;
    if (interval == 0 || (state != ConnectionState::Open && state != ConnectionState::Closing))
        return;
    if (lastReceivedMs < 0 || receivedSinceTick)
        lastReceivedMs = nowMs;
    if (lastSentMs < 0 || sentSinceTick)
        lastSentMs = nowMs;
    receivedSinceTick = sentSinceTick = false;
    if (nowMs - lastReceivedMs > 2 * interval)
        return finish(CloseReason{0, "missed heartbeats from the server", 0, false});
    if (nowMs - lastSentMs >= interval / 2) {
        writer().heartbeat();
        lastSentMs = nowMs;
        sentSinceTick = false;
    }
}

ClientChannel *ClientConnection::State::channel(std::uint16_t number) const
{
    const auto it = channels.find(number);
    return it == channels.end() ? nullptr : it->second.get();
}

ClientChannel *ClientConnection::State::usableChannel(std::uint16_t number) const
{
    ClientChannel *c = state == ConnectionState::Open ? channel(number) : nullptr;
    return c && c->isUsable() ? c : nullptr;
}

std::uint16_t ClientConnection::State::openChannel(Done done)
{
    const std::uint16_t limit = server.channelMax ? server.channelMax : kNoChannelLimit;
    std::uint32_t number = 1;   // the lowest free one: the map is ordered
    for (const auto &entry : channels) {
        if (entry.first != number)
            break;
        ++number;
    }
    if (state != ConnectionState::Open || number > limit) {
        if (done)
            done(Reply{0, {}, std::uint16_t(ReplyCode::ChannelError), "CHANNEL_ERROR - no channel can be opened"});
        return 0;
    }
    auto opened = std::make_unique<ClientChannel>(std::uint16_t(number), *this);
    writer().method(std::uint16_t(number), amqp::ChannelOpen{});
    opened->expect(amqp::ChannelOpen::id, std::move(done));
    channels.emplace(std::uint16_t(number), std::move(opened));
    return std::uint16_t(number);
}

void ClientConnection::State::closeChannel(std::uint16_t number, Done done)
{
    ClientChannel *c = usableChannel(number);
    writer().method(number, amqp::ChannelClose{200, "Normal shutdown", 0, 0});
    c->closing(std::move(done));
}

// ---- ClientConnection --------------------------------------------------------------------

ClientConnection::ClientConnection(ClientOptions options, ClientEvents events)
    : d_(std::make_unique<State>(std::move(options), std::move(events)))
{
}

ClientConnection::~ClientConnection() = default;

void ClientConnection::start()
{
    d_->start();
}

void ClientConnection::feed(QByteArrayView bytes)
{
    d_->feed(bytes);
}

amqp::OutputBuffer &ClientConnection::output()
{
    return d_->output;
}

void ClientConnection::setOutputReady(std::function<void()> notify)
{
    d_->outputReady = std::move(notify);
}

void ClientConnection::transportClosed(const QByteArray &reason, bool byServer)
{
    d_->finish(CloseReason{0, reason, 0, byServer});
}

void ClientConnection::tick(qint64 nowMs)
{
    d_->tick(nowMs);
}

ConnectionState ClientConnection::state() const
{
    return d_->state;
}

const ServerInfo &ClientConnection::server() const
{
    return d_->server;
}

std::uint16_t ClientConnection::openChannel(std::function<void(const Reply &)> done)
{
    return d_->openChannel(std::move(done));
}

void ClientConnection::closeChannel(std::uint16_t channel, std::function<void(const Reply &)> done)
{
    if (!isUsable(channel))
        return refuse(channel, std::move(done));
    d_->closeChannel(channel, std::move(done));
}

std::uint64_t ClientConnection::publish(std::uint16_t channel, const amqp::BasicPublish &method,
                                        const QByteArray &properties, const QByteArray &body)
{
    ClientChannel *c = d_->usableChannel(channel);
    if (!c)
        return 0;
    writer().method(channel, method);
    writer().content(channel, properties, body);
    return c->countPublish();
}

void ClientConnection::ack(std::uint16_t channel, std::uint64_t deliveryTag, bool multiple)
{
    if (isUsable(channel))
        writer().method(channel, amqp::BasicAck{deliveryTag, multiple});
}

void ClientConnection::nack(std::uint16_t channel, std::uint64_t deliveryTag, bool multiple, bool requeue)
{
    if (isUsable(channel))
        writer().method(channel, amqp::BasicNack{deliveryTag, multiple, requeue});
}

void ClientConnection::reject(std::uint16_t channel, std::uint64_t deliveryTag, bool requeue)
{
    if (isUsable(channel))
        writer().method(channel, amqp::BasicReject{deliveryTag, requeue});
}

void ClientConnection::close(std::uint16_t replyCode, const QByteArray &replyText)
{
    d_->close(CloseReason{replyCode, replyText, 0, false});
}

amqp::FrameWriter &ClientConnection::writer()
{
    return d_->writer();
}

bool ClientConnection::isUsable(std::uint16_t channel) const
{
    return d_->usableChannel(channel) != nullptr;
}

void ClientConnection::refuse(std::uint16_t channel, std::function<void(const Reply &)> done)
{
    if (done)
        done(Reply{0, {}, std::uint16_t(ReplyCode::ChannelError),
                   "CHANNEL_ERROR - channel " + QByteArray::number(channel) + " is not open"});
}

void ClientConnection::expectReply(std::uint16_t channel, amqp::MethodId id, bool noWait,
                                   std::function<void(const Reply &)> done)
{
    ClientChannel *c = d_->channel(channel);
    if (id == amqp::ConfirmSelect::id)
        c->enterConfirmMode();
    if (!noWait && isSynchronousRequest(id))
        c->expect(id, std::move(done));
}

} // namespace warren::client
