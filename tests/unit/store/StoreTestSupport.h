// Helpers shared by the store tests: files of a data directory read, cut and damaged the way
// a crash or a bad disk would, and the store's warnings captured.
#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QList>
#include <QLoggingCategory>
#include <QString>
#include <QStringList>
#include <QtTest/QTest>

namespace storetest {

inline QString segmentPath(const QString &dir, quint32 segment)
{
    return dir + QStringLiteral("/%1.wseg").arg(segment, 8, 10, QLatin1Char('0'));
}

inline QStringList segmentFiles(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral("*.wseg")}, QDir::Files, QDir::Name);
}

// Bytes of all segment files together.
inline qint64 segmentBytes(const QString &dir)
{
    qint64 total = 0;
    for (const QString &f : segmentFiles(dir))
        total += QFileInfo(dir + QLatin1Char('/') + f).size();
    return total;
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// Test helpers return false on failure; wrap them in QVERIFY.
inline bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

inline bool truncateFile(const QString &path, qint64 size)
{
    return QFile::resize(path, size);
}

// Flips one bit in place (without truncating), as bit rot would.
inline bool flipBit(const QString &path, qint64 offset, int bit = 0)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite) || !f.seek(offset))
        return false;
    char c = 0;
    if (!f.getChar(&c) || !f.seek(offset))
        return false;
    return f.putChar(char(c ^ (1 << bit)));
}

// Copies the segment files as they are on disk now: what a process killed at this moment
// (kill -9) would leave behind, since only its user-space buffers are lost.
inline bool copySegments(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    for (const QString &f : segmentFiles(from)) {
        if (!QFile::copy(from + QLatin1Char('/') + f, to + QLatin1Char('/') + f))
            return false;
    }
    return true;
}

// Captures warnings of the "warren.store" category while alive; everything else goes on
// to the previous handler. Not thread-safe: the tests log from one thread.
class StoreWarnings {
public:
    StoreWarnings() { previous_ = qInstallMessageHandler(&StoreWarnings::handle); current_ = this; }
    ~StoreWarnings()
    {
        qInstallMessageHandler(previous_);
        current_ = nullptr;
    }
    StoreWarnings(const StoreWarnings &) = delete;
    StoreWarnings &operator=(const StoreWarnings &) = delete;

    const QStringList &messages() const { return messages_; }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &text)
    {
        if (current_ && type == QtWarningMsg && context.category
            && QByteArrayView(context.category) == QByteArrayView("warren.store")) {
            current_->messages_.append(text);
            return;
        }
        if (current_ && current_->previous_)
            current_->previous_(type, context, text);
    }

    static inline StoreWarnings *current_ = nullptr;
    QtMessageHandler previous_ = nullptr;
    QStringList messages_;
};

// The text SegmentLog logs when it cuts a segment's tail.
inline QString truncationWarning(const QString &path, qint64 offset, qint64 dropped)
{
    return QStringLiteral("%1: damaged or incomplete record at offset %2; dropping the last %3 bytes of this segment")
        .arg(path)
        .arg(offset)
        .arg(dropped);
}

} // namespace storetest
