// One encoder and one decoder for every method, driven by the field lists of Methods.h.
// Consecutive bit fields share one octet, low bit first, as the spec requires.
#pragma once

#include "ByteReader.h"
#include "ByteWriter.h"
#include "FieldCodec.h"
#include "Methods.h"
#include "Utf8.h"

namespace warren::amqp {

class MethodFieldDecoder {
public:
    explicit MethodFieldDecoder(ByteReader &in) : in_(in) {}

    template <FieldKind K, typename T> void field(T &out)
    {
        if constexpr (K == FieldKind::Bit) {
            if (bitIndex_ == 8) {
                bits_ = in_.u8();
                bitIndex_ = 0;
            }
            out = (bits_ >> bitIndex_++) & 1;
            return;
        } else {
            bitIndex_ = 8;
            if constexpr (K == FieldKind::Octet) out = in_.u8();
            else if constexpr (K == FieldKind::Short) out = in_.u16();
            else if constexpr (K == FieldKind::Long) out = in_.u32();
            else if constexpr (K == FieldKind::LongLong) out = in_.u64();
            else if constexpr (K == FieldKind::ShortStr) {
                out = in_.shortString();
                if (!isValidUtf8(out)) {
                    badUtf8_ = true;
                    in_.fail();
                }
            }
            else if constexpr (K == FieldKind::LongStr) out = in_.longString();
            else if constexpr (K == FieldKind::Table) out = decodeTable(in_);
        }
    }

    // A shortstr was not UTF-8 (RabbitMQ: "Malformed UTF-8 in shortstr").
    bool badUtf8() const { return badUtf8_; }

private:
    ByteReader &in_;
    bool badUtf8_ = false;
    std::uint8_t bits_ = 0;
    int bitIndex_ = 8; // 8: no octet of bits is open
};

class MethodFieldEncoder {
public:
    explicit MethodFieldEncoder(ByteWriter &out) : out_(out) {}

    template <FieldKind K, typename T> void field(const T &v)
    {
        if constexpr (K == FieldKind::Bit) {
            if (bitIndex_ == 8) {
                bitsAt_ = out_.size();
                out_.u8(0);
                bitIndex_ = 0;
            }
            if (v)
                out_.setBits(bitsAt_, std::uint8_t(1u << bitIndex_));
            ++bitIndex_;
            return;
        } else {
            bitIndex_ = 8;
            if constexpr (K == FieldKind::Octet) out_.u8(v);
            else if constexpr (K == FieldKind::Short) out_.u16(v);
            else if constexpr (K == FieldKind::Long) out_.u32(v);
            else if constexpr (K == FieldKind::LongLong) out_.u64(v);
            else if constexpr (K == FieldKind::ShortStr) out_.shortString(v);
            else if constexpr (K == FieldKind::LongStr) out_.longString(v);
            else if constexpr (K == FieldKind::Table) encodeTable(out_, v);
        }
    }

private:
    ByteWriter &out_;
    qsizetype bitsAt_ = 0;
    int bitIndex_ = 8;
};

enum class MethodDecodeStatus { Ok, Malformed, BadUtf8, UnknownMethod };

// Decodes the arguments of M (the bytes after class and method id). Trailing bytes are
// malformed input, as for RabbitMQ's exact binary match.
template <class M> MethodDecodeStatus decodeMethodArguments(ByteReader &in, M &method)
{
    MethodFieldDecoder decoder(in);
    M::visitFields(method, decoder);
    if (decoder.badUtf8())
        return MethodDecodeStatus::BadUtf8;
    return in.ok() && in.atEnd() ? MethodDecodeStatus::Ok : MethodDecodeStatus::Malformed;
}

// Writes class id, method id and the arguments.
template <class M> void encodeMethod(ByteWriter &out, const M &method)
{
    out.u32(M::id);
    MethodFieldEncoder encoder(out);
    M::visitFields(method, encoder);
}

// Decodes a method frame's payload and calls handler(const XxxYyy &) with the typed method.
template <class Handler> MethodDecodeStatus dispatchMethod(QByteArrayView payload, Handler &&handler)
{
    ByteReader in(payload);
    const MethodId id = in.u32();
    if (!in.ok())
        return MethodDecodeStatus::Malformed;
    switch (id) {
#define WARREN_DISPATCH_CASE(Cls, Mth, ...)                                   \
    case Cls##Mth::id: {                                                      \
        Cls##Mth method;                                                      \
        if (const auto s = decodeMethodArguments(in, method); s != MethodDecodeStatus::Ok) \
            return s;                                                         \
        handler(std::as_const(method));                                       \
        return MethodDecodeStatus::Ok;                                        \
    }
        WARREN_AMQP_METHODS(WARREN_DISPATCH_CASE)
#undef WARREN_DISPATCH_CASE
    }
    return MethodDecodeStatus::UnknownMethod;
}

} // namespace warren::amqp
