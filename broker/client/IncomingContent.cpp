#include "IncomingContent.h"

#include "protocol/ByteReader.h"

#include <QtGlobal>

#include <limits>

namespace warren::client {

using amqp::AmqpError;
using amqp::ReplyCode;

namespace {
constexpr std::uint16_t kBasicClassId = 60;
constexpr qsizetype kHeaderFixedSize = 12;       // class id, weight, body size
constexpr qint64 kReserveLimit = qint64(1) << 20; // the announced size alone allocates no more
}

void IncomingContent::begin(Method method, QByteArray arguments)
{
    content_ = Content{std::move(method), std::move(arguments), {}, {}};
    stage_ = Stage::AwaitingHeader;
}

void IncomingContent::checkMethodAllowed() const
{
    if (stage_ == Stage::AwaitingHeader)
        throw AmqpError::make(ReplyCode::UnexpectedFrame,
                              "expected content header for class 60, got non content header frame instead");
    if (stage_ == Stage::AwaitingBody)
        throw AmqpError::make(ReplyCode::UnexpectedFrame, "expected content body, got non content body frame instead");
}

void IncomingContent::checkStage(Stage expected) const
{
    if (stage_ == expected)
        return;
    checkMethodAllowed();
    throw AmqpError::make(ReplyCode::UnexpectedFrame, "expected method frame, got non method frame instead");
}

bool IncomingContent::onHeader(QByteArrayView payload)
{
    checkStage(Stage::AwaitingHeader);
    amqp::ByteReader in(payload);
    const std::uint16_t classId = in.u16();
    in.u16();   // weight, unused
    const std::uint64_t size = in.u64();
    if (!in.ok())
        throw AmqpError::make(ReplyCode::FrameError, "content header frame too short");
    if (classId != kBasicClassId)
        throw AmqpError::make(ReplyCode::UnexpectedFrame, "expected content header for class 60, got one for class "
                                                              + QByteArray::number(classId) + " instead");
    if (size > std::uint64_t(std::numeric_limits<qsizetype>::max()))
        throw AmqpError::make(ReplyCode::FrameError, "content body size " + QByteArray::number(size) + " too large");
    content_.properties = payload.sliced(kHeaderFixedSize).toByteArray();
    expectedSize_ = qint64(size);
    stage_ = expectedSize_ == 0 ? Stage::Idle : Stage::AwaitingBody;
    return stage_ == Stage::Idle;
}

bool IncomingContent::onBody(QByteArrayView payload)
{
    checkStage(Stage::AwaitingBody);
    QByteArray &body = content_.body;
    if (body.size() + payload.size() > expectedSize_)
        throw AmqpError::make(ReplyCode::FrameError, "content body longer than the " + QByteArray::number(expectedSize_)
                                                         + " bytes its header announced");
    if (body.isEmpty() && payload.size() == expectedSize_) {
        body = payload.toByteArray();   // the usual case: the whole body in one frame
    } else {
        if (body.isEmpty())
            body.reserve(qMin(expectedSize_, kReserveLimit));
        body.append(payload);
    }
    if (body.size() < expectedSize_)
        return false;
    stage_ = Stage::Idle;
    return true;
}

IncomingContent::Content IncomingContent::take()
{
    return std::move(content_);
}

} // namespace warren::client
