#include "FrameWriter.h"

namespace warren::amqp {

namespace {
constexpr std::uint16_t kBasicClassId = 60;
}

qsizetype FrameWriter::beginFrame(ByteWriter &w, FrameType type, std::uint16_t channel)
{
    const qsizetype start = w.size();
    w.u8(std::uint8_t(type));
    w.u16(channel);
    w.u32(0); // payload size, patched by endFrame()
    return start;
}

void FrameWriter::endFrame(ByteWriter &w, qsizetype frameStart)
{
    w.patchU32(frameStart + 3, std::uint32_t(w.size() - frameStart - kFrameHeaderSize));
    w.u8(kFrameEnd);
}

void FrameWriter::content(std::uint16_t channel, QByteArrayView properties, const QByteArray &body)
{
    // frame_max 0 means no limit; Connection never negotiates it, but stay finite anyway.
    const qsizetype maxPayload = frameMax_ > kFrameOverhead ? qsizetype(frameMax_) - kFrameOverhead
                                                            : qMax<qsizetype>(body.size(), 1);
    // The common case, a small body in one frame, is written with the header in one go.
    const bool small = body.size() < OutputBuffer::kShareThreshold && body.size() <= maxPayload;
    {
        ByteWriter w(out_.tail());
        const qsizetype header = beginFrame(w, FrameType::Header, channel);
        w.u16(kBasicClassId);
        w.u16(0); // weight
        w.u64(std::uint64_t(body.size()));
        w.raw(properties.isEmpty() ? QByteArrayView("\0\0", 2) : properties);
        endFrame(w, header);
        if (small && !body.isEmpty()) {
            const qsizetype frame = beginFrame(w, FrameType::Body, channel);
            w.raw(body);
            endFrame(w, frame);
        }
    }
    out_.commitTail();
    for (qsizetype offset = 0; !small && offset < body.size(); offset += maxPayload)
        bodyFrame(channel, body, offset, qMin(maxPayload, body.size() - offset));
}

// One body frame of a large body: its slice goes into the output by reference (the body is
// shared, never copied), between a frame header and end octet written into the tail.
void FrameWriter::bodyFrame(std::uint16_t channel, const QByteArray &body, qsizetype offset, qsizetype length)
{
    {
        ByteWriter w(out_.tail());
        w.u8(std::uint8_t(FrameType::Body));
        w.u16(channel);
        w.u32(std::uint32_t(length));
    }
    out_.commitTail();
    out_.append(body, offset, length);
    out_.tail().append(char(kFrameEnd));
    out_.commitTail();
}

void FrameWriter::heartbeat()
{
    {
        ByteWriter w(out_.tail());
        endFrame(w, beginFrame(w, FrameType::Heartbeat, 0));
    }
    out_.commitTail();
}

} // namespace warren::amqp
