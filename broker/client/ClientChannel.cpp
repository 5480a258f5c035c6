#include "ClientChannel.h"

#include "protocol/MethodCodec.h"
#include "protocol/UndecodableMethod.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <optional>

namespace warren::client {

using amqp::AmqpError;
using amqp::MethodId;
using amqp::ReplyCode;

namespace {

// The client takes content of any size the server announces.
constexpr qint64 kAnyBodySize = std::numeric_limits<qint64>::max();

struct RequestReply {
    MethodId request;
    MethodId reply;
};

// Every synchronous request a client sends and the method that answers it; basic.get has
// a second answer, get-empty.
constexpr RequestReply kRequests[] = {
    {amqp::ChannelOpen::id, amqp::ChannelOpenOk::id},
    {amqp::ChannelFlow::id, amqp::ChannelFlowOk::id},
    {amqp::ChannelClose::id, amqp::ChannelCloseOk::id},
    {amqp::ExchangeDeclare::id, amqp::ExchangeDeclareOk::id},
    {amqp::ExchangeDelete::id, amqp::ExchangeDeleteOk::id},
    {amqp::ExchangeBind::id, amqp::ExchangeBindOk::id},
    {amqp::ExchangeUnbind::id, amqp::ExchangeUnbindOk::id},
    {amqp::QueueDeclare::id, amqp::QueueDeclareOk::id},
    {amqp::QueueBind::id, amqp::QueueBindOk::id},
    {amqp::QueuePurge::id, amqp::QueuePurgeOk::id},
    {amqp::QueueDelete::id, amqp::QueueDeleteOk::id},
    {amqp::QueueUnbind::id, amqp::QueueUnbindOk::id},
    {amqp::BasicQos::id, amqp::BasicQosOk::id},
    {amqp::BasicConsume::id, amqp::BasicConsumeOk::id},
    {amqp::BasicCancel::id, amqp::BasicCancelOk::id},
    {amqp::BasicGet::id, amqp::BasicGetOk::id},
    {amqp::BasicRecover::id, amqp::BasicRecoverOk::id},
    {amqp::ConfirmSelect::id, amqp::ConfirmSelectOk::id},
    {amqp::TxSelect::id, amqp::TxSelectOk::id},
    {amqp::TxCommit::id, amqp::TxCommitOk::id},
    {amqp::TxRollback::id, amqp::TxRollbackOk::id},
};

const RequestReply *findRequest(MethodId request)
{
    const auto it = std::find_if(std::begin(kRequests), std::end(kRequests),
                                 [&](const RequestReply &r) { return r.request == request; });
    return it == std::end(kRequests) ? nullptr : it;
}

template <class... Fs> struct Overloaded : Fs... {
    using Fs::operator()...;
};

} // namespace

bool isSynchronousRequest(MethodId request)
{
    return findRequest(request) != nullptr;
}

bool answers(MethodId request, MethodId reply)
{
    if (request == amqp::BasicGet::id && reply == amqp::BasicGetEmpty::id)
        return true;
    const RequestReply *r = findRequest(request);
    return r && r->reply == reply;
}

// The methods the server sends on its own; everything else answers a request.
class ClientChannel::MethodHandler {
public:
    MethodHandler(ClientChannel &channel, QByteArrayView arguments) : c_(channel), arguments_(arguments) {}

    void operator()(const amqp::ChannelClose &m) { c_.closedByServer(m); }
    void operator()(const amqp::ChannelCloseOk &m)
    {
        c_.answer(m.id, arguments_);
        c_.stage_ = Stage::Finished;
    }
    void operator()(const amqp::ChannelFlow &m)
    {
        if (c_.stage_ == Stage::Open)
            c_.host_.writer().method(c_.number_, amqp::ChannelFlowOk{m.active});
    }
    void operator()(const amqp::BasicDeliver &m) { c_.content_.begin(m); }
    void operator()(const amqp::BasicReturn &m) { c_.content_.begin(m); }
    void operator()(const amqp::BasicGetOk &m)
    {
        c_.checkAnswer(m.id);   // answered once its content is complete
        c_.content_.begin(GetOk{m, arguments_.toByteArray()});
    }
    void operator()(const amqp::BasicAck &m) { confirmed(m.deliveryTag, m.multiple, true); }
    void operator()(const amqp::BasicNack &m) { confirmed(m.deliveryTag, m.multiple, false); }
    void operator()(const amqp::BasicCancel &m)
    {
        if (!m.noWait && c_.stage_ == Stage::Open)
            c_.host_.writer().method(c_.number_, amqp::BasicCancelOk{m.consumerTag});
        if (const auto &cancelled = c_.host_.events().consumerCancelled)
            cancelled(c_.number_, m.consumerTag);
    }
    template <class M> void operator()(const M &) { c_.answer(M::id, arguments_); }

private:
    void confirmed(std::uint64_t tag, bool multiple, bool ack)
    {
        if (const auto &confirmed = c_.host_.events().confirmed)
            confirmed(c_.number_, tag, multiple, ack);
    }

    ClientChannel &c_;
    QByteArrayView arguments_;
};

void ClientChannel::expect(MethodId request, Done done)
{
    pending_.push_back(Pending{request, std::move(done)});
}

void ClientChannel::closing(Done done)
{
    expect(amqp::ChannelClose::id, std::move(done));
    stage_ = Stage::Closing;
}

void ClientChannel::handleFrame(const amqp::Frame &frame)
{
    switch (frame.type) {
    case amqp::FrameType::Method:
        content_.checkMethodAllowed();
        return handleMethod(frame.payload);
    case amqp::FrameType::Header:
        content_.onHeader(frame.payload, kAnyBodySize);
        if (content_.isComplete())
            contentComplete();
        return;
    case amqp::FrameType::Body:
        content_.onBody(frame.payload);
        if (content_.isComplete())
            contentComplete();
        return;
    case amqp::FrameType::Heartbeat:
        break;
    }
    throw AmqpError::make(ReplyCode::UnexpectedFrame, "heartbeat frame on channel " + QByteArray::number(number_));
}

void ClientChannel::handleMethod(QByteArrayView payload)
{
    const auto status = amqp::dispatchMethod(payload, MethodHandler(*this, payload.sliced(4)));
    amqp::throwIfUndecodable(status, payload);
}

void ClientChannel::checkAnswer(MethodId id) const
{
    if (pending_.empty() || !answers(pending_.front().request, id))
        throw AmqpError::make(ReplyCode::UnexpectedFrame, QByteArray("unexpected method ") + amqp::methodName(id)
                                                              + " on channel " + QByteArray::number(number_),
                              id);
}

void ClientChannel::answer(MethodId id, QByteArrayView arguments)
{
    checkAnswer(id);
    const Pending request = std::move(pending_.front());
    pending_.pop_front();
    if (request.done)
        request.done(Reply{id, arguments.toByteArray(), 0, {}});
}

void ClientChannel::closedByServer(const amqp::ChannelClose &close)
{
    host_.writer().method(number_, amqp::ChannelCloseOk{});
    const CloseReason reason{close.replyCode, close.replyText, amqp::makeMethodId(close.classId, close.methodId), true};
    // Our own close crossed the server's: the server answers it too, and that close-ok
    // ends the channel (the number stays taken until then).
    std::optional<Pending> ownClose;
    if (stage_ == Stage::Closing) {
        ownClose = std::move(pending_.back());
        pending_.pop_back();
    } else {
        stage_ = Stage::Finished;
    }
    failPending(reason);
    if (ownClose)
        pending_.push_back(std::move(*ownClose));
    if (const auto &closed = host_.events().channelClosed)
        closed(number_, reason);
}

void ClientChannel::contentComplete()
{
    const auto content = content_.take();
    const ClientEvents &events = host_.events();
    std::visit(Overloaded{
                   [&](const amqp::BasicDeliver &m) {
                       if (events.delivered && stage_ == Stage::Open)
                           events.delivered(Delivery{number_, m.consumerTag, m.deliveryTag, m.redelivered,
                                                     m.exchange, m.routingKey, content.properties, content.body});
                   },
                   [&](const GetOk &getOk) {
                       const amqp::BasicGetOk &m = getOk.method;
                       if (events.delivered)
                           events.delivered(Delivery{number_, {}, m.deliveryTag, m.redelivered, m.exchange,
                                                     m.routingKey, content.properties, content.body});
                       answer(m.id, getOk.arguments);
                   },
                   [&](const amqp::BasicReturn &m) {
                       if (events.returned)
                           events.returned(ReturnedMessage{number_, m.replyCode, m.replyText, m.exchange,
                                                           m.routingKey, content.properties, content.body});
                   },
               },
               content.method);
}

void ClientChannel::abandon(const CloseReason &reason)
{
    stage_ = Stage::Finished;
    failPending(reason);
}

void ClientChannel::failPending(const CloseReason &reason)
{
    // A connection that ended without a close method refuses them as the server would
    // have, had it closed the connection.
    const std::uint16_t code = reason.replyCode ? reason.replyCode : std::uint16_t(ReplyCode::ConnectionForced);
    const std::deque<Pending> failed = std::exchange(pending_, {});   // a `done` may send again
    for (const Pending &request : failed) {
        if (request.done)
            request.done(Reply{0, {}, code, reason.replyText});
    }
}

} // namespace warren::client
