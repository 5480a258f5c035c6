// Bounds-checked big-endian reads over a byte range. A read past the end sets a sticky
// failure flag and returns zero, so a decoder checks ok() once at the end instead of after
// every field.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QtEndian>

#include <cstdint>
#include <cstring>

namespace warren::amqp {

class ByteReader {
public:
    explicit ByteReader(QByteArrayView bytes)
        : pos_(bytes.data()), end_(bytes.data() + bytes.size()) {}

    bool ok() const { return ok_; }
    bool atEnd() const { return pos_ == end_; }
    qsizetype remaining() const { return end_ - pos_; }
    void fail() { ok_ = false; pos_ = end_; }

    std::uint8_t u8() { return readBig<std::uint8_t>(); }
    std::uint16_t u16() { return readBig<std::uint16_t>(); }
    std::uint32_t u32() { return readBig<std::uint32_t>(); }
    std::uint64_t u64() { return readBig<std::uint64_t>(); }

    // A view into the underlying bytes; valid as long as they are.
    QByteArrayView view(qsizetype n)
    {
        if (n < 0 || n > remaining()) { fail(); return {}; }
        QByteArrayView v(pos_, n);
        pos_ += n;
        return v;
    }
    QByteArray bytes(qsizetype n)
    {
        const QByteArrayView v = view(n);
        return v.isEmpty() ? QByteArray() : v.toByteArray();
    }
    QByteArray shortString() { return bytes(u8()); }
    QByteArray longString() { return bytes(u32()); }

private:
    template <typename T> T readBig()
    {
        if (qsizetype(sizeof(T)) > remaining()) { fail(); return 0; }
        T v;
        std::memcpy(&v, pos_, sizeof(T));
        pos_ += sizeof(T);
        return qFromBigEndian(v);
    }

    const char *pos_;
    const char *end_;
    bool ok_ = true;
};

} // namespace warren::amqp
