#include "FrameWriter.h"

namespace warren::amqp {

namespace {
constexpr std::uint16_t kBasicClassId = 60;
}

qsizetype FrameWriter::beginFrame(FrameType type, std::uint16_t channel)
{
    QByteArray &tail = out_.tail();
    const qsizetype at = tail.size();
    ByteWriter w(tail);
    w.u8(std::uint8_t(type));
    w.u16(channel);
    w.u32(0); // payload size, patched by endFrame()
    return at;
}

void FrameWriter::endFrame(qsizetype frameStart)
{
    QByteArray &tail = out_.tail();
    ByteWriter w(tail);
    w.patchU32(frameStart + 3, std::uint32_t(tail.size() - frameStart - kFrameHeaderSize));
    w.u8(kFrameEnd);
    out_.commitTail();
}

void FrameWriter::content(std::uint16_t channel, QByteArrayView properties, const QByteArray &body)
{
    const qsizetype at = beginFrame(FrameType::Header, channel);
    {
        ByteWriter w(out_.tail());
        w.u16(kBasicClassId);
        w.u16(0); // weight
        w.u64(std::uint64_t(body.size()));
        w.raw(properties.isEmpty() ? QByteArrayView("\0\0", 2) : properties);
    }
    endFrame(at);

    // frame_max 0 means no limit; Connection never negotiates it, but stay finite anyway.
    const qsizetype maxPayload = frameMax_ > kFrameOverhead ? qsizetype(frameMax_) - kFrameOverhead
                                                            : qMax<qsizetype>(body.size(), 1);
    for (qsizetype offset = 0; offset < body.size(); offset += maxPayload) {
        const qsizetype len = qMin(maxPayload, body.size() - offset);
        const qsizetype frame = beginFrame(FrameType::Body, channel);
        if (len == body.size()) {
            // The whole body in one frame: share it rather than copy it when it is large.
            ByteWriter(out_.tail()).patchU32(frame + 3, std::uint32_t(len));
            out_.commitTail();
            out_.append(body);
        } else {
            ByteWriter(out_.tail()).patchU32(frame + 3, std::uint32_t(len));
            out_.tail().append(body.constData() + offset, len);
            out_.commitTail();
        }
        out_.tail().append(char(kFrameEnd));
        out_.commitTail();
    }
}

void FrameWriter::heartbeat()
{
    endFrame(beginFrame(FrameType::Heartbeat, 0));
}

} // namespace warren::amqp
