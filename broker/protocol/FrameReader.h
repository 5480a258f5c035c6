// Splits a byte stream into frames without copying: each frame's payload is a view into
// the caller's buffer. Three outcomes besides a frame: more bytes are needed; the frame is
// larger than frame_max, which is refused at its header, before its payload is buffered;
// or its end octet is wrong. The frame type is not judged here: as in RabbitMQ, a frame
// of an unknown type is read whole and then refused by the connection.
#pragma once

#include "Constants.h"

#include <QByteArray>
#include <QByteArrayView>

namespace warren::amqp {

struct Frame {
    FrameType type = FrameType::Heartbeat;   // may hold an unknown value; see isKnownFrameType

    std::uint16_t channel = 0;
    QByteArrayView payload;
};

enum class FrameStatus {
    Complete,     // frame filled in, `consumed` bytes used
    NeedMore,     // not a whole frame yet
    TooLarge,     // payload size over frame_max
    BadFrameEnd,  // the octet after the payload is not 0xCE
};

struct FrameParse {
    FrameStatus status = FrameStatus::NeedMore;
    Frame frame;
    qsizetype consumed = 0;
    std::uint8_t rawType = 0;     // for error reports
    std::uint32_t payloadSize = 0;
    std::uint8_t endOctet = 0;    // what stood where 0xCE belongs (BadFrameEnd)
};

bool isKnownFrameType(FrameType type);

// frameMax 0 means no limit, as in the spec.
FrameParse parseFrame(QByteArrayView input, std::uint32_t frameMax);

} // namespace warren::amqp
