#include "OutputBuffer.h"

#include <sys/uio.h>

namespace warren::amqp {

QByteArray &OutputBuffer::tail()
{
    if (!tailOpen_) {
        chunks_.push_back(std::move(spare_));
        spare_ = QByteArray();
        chunks_.back().resize(0);
        tailCommitted_ = 0;
        tailOpen_ = true;
    }
    return chunks_.back();
}

void OutputBuffer::commitTail()
{
    Q_ASSERT(tailOpen_);
    size_ += chunks_.back().size() - tailCommitted_;
    tailCommitted_ = chunks_.back().size();
}

void OutputBuffer::append(const QByteArray &bytes)
{
    if (bytes.size() < kShareThreshold) {
        tail().append(bytes);
        commitTail();
        return;
    }
    chunks_.push_back(bytes);
    size_ += bytes.size();
    tailOpen_ = false;
}

int OutputBuffer::gather(struct iovec *iov, int max) const
{
    int n = 0;
    qsizetype offset = frontOffset_;
    for (auto it = chunks_.begin(); it != chunks_.end() && n < max; ++it) {
        const qsizetype len = it->size() - offset;
        if (len > 0) {
            iov[n].iov_base = const_cast<char *>(it->constData() + offset);
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
        QByteArray &front = chunks_.front();
        const qsizetype left = front.size() - frontOffset_;
        if (n < left) {
            frontOffset_ += n;
            return;
        }
        n -= left;
        frontOffset_ = 0;
        const bool wasTail = tailOpen_ && chunks_.size() == 1;
        if (wasTail) {
            tailOpen_ = false;
            spare_ = std::move(front);
        }
        chunks_.pop_front();
    }
    // A fully drained open tail leaves the deque empty; reopening reuses spare_.
}

QByteArray OutputBuffer::takeAll()
{
    QByteArray all;
    all.reserve(size_);
    qsizetype offset = frontOffset_;
    for (const QByteArray &c : chunks_) {
        all.append(c.constData() + offset, c.size() - offset);
        offset = 0;
    }
    chunks_.clear();
    frontOffset_ = 0;
    size_ = 0;
    tailOpen_ = false;
    return all;
}

} // namespace warren::amqp
