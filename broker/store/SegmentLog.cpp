#include "SegmentLog.h"

#include "Crc32c.h"
#include "PrivateFiles.h"

#include <QDir>
#include <QLoggingCategory>
#include <QtEndian>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace warren::store {

namespace {

constexpr qint64 kHeaderSize = 9;              // length, CRC, type
constexpr qint64 kFlushThreshold = 256 * 1024;  // buffered bytes before a write()
const QString kSuffix = QStringLiteral(".wseg");

quint32 recordCrc(quint8 type, QByteArrayView payload)
{
    const char t = char(type);
    return crc32c(payload, crc32c(QByteArrayView(&t, 1)));
}

// pread or pwrite until all is done: either may transfer less than asked, or be interrupted.
template <typename Transfer, typename Pointer>
bool transferAll(Transfer transfer, int fd, Pointer data, qint64 size, qint64 offset)
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

bool writeAll(int fd, const char *data, qint64 size, qint64 offset) { return transferAll(::pwrite, fd, data, size, offset); }
bool readAll(int fd, char *data, qint64 size, qint64 offset) { return transferAll(::pread, fd, data, size, offset); }

} // namespace

SegmentLog::SegmentLog(QString directory, qint64 segmentSize)
    : directory_(std::move(directory)), segmentSize_(segmentSize)
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
        const quint32 length = qFromBigEndian<quint32>(data.constData() + at);
        const quint32 crc = qFromBigEndian<quint32>(data.constData() + at + 4);
        const quint8 type = quint8(data[at + 8]);
        if (qint64(length) > data.size() - at - kHeaderSize)
            break;
        const QByteArrayView payload(data.constData() + at + kHeaderSize, length);
        if (recordCrc(type, payload) != crc)
            break;
        visit(Position{segment, quint32(at)}, type, payload);
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
    if (currentSize_ > 0 && currentSize_ + kHeaderSize + length > segmentSize_) {
        flush();
        if (!startSegment(current_ + 1))
            qCCritical(lcStore) << error_;
    }
    const Position at{current_, quint32(currentSize_)};
    quint32 crc = crc32c(QByteArrayView(reinterpret_cast<const char *>(&type), 1));
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
    if (buffer_.size() >= kFlushThreshold)
        flush();
    return at;
}

void SegmentLog::flush()
{
    if (buffer_.isEmpty())
        return;
    if (!writeAll(fdOf(current_), buffer_.constData(), buffer_.size(), bufferStart_))
        qCCritical(lcStore) << "cannot write to" << pathOf(current_) << ":" << std::strerror(errno);
    bufferStart_ += buffer_.size();
    buffer_.resize(0);
}

SegmentLog::SyncPoint SegmentLog::syncPoint()
{
    flush();
    SyncPoint point;
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
        ok = ok && fd >= 0 && ::fdatasync(fd) == 0;
        if (fd >= 0)
            ::close(fd);
    }
    point.fds.clear();
    return ok;
}

QByteArray SegmentLog::read(Position at, quint8 *type)
{
    if (at.segment == current_ && at.offset >= bufferStart_)
        flush();
    const int fd = segments_.count(at.segment) ? fdOf(at.segment) : -1;
    char header[kHeaderSize];
    if (fd < 0 || !readAll(fd, header, kHeaderSize, at.offset))
        return {};
    const quint32 length = qFromBigEndian<quint32>(header);
    QByteArray payload(qsizetype(length), Qt::Uninitialized);
    if (!readAll(fd, payload.data(), length, qint64(at.offset) + kHeaderSize)
        || recordCrc(quint8(header[8]), payload) != qFromBigEndian<quint32>(header + 4))
        return {};
    if (type)
        *type = quint8(header[8]);
    return payload;
}

void SegmentLog::removeSegment(quint32 segment)
{
    if (segment == current_)
        return;
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
