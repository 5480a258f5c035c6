// Encodes whole frames into an OutputBuffer: a method, a content header plus body frames
// split at frame_max, a heartbeat.
#pragma once

#include "ByteWriter.h"
#include "Constants.h"
#include "MethodCodec.h"
#include "OutputBuffer.h"

namespace warren::amqp {

class FrameWriter {
public:
    explicit FrameWriter(OutputBuffer &out) : out_(out) {}

    void setFrameMax(std::uint32_t frameMax) { frameMax_ = frameMax; }
    std::uint32_t frameMax() const { return frameMax_; }

    template <class M> void method(std::uint16_t channel, const M &m)
    {
        {
            ByteWriter w(out_.tail());
            const qsizetype start = beginFrame(w, FrameType::Method, channel);
            encodeMethod(w, m);
            endFrame(w, start);
        }
        out_.commitTail();
    }

    // A content header (class basic) carrying the encoded properties as received, then the
    // body in frames of at most frame_max.
    void content(std::uint16_t channel, QByteArrayView properties, const QByteArray &body);

    void heartbeat();

private:
    static qsizetype beginFrame(ByteWriter &w, FrameType type, std::uint16_t channel);
    static void endFrame(ByteWriter &w, qsizetype frameStart);
    void bodyFrame(std::uint16_t channel, const QByteArray &body, qsizetype offset, qsizetype length);

    OutputBuffer &out_;
    std::uint32_t frameMax_ = kDefaultFrameMax;
};

} // namespace warren::amqp
