// Bytes waiting to be written to one peer, as a queue of chunks for writev(). Small
// frames are copied into the open tail chunk; large bodies are appended by reference, whole
// or as slices (a body split over several frames), so a message body routed to many
// consumers is never copied (QByteArray is implicitly shared).
#pragma once

#include <QByteArray>

#include <deque>

struct iovec;

namespace warren::amqp {

class OutputBuffer {
public:
    // Bodies at least this large are queued by reference instead of copied.
    static constexpr qsizetype kShareThreshold = 4096;

    bool isEmpty() const { return size_ == 0; }
    qsizetype size() const { return size_; }

    // The chunk to append small writes to; call commitTail() after appending.
    QByteArray &tail();
    void commitTail();
    // Appends bytes, by reference when large.
    void append(const QByteArray &bytes);
    // Appends bytes [offset, offset + length) of `bytes`, by reference when large.
    void append(const QByteArray &bytes, qsizetype offset, qsizetype length);

    // Fills up to max iovecs from the front; returns how many.
    int gather(struct iovec *iov, int max) const;
    // Drops n written bytes from the front.
    void consume(qsizetype n);
    // Drops bytes from the back until `size` are left: what was appended since size() was
    // `size`, never written (replies that must not leave after all).
    void truncate(qsizetype size);
    // Everything pending as one array (tests and the in-process transport).
    QByteArray takeAll();

    // Frees the drained tail kept for reuse (the connection has been idle a while).
    void releaseSpare() { spare_ = QByteArray(); }

    // A drained tail chunk is kept for reuse only up to this capacity: one burst of output
    // must not pin its memory for the rest of the connection's life.
    static constexpr qsizetype kSpareCapacity = qsizetype(256) << 10;

private:
    struct Chunk {
        QByteArray bytes;
        qsizetype begin = 0;   // the slice of `bytes` to write
        qsizetype end = 0;
    };
    std::deque<Chunk> chunks_;
    qsizetype frontOffset_ = 0;   // bytes of chunks_.front()'s slice already written
    qsizetype size_ = 0;          // bytes pending in all chunks
    qsizetype tailCommitted_ = 0; // size of the tail chunk at the last commit
    bool tailOpen_ = false;       // whether chunks_.back() accepts appends
    QByteArray spare_;            // a drained tail kept for its capacity
};

} // namespace warren::amqp
