// Big-endian appends to a QByteArray. Length-prefixed strings that do not fit their
// prefix are the caller's bug, so they are asserted rather than handled.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QtEndian>

#include <cstdint>

namespace warren::amqp {

class ByteWriter {
public:
    explicit ByteWriter(QByteArray &out) : out_(out) {}

    QByteArray &buffer() { return out_; }
    qsizetype size() const { return out_.size(); }

    void u8(std::uint8_t v) { out_.append(char(v)); }
    void u16(std::uint16_t v) { appendBig(v); }
    void u32(std::uint32_t v) { appendBig(v); }
    void u64(std::uint64_t v) { appendBig(v); }
    void raw(QByteArrayView bytes) { out_.append(bytes); }

    void shortString(QByteArrayView s)
    {
        Q_ASSERT(s.size() <= 255);
        u8(std::uint8_t(s.size()));
        raw(s);
    }
    void longString(QByteArrayView s)
    {
        u32(std::uint32_t(s.size()));
        raw(s);
    }

    // Overwrites a 32-bit length written earlier as a placeholder.
    void patchU32(qsizetype at, std::uint32_t v) { qToBigEndian(v, out_.data() + at); }

private:
    template <typename T> void appendBig(T v)
    {
        const T big = qToBigEndian(v);
        out_.append(reinterpret_cast<const char *>(&big), sizeof(T));
    }

    QByteArray &out_;
};

} // namespace warren::amqp
