#include "SegmentLog.h"

#include "Crc32c.h"
#include "PrivateFiles.h"

#include <QDir>
#include <QLoggingCategory>
#include <QtEndian>

#include <cerrno>
#include <optional>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace warren::store {

namespace {

constexpr qint64 kHeaderSize = 9;              // length, CRC, type
constexpr qint64 kFlushThreshold = 256 * 1024;  // buffered bytes before a write()
constexpr qint64 kReadAhead = 256 * 1024;       // bytes read at once when reads go in order
const QString kSuffix = QStringLiteral(".wseg");

// The CRC of a record covers where it lies (segment and offset), so that a valid record
// copied elsewhere (a message body that embeds one) never passes for a record of the log
// when recovery searches for the next one after damage. Records of an older Warren were
// summed without the position: those are still accepted where a scan expects a record.
quint32 recordCrcSeed(SegmentLog::Position at, quint8 type)
{
    char seed[9];
    qToBigEndian(at.segment, seed);
    qToBigEndian(at.offset, seed + 4);
    seed[8] = char(type);
    return crc32c(QByteArrayView(seed, sizeof seed));
}

quint32 recordCrc(SegmentLog::Position at, quint8 type, QByteArrayView payload)
{
    return crc32c(payload, recordCrcSeed(at, type));
}

quint32 legacyRecordCrc(quint8 type, QByteArrayView payload)
{
    const char t = char(type);
    return crc32c(payload, crc32c(QByteArrayView(&t, 1)));
}

bool matchesCrc(SegmentLog::Position at, quint8 type, QByteArrayView payload, quint32 crc, bool legacyToo = true)
{
    return recordCrc(at, type, payload) == crc || (legacyToo && legacyRecordCrc(type, payload) == crc);
}

// A record whose header starts `from` bytes into `data`, when all of it is there.
struct RecordView {
    QByteArrayView payload;
    quint8 type;
    quint32 crc;
};
std::optional<RecordView> recordIn(QByteArrayView data, qint64 from)
{
    if (from < 0 || from + kHeaderSize > data.size())
        return std::nullopt;
    const char *header = data.constData() + from;
    const quint32 length = qFromBigEndian<quint32>(header);
    if (qint64(length) > data.size() - from - kHeaderSize)
        return std::nullopt;
    return RecordView{QByteArrayView(header + kHeaderSize, length), quint8(header[8]),
                      qFromBigEndian<quint32>(header + 4)};
}

// A record is valid at `at` within `data`: complete, and its CRC matches.
bool isRecordAt(QByteArrayView data, SegmentLog::Position at, bool legacyToo)
{
    const std::optional<RecordView> r = recordIn(data, at.offset);
    return r && matchesCrc(at, r->type, r->payload, r->crc, legacyToo);
}

// Where the next valid record after damage starts, searched byte by byte. Cheap tests come
// first (the claimed length fits, and so does the next header's), and the CRC work is
// capped: a segment of random garbage is cut off, as before, rather than scanned for hours.
std::optional<qint64> nextRecordAfter(QByteArrayView data, quint32 segment, qint64 from)
{
    const qint64 end = data.size();
    qint64 budget = 16 * end + (1 << 20);
    for (qint64 p = from; p + kHeaderSize <= end && budget > 0; ++p) {
        const qint64 next = p + kHeaderSize + qFromBigEndian<quint32>(data.constData() + p);
        if (next > end)
            continue;
        if (next + kHeaderSize <= end && next + kHeaderSize + qFromBigEndian<quint32>(data.constData() + next) > end)
            continue;
        budget -= next - p;
        if (isRecordAt(data, SegmentLog::Position{segment, quint32(p)}, false))
            return p;
    }
    return std::nullopt;
}

// pread or pwrite until all is done: either may transfer less than asked, or be interrupted.
template <typename Transfer, typename Pointer>
bool transferAll(const Transfer &transfer, int fd, Pointer data, qint64 size, qint64 offset)
{
    while (size > 0) {
        const ssize_t n = transfer(fd, data, size_t(size), offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= n;
        offset += n;
    }
    return true;
}

bool writeAll(DiskIo &io, int fd, const char *data, qint64 size, qint64 offset)
{
    const auto write = [&io](int f, const char *d, size_t n, off_t o) { return io.write(f, d, n, o); };
    return fd >= 0 && transferAll(write, fd, data, size, offset);
}
bool readAll(int fd, char *data, qint64 size, qint64 offset) { return transferAll(::pread, fd, data, size, offset); }

// As much as there is of `size` bytes (less at the end of the file); -1 on an error.
qint64 readUpTo(int fd, char *data, qint64 size, qint64 offset)
{
    qint64 done = 0;
    while (done < size) {
        const ssize_t n = ::pread(fd, data + done, size_t(size - done), offset + done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        done += n;
    }
    return done;
}

} // namespace

SegmentLog::SegmentLog(QString directory, qint64 segmentSize, DiskIo &io)
    : directory_(std::move(directory)), segmentSize_(segmentSize), io_(io)
{
}

SegmentLog::~SegmentLog()
{
    flush();
    for (const auto &[segment, file] : open_)
        ::close(file.fd);
    if (directoryFd_ >= 0)
        ::close(directoryFd_);
}

QString SegmentLog::pathOf(quint32 segment) const
{
    return directory_ + QStringLiteral("/%1").arg(segment, 8, 10, QLatin1Char('0')) + kSuffix;
}

bool SegmentLog::open(const Visitor &visit)
{
    if (!PrivateFiles::makeDirectory(directory_)) {
        error_ = QStringLiteral("cannot create %1, or make it private (0700)").arg(directory_);
        return false;
    }
    directoryFd_ = ::open(QFile::encodeName(directory_).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    quint32 last = 0;
    const QStringList files = QDir(directory_).entryList({QLatin1Char('*') + kSuffix}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        bool ok = false;
        const quint32 segment = file.chopped(kSuffix.size()).toUInt(&ok);
        if (!ok)
            continue;
        segments_.insert(segment);
        const int fd = fdOf(segment);
        if (fd < 0)
            return false;
        PrivateFiles::restrict(fd);   // one an older Warren wrote 0644
        if (!scan(segment, fd, visit))
            return false;
        last = qMax(last, segment);
    }
    // Never append after a repaired tail: new records go to a new segment.
    return startSegment(last + 1);
}

bool SegmentLog::scan(quint32 segment, int fd, const Visitor &visit)
{
    const off_t size = ::lseek(fd, 0, SEEK_END);
    QByteArray data(qsizetype(qMax<off_t>(size, 0)), Qt::Uninitialized);
    if (size > 0 && !readAll(fd, data.data(), size, 0)) {
        error_ = QStringLiteral("cannot read %1").arg(pathOf(segment));
        return false;
    }
    qint64 at = 0;
    while (at + kHeaderSize <= data.size()) {
        if (!isRecordAt(data, Position{segment, quint32(at)}, true)) {
            // Damage in the middle loses only the damaged record(s): resume at the next one.
            const std::optional<qint64> next = nextRecordAfter(data, segment, at + 1);
            if (!next)
                break;
            qCWarning(lcStore).noquote() << QStringLiteral("%1: damaged record at offset %2; skipped %3 bytes to the "
                                                           "next valid record")
                                                .arg(pathOf(segment))
                                                .arg(at)
                                                .arg(*next - at);
            at = *next;
        }
        const quint32 length = qFromBigEndian<quint32>(data.constData() + at);
        const QByteArrayView payload(data.constData() + at + kHeaderSize, length);
        visit(Position{segment, quint32(at)}, quint8(data[at + 8]), payload);
        at += kHeaderSize + length;
    }
    if (at < data.size()) {
        qCWarning(lcStore).noquote() << QStringLiteral("%1: damaged or incomplete record at offset %2; dropping the "
                                                       "last %3 bytes of this segment")
                                            .arg(pathOf(segment))
                                            .arg(at)
                                            .arg(data.size() - at);
        if (::ftruncate(fd, at) != 0)
            qCWarning(lcStore) << "cannot truncate" << pathOf(segment);
    }
    return true;
}

bool SegmentLog::startSegment(quint32 segment)
{
    const int fd = ::open(QFile::encodeName(pathOf(segment)).constData(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0 || !PrivateFiles::restrict(fd)) {
        error_ = QStringLiteral("cannot create %1: %2").arg(pathOf(segment), QString::fromLocal8Bit(std::strerror(errno)));
        if (fd >= 0)
            ::close(fd);
        return false;
    }
    segments_.insert(segment);
    open_[segment] = OpenSegment{fd, ++uses_};
    current_ = segment;
    currentSize_ = 0;
    bufferStart_ = 0;
    directoryDirty_ = true;
    return true;
}

SegmentLog::Position SegmentLog::append(quint8 type, std::initializer_list<QByteArrayView> parts)
{
    qint64 length = 0;
    for (QByteArrayView p : parts)
        length += p.size();
    // A record never spans segments; one larger than a segment gets a segment of its own.
    // While writes fail, the current segment grows instead: its buffer belongs to it.
    if (currentSize_ > 0 && currentSize_ + kHeaderSize + length > segmentSize_ && !writeFailing_ && flush()) {
        if (!startSegment(current_ + 1))
            qCCritical(lcStore) << error_;
    }
    const Position at{current_, quint32(currentSize_)};
    quint32 crc = recordCrcSeed(at, type);
    for (QByteArrayView p : parts)
        crc = crc32c(p, crc);
    char header[kHeaderSize];
    qToBigEndian(quint32(length), header);
    qToBigEndian(crc, header + 4);
    header[8] = char(type);
    buffer_.append(header, kHeaderSize);
    for (QByteArrayView p : parts)
        buffer_.append(p);
    currentSize_ += kHeaderSize + length;
    dirty_.insert(current_);
    if (buffer_.size() >= kFlushThreshold && !writeFailing_)   // a failing disk is retried by the owner
        flush();
    return at;
}

bool SegmentLog::flush()
{
    if (buffer_.isEmpty())
        return true;
    // Written again whole after a failure: pwrite at the same offsets is idempotent.
    if (!writeAll(io_, fdOf(current_), buffer_.constData(), buffer_.size(), bufferStart_)) {
        if (!writeFailing_)
            qCCritical(lcStore).noquote() << QStringLiteral("cannot write to %1: %2; %3 bytes of records are kept "
                                                            "in memory and written again")
                                                 .arg(pathOf(current_), QString::fromLocal8Bit(std::strerror(errno)))
                                                 .arg(buffer_.size());
        writeFailing_ = true;
        return false;
    }
    if (writeFailing_)
        qCWarning(lcStore) << "writing to the message store succeeds again";
    writeFailing_ = false;
    bufferStart_ += buffer_.size();
    buffer_.resize(0);
    return true;
}

std::optional<SegmentLog::SyncPoint> SegmentLog::syncPoint()
{
    if (!flush())
        return std::nullopt;
    SyncPoint point{{}, &io_};
    for (quint32 segment : dirty_) {
        if (auto it = open_.find(segment); it != open_.end())
            point.fds.push_back(::dup(it->second.fd));
    }
    dirty_.clear();
    if (directoryDirty_ && directoryFd_ >= 0)
        point.fds.push_back(::dup(directoryFd_));   // new segment files must be found after a crash
    directoryDirty_ = false;
    return point;
}

bool SegmentLog::sync(SyncPoint &point)
{
    bool ok = true;
    for (int fd : point.fds) {
        ok = ok && fd >= 0 && point.io->sync(fd) == 0;
        if (fd >= 0)
            ::close(fd);
    }
    point.fds.clear();
    return ok;
}

// A record still in the buffer (not yet written, or not writable now).
QByteArrayView SegmentLog::readBuffered(Position at, quint8 *type) const
{
    const std::optional<RecordView> r = recordIn(buffer_, qint64(at.offset) - bufferStart_);
    if (!r)
        return {};
    if (type)
        *type = r->type;
    return r->payload;
}

// The record, when the read-ahead block holds all of it and it checks out.
QByteArrayView SegmentLog::readFromBlock(Position at, quint8 *type) const
{
    if (at.segment != readBlock_.segment)
        return {};
    const std::optional<RecordView> r = recordIn(readBlock_.bytes, qint64(at.offset) - readBlock_.start);
    if (!r || !matchesCrc(at, r->type, r->payload, r->crc))
        return {};
    if (type)
        *type = r->type;
    return r->payload;
}

// Reads the record at `at` into the block: with whatever follows it, up to the read-ahead,
// when the reads go through the segment in order; otherwise the record alone.
bool SegmentLog::fillBlock(Position at, int fd)
{
    ReadBlock &block = readBlock_;
    block.segment = 0;
    const qint64 first = at == block.lastEnd ? kReadAhead : kHeaderSize;
    block.bytes.resize(first);
    const qint64 got = readUpTo(fd, block.bytes.data(), first, at.offset);
    if (got < kHeaderSize)
        return false;
    const qint64 recordSize = kHeaderSize + qFromBigEndian<quint32>(block.bytes.constData());
    block.bytes.resize(qMax(got, recordSize));
    if (recordSize > got && !readAll(fd, block.bytes.data() + got, recordSize - got, qint64(at.offset) + got))
        return false;
    block.segment = at.segment;
    block.start = at.offset;
    return true;
}

QByteArrayView SegmentLog::readView(Position at, quint8 *type)
{
    if (at.segment == current_ && at.offset >= bufferStart_)
        return readBuffered(at, type);
    // Not in the block, or the block's copy does not check out: from the file.
    QByteArrayView payload = readFromBlock(at, type);
    if (payload.isNull()) {
        const int fd = segments_.count(at.segment) ? fdOf(at.segment) : -1;
        if (fd < 0 || !fillBlock(at, fd))
            return {};
        payload = readFromBlock(at, type);
    }
    if (!payload.isNull())
        readBlock_.lastEnd = Position{at.segment, quint32(at.offset + kHeaderSize + payload.size())};
    return payload;
}

QByteArray SegmentLog::read(Position at, quint8 *type)
{
    return readView(at, type).toByteArray();
}

void SegmentLog::removeSegment(quint32 segment)
{
    if (segment == current_)
        return;
    if (readBlock_.segment == segment)
        readBlock_ = {};
    if (auto it = open_.find(segment); it != open_.end()) {
        ::close(it->second.fd);
        open_.erase(it);
    }
    segments_.erase(segment);
    dirty_.erase(segment);
    ::unlink(QFile::encodeName(pathOf(segment)).constData());
    directoryDirty_ = true;
}

int SegmentLog::fdOf(quint32 segment)
{
    if (auto it = open_.find(segment); it != open_.end()) {
        it->second.lastUse = ++uses_;
        return it->second.fd;
    }
    closeIdleSegments(kMaxOpenSegments - 1);
    const int fd = ::open(QFile::encodeName(pathOf(segment)).constData(), O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        error_ = QStringLiteral("cannot open %1: %2").arg(pathOf(segment), QString::fromLocal8Bit(std::strerror(errno)));
        qCWarning(lcStore).noquote() << error_;
        return -1;
    }
    open_[segment] = OpenSegment{fd, ++uses_};
    return fd;
}

// Closes the least recently used segments until at most `keep` are open, never the current
// one nor one whose writes still await an fsync (its descriptor goes into the next sync point).
void SegmentLog::closeIdleSegments(std::size_t keep)
{
    while (open_.size() > keep) {
        auto victim = open_.end();
        for (auto it = open_.begin(); it != open_.end(); ++it) {
            if (it->first != current_ && !dirty_.count(it->first)
                && (victim == open_.end() || it->second.lastUse < victim->second.lastUse))
                victim = it;
        }
        if (victim == open_.end())
            return;
        ::close(victim->second.fd);
        open_.erase(victim);
    }
}

} // namespace warren::store
