// An append-only log made of numbered segment files ("00000001.wseg", ...) of bounded size.
// Each record is framed as [u32 payload length][u32 CRC-32C][u8 type][payload], big-endian;
// the CRC covers the record's segment number and offset (u32 each), its type and payload.
// A torn tail is cut off when the log is opened again; a damaged record in the middle is
// skipped to the next valid one.
//
// Threads: everything runs on the owning thread except sync(), which may run anywhere on
// the SyncPoint the owner made; that is how fsync leaves the broker's event loop.
//
// A failed write (a full disk) loses nothing: the records stay buffered, readable, and are
// written again by the next flush(); until then no sync point can be made, so nothing
// appended since is reported durable.
#pragma once

#include "DiskIo.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <compare>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace warren::store {

class SegmentLog {
public:
    struct Position {
        quint32 segment = 0;
        quint32 offset = 0;   // of the record's header within its segment
        friend auto operator<=>(const Position &, const Position &) = default;
    };

    // File descriptors (duplicated, so that the log may close its own) to fdatasync for
    // everything appended before the sync point to be on disk.
    struct SyncPoint {
        std::vector<int> fds;
        DiskIo *io = nullptr;
    };

    SegmentLog(QString directory, qint64 segmentSize, DiskIo &io = DiskIo::system());
    ~SegmentLog();
    SegmentLog(const SegmentLog &) = delete;
    SegmentLog &operator=(const SegmentLog &) = delete;

    using Visitor = std::function<void(Position, quint8 type, QByteArrayView payload)>;
    // Scans every segment in order, truncating torn or corrupt tails (with a warning), then
    // starts a new segment for appends. False on I/O errors; see errorString().
    bool open(const Visitor &visit);

    Position append(quint8 type, std::initializer_list<QByteArrayView> parts);
    // Hands buffered records to the OS; false when the write failed (they stay buffered).
    bool flush();
    bool isFailing() const { return writeFailing_; }
    // What to fsync for everything appended so far to be on disk; nullopt while writes fail.
    std::optional<SyncPoint> syncPoint();
    static bool sync(SyncPoint &point);

    // One record back, CRC-checked; empty when unreadable.
    QByteArray read(Position at, quint8 *type = nullptr);
    // The same without a copy: valid until the next call on the log. Reads that follow each
    // other through a segment (a queue paging its backlog back in, in the order it was
    // written) are served from a block read ahead of them, one pread per 256 KiB rather
    // than two per record.
    QByteArrayView readView(Position at, quint8 *type = nullptr);
    void removeSegment(quint32 segment);

    QList<quint32> segments() const { return {segments_.begin(), segments_.end()}; }
    quint32 currentSegment() const { return current_; }
    QString errorString() const { return error_; }

    // Segments kept open at most (the current one and those awaiting an fsync always are):
    // a store of thousands of segments must not run out of file descriptors.
    static constexpr std::size_t kMaxOpenSegments = 32;

private:
    struct OpenSegment {
        int fd = -1;
        quint64 lastUse = 0;
    };

    QString pathOf(quint32 segment) const;
    QByteArrayView readBuffered(Position at, quint8 *type) const;
    QByteArrayView readFromBlock(Position at, quint8 *type) const;
    bool fillBlock(Position at, int fd);
    bool scan(quint32 segment, int fd, const Visitor &visit);
    bool startSegment(quint32 segment);
    // The segment's descriptor, opened on demand; -1 when it cannot be opened.
    int fdOf(quint32 segment);
    void closeIdleSegments(std::size_t keep);

    QString directory_;
    qint64 segmentSize_;
    DiskIo &io_;
    bool writeFailing_ = false;
    int directoryFd_ = -1;
    bool directoryDirty_ = false;   // a segment was created or removed since the last sync point
    std::set<quint32> segments_;              // every segment file
    std::map<quint32, OpenSegment> open_;     // those open now
    quint64 uses_ = 0;
    std::set<quint32> dirty_;                 // segments written since the last sync point
    quint32 current_ = 0;
    qint64 currentSize_ = 0;        // bytes in the current segment, buffered ones included
    qint64 bufferStart_ = 0;        // file offset where buffer_ belongs
    QByteArray buffer_;
    QString error_;
    // Read-ahead: a copy of part of a written segment, and where the last record read ended.
    struct ReadBlock {
        quint32 segment = 0;   // 0: holds nothing
        qint64 start = 0;
        QByteArray bytes;
        Position lastEnd;
    } readBlock_;
};

} // namespace warren::store
