#include "LoopbackClient.h"

#include "protocol/FrameReader.h"

namespace warren::management {

namespace {

server::PeerInfo explorerPeer()
{
    server::PeerInfo peer = server::PeerInfo::loopback();
    peer.internal = true;
    return peer;
}

// A content header's payload: class id, weight, body size, then the encoded properties.
constexpr qsizetype kContentHeaderPrefix = 2 + 2 + 8;

} // namespace

const ReceivedMethod *CallResult::find(amqp::MethodId id) const
{
    for (const ReceivedMethod &m : methods) {
        if (m.id == id)
            return &m;
    }
    return nullptr;
}

LoopbackClient::LoopbackClient(server::ServerContext &context, model::VHost &vhost, const QByteArray &user)
    : connection_(std::make_unique<server::Connection>(context, *this, explorerPeer()))
{
    connection_->openTrusted(user, &vhost);
    openChannel();
}

LoopbackClient::~LoopbackClient()
{
    if (open_)
        connection_->transportClosed();   // requeues anything left unacknowledged
}

void LoopbackClient::openChannel()
{
    writer_.method(kChannel, amqp::ChannelOpen{});
    exchangeFrames();
}

CallResult LoopbackClient::publish(const amqp::BasicPublish &method, const QByteArray &properties,
                                   const QByteArray &body)
{
    writer_.method(kChannel, method);
    writer_.content(kChannel, properties, body);
    return exchangeFrames();
}

CallResult LoopbackClient::exchangeFrames()
{
    CallResult result;
    const QByteArray request = requests_.takeAll();
    if (!open_) {
        result.replyCode = std::uint16_t(amqp::ReplyCode::ConnectionForced);
        result.replyText = "the explorer's connection is closed";
        return result;
    }
    connection_->receive(request);
    readOutput(result);
    return result;
}

void LoopbackClient::readOutput(CallResult &result)
{
    const QByteArray bytes = connection_->output().takeAll();
    qsizetype at = 0;
    while (at < bytes.size()) {
        const amqp::FrameParse parse = amqp::parseFrame(QByteArrayView(bytes).sliced(at), 0);
        if (parse.status != amqp::FrameStatus::Complete)
            break;
        at += parse.consumed;
        const QByteArrayView payload = parse.frame.payload;
        if (parse.frame.type == amqp::FrameType::Method) {
            amqp::ByteReader in(payload);
            ReceivedMethod m;
            m.id = in.u32();
            m.arguments = payload.sliced(4).toByteArray();
            result.methods.append(m);
        } else if (parse.frame.type == amqp::FrameType::Header && !result.methods.isEmpty()) {
            result.methods.last().properties = payload.sliced(kContentHeaderPrefix).toByteArray();
        } else if (parse.frame.type == amqp::FrameType::Body && !result.methods.isEmpty()) {
            result.methods.last().body += payload;
        }
    }
    if (const ReceivedMethod *close = result.find(amqp::ChannelClose::id)) {
        const amqp::ChannelClose c = *close->as<amqp::ChannelClose>();
        result.replyCode = c.replyCode;
        result.replyText = c.replyText;
        writer_.method(kChannel, amqp::ChannelCloseOk{});
        connection_->receive(requests_.takeAll());
        connection_->output().takeAll();
        openChannel();
    } else if (const ReceivedMethod *close = result.find(amqp::ConnectionClose::id)) {
        const amqp::ConnectionClose c = *close->as<amqp::ConnectionClose>();
        result.replyCode = c.replyCode;
        result.replyText = c.replyText;
        writer_.method(0, amqp::ConnectionCloseOk{});
        connection_->receive(requests_.takeAll());
        open_ = false;
    }
}

} // namespace warren::management
