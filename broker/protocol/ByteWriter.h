// Big-endian appends to a QByteArray, through a raw pointer: the array is grown to its
// capacity in one step and trimmed back when the writer goes away, so a frame costs no
// per-field QByteArray calls. While a writer is alive, only it may touch the array.
// Length-prefixed strings that do not fit their prefix are the caller's bug (asserted).
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QtEndian>

#include <cstdint>
#include <cstring>

namespace warren::amqp {

class ByteWriter {
public:
    explicit ByteWriter(QByteArray &out) : out_(out), pos_(out.size()), end_(out.size()) {}
    ~ByteWriter() { finish(); }
    ByteWriter(const ByteWriter &) = delete;
    ByteWriter &operator=(const ByteWriter &) = delete;

    // Bytes written so far, including what the array held before.
    qsizetype size() const { return pos_; }

    void u8(std::uint8_t v) { *grab(1) = char(v); }
    void u16(std::uint16_t v) { putBig(v); }
    void u32(std::uint32_t v) { putBig(v); }
    void u64(std::uint64_t v) { putBig(v); }
    void raw(QByteArrayView bytes)
    {
        if (!bytes.isEmpty())
            std::memcpy(grab(bytes.size()), bytes.data(), size_t(bytes.size()));
    }
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

    // Rewrite bytes written earlier: a length placeholder, a bit in a packed octet.
    void patchU32(qsizetype at, std::uint32_t v) { qToBigEndian(v, data_ + at); }
    void setBits(qsizetype at, std::uint8_t mask) { data_[at] = char(std::uint8_t(data_[at]) | mask); }

    // Trims the array to what was written; the destructor does it too.
    void finish()
    {
        if (end_ != pos_) {
            out_.resize(pos_);
            end_ = pos_;
        }
    }

private:
    char *grab(qsizetype n)
    {
        if (pos_ + n > end_)
            grow(n);
        char *p = data_ + pos_;
        pos_ += n;
        return p;
    }
    void grow(qsizetype n)
    {
        const qsizetype capacity = out_.capacity();
        out_.resize(pos_ + n <= capacity ? capacity : qMax(pos_ + n, 2 * capacity));
        data_ = out_.data();
        end_ = out_.size();
    }
    template <typename T> void putBig(T v) { qToBigEndian(v, grab(sizeof(T))); }

    QByteArray &out_;
    char *data_ = nullptr;
    qsizetype pos_;
    qsizetype end_;
};

} // namespace warren::amqp
