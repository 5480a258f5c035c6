#include "ContentAssembler.h"

#include "ByteReader.h"

namespace warren::amqp {

namespace {
constexpr std::uint16_t kBasicClassId = 60;
constexpr qsizetype kHeaderFixedSize = 12;   // class id, weight, body size
}

void ContentFrames::checkMethodAllowed() const
{
    if (stage_ == Stage::AwaitingHeader)
        throw AmqpError::make(ReplyCode::UnexpectedFrame,
                              "expected content header for class 60, got non content header frame instead");
    if (stage_ == Stage::AwaitingBody)
        throw AmqpError::make(ReplyCode::UnexpectedFrame,
                              "expected content body, got non content body frame instead");
}

void ContentFrames::checkStage(Stage expected) const
{
    if (stage_ == expected)
        return;
    checkMethodAllowed();   // the texts for a frame out of place while content is pending
    throw AmqpError::make(ReplyCode::UnexpectedFrame, "expected method frame, got non method frame instead");
}

void ContentFrames::onHeader(QByteArrayView payload, qint64 maxBodySize)
{
    checkStage(Stage::AwaitingHeader);
    ByteReader in(payload);
    const std::uint16_t classId = in.u16();
    const std::uint16_t weight = in.u16();
    const std::uint64_t size = in.u64();
    if (!in.ok())
        throw AmqpError::make(ReplyCode::FrameError, "content header frame too short");
    if (weight != 0)   // RabbitMQ does not take such a header for a content header at all
        checkMethodAllowed();
    if (classId != kBasicClassId)
        throw AmqpError::make(ReplyCode::UnexpectedFrame,
                              "expected content header for class 60, got one for class " + QByteArray::number(classId) + " instead");
    if (size > std::uint64_t(maxBodySize))
        throw AmqpError::make(ReplyCode::PreconditionFailed,
                              "message size " + QByteArray::number(size) + " is larger than configured max size "
                                  + QByteArray::number(maxBodySize));
    properties_ = payload.sliced(kHeaderFixedSize).toByteArray();
    expectedSize_ = qint64(size);
    overflowed_ = false;
    body_ = QByteArray();
    if (expectedSize_ == 0) {
        stage_ = Stage::Idle;
        complete_ = true;
        return;
    }
    stage_ = Stage::AwaitingBody;
}

void ContentFrames::onBody(QByteArrayView payload)
{
    checkStage(Stage::AwaitingBody);
    if (body_.size() + payload.size() > expectedSize_) {
        // Like RabbitMQ: more body than announced never completes the content, so the next
        // method frame on this channel is the error. The excess is not kept.
        overflowed_ = true;
        return;
    }
    if (body_.isEmpty() && payload.size() == expectedSize_) {
        body_ = payload.toByteArray();   // the usual case: the whole body in one frame
    } else {
        // Reserve by what has arrived, not by the announced size: a header alone must not
        // make the broker allocate up to the maximum message size.
        if (body_.isEmpty())
            body_.reserve(qMin(expectedSize_, qint64(1) << 20));
        body_.append(payload);
    }
    if (body_.size() == expectedSize_ && !overflowed_) {
        stage_ = Stage::Idle;
        complete_ = true;
    }
}

} // namespace warren::amqp
