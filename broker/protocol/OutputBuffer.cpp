#include "OutputBuffer.h"

#include <sys/uio.h>

namespace warren::amqp {

QByteArray &OutputBuffer::tail()
{
    if (!tailOpen_) {
        chunks_.push_back(Chunk{std::move(spare_), 0, 0});
        spare_ = QByteArray();
        chunks_.back().bytes.resize(0);
        tailCommitted_ = 0;
        tailOpen_ = true;
    }
    return chunks_.back().bytes;
}

void OutputBuffer::commitTail()
{
    Q_ASSERT(tailOpen_);
    Chunk &tail = chunks_.back();
    size_ += tail.bytes.size() - tailCommitted_;
    tailCommitted_ = tail.end = tail.bytes.size();
}

void OutputBuffer::append(const QByteArray &bytes) { append(bytes, 0, bytes.size()); }

void OutputBuffer::append(const QByteArray &bytes, qsizetype offset, qsizetype length)
{
    if (length < kShareThreshold) {
        tail().append(bytes.constData() + offset, length);
        commitTail();
        return;
    }
    chunks_.push_back(Chunk{bytes, offset, offset + length});
    size_ += length;
    tailOpen_ = false;
}

int OutputBuffer::gather(struct iovec *iov, int max) const
{
    int n = 0;
    qsizetype offset = frontOffset_;
    for (auto it = chunks_.begin(); it != chunks_.end() && n < max; ++it) {
        const qsizetype len = it->end - it->begin - offset;
        if (len > 0) {
            iov[n].iov_base = const_cast<char *>(it->bytes.constData() + it->begin + offset);
            iov[n].iov_len = size_t(len);
            ++n;
        }
        offset = 0;
    }
    return n;
}

void OutputBuffer::consume(qsizetype n)
{
    size_ -= n;
    while (n > 0 && !chunks_.empty()) {
        Chunk &front = chunks_.front();
        const qsizetype left = front.end - front.begin - frontOffset_;
        if (n < left) {
            frontOffset_ += n;
            return;
        }
        n -= left;
        frontOffset_ = 0;
        const bool wasTail = tailOpen_ && chunks_.size() == 1;
        if (wasTail) {
            tailOpen_ = false;
            if (front.bytes.capacity() <= kSpareCapacity)
                spare_ = std::move(front.bytes);
        }
        chunks_.pop_front();
    }
    // A fully drained open tail leaves the deque empty; reopening reuses spare_.
}

void OutputBuffer::truncate(qsizetype size)
{
    while (size_ > size && !chunks_.empty()) {
        Chunk &back = chunks_.back();
        const qsizetype length = back.end - back.begin - (chunks_.size() == 1 ? frontOffset_ : 0);
        const qsizetype excess = size_ - size;
        if (excess < length) {
            back.end -= excess;
            size_ -= excess;
            if (tailOpen_) {   // appends continue at the new end
                back.bytes.truncate(back.end);
                tailCommitted_ = back.end;
            }
            return;
        }
        size_ -= length;
        chunks_.pop_back();
        tailOpen_ = false;
        if (chunks_.empty())
            frontOffset_ = 0;
    }
}

QByteArray OutputBuffer::takeAll()
{
    QByteArray all;
    all.reserve(size_);
    qsizetype offset = frontOffset_;
    for (const Chunk &c : chunks_) {
        all.append(c.bytes.constData() + c.begin + offset, c.end - c.begin - offset);
        offset = 0;
    }
    chunks_.clear();
    frontOffset_ = 0;
    size_ = 0;
    tailOpen_ = false;
    return all;
}

} // namespace warren::amqp
