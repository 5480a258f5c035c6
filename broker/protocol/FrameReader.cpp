#include "FrameReader.h"

#include "ByteReader.h"

namespace warren::amqp {

bool isKnownFrameType(FrameType type)
{
    switch (type) {
    case FrameType::Method:
    case FrameType::Header:
    case FrameType::Body:
    case FrameType::Heartbeat:
        return true;
    }
    return false;
}

FrameParse parseFrame(QByteArrayView input, std::uint32_t frameMax)
{
    FrameParse r;
    if (input.size() < qsizetype(kFrameHeaderSize))
        return r;
    ByteReader in(input);
    r.rawType = in.u8();
    r.frame.channel = in.u16();
    r.payloadSize = in.u32();
    r.frame.type = FrameType(r.rawType);
    // frame_max counts the whole frame, but like RabbitMQ we allow the payload itself to
    // reach it: several clients forget the 8 octets of overhead.
    if (frameMax != 0 && r.payloadSize > frameMax) {
        r.status = FrameStatus::TooLarge;
        return r;
    }
    const qsizetype total = qsizetype(r.payloadSize) + kFrameOverhead;
    if (input.size() < total)
        return r;
    r.frame.payload = input.sliced(kFrameHeaderSize, r.payloadSize);
    r.endOctet = std::uint8_t(input[total - 1]);
    if (r.endOctet != kFrameEnd) {
        r.status = FrameStatus::BadFrameEnd;
        return r;
    }
    r.consumed = total;
    r.status = FrameStatus::Complete;
    return r;
}

} // namespace warren::amqp
