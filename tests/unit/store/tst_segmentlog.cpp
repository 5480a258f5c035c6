// Unit tests of store::SegmentLog: framing, segments, and recovery from damaged files.
//
// Concerns:
//  - records come back, in order, with their type, payload and position, both from read()
//    (also while still buffered) and from the scan of open(); multi-part appends
//  - open() never appends to an existing segment: a new one is started each time
//  - a record that does not fit goes to the next segment; one larger than a segment gets a
//    segment of its own
//  - a torn tail (file cut at several offsets, inside a header, inside a payload, inside an
//    earlier record) is cut back to the last whole record, with a warning giving the
//    offset and the bytes dropped; the records before it are intact; the repaired log
//    takes new records and opens cleanly afterwards
//  - a bit flipped in the last record's length, CRC, type or payload drops that record only
//  - a bit flipped in a middle record (payload, length, CRC) of an older segment loses that
//    record only: the scan resumes at the next valid record, with a warning, and the file is
//    left as it is; a record embedded in a message body is not taken for a record of the
//    log (the CRC covers the record's position); records an older Warren summed without the
//    position still read
//  - zero-length segment files, garbage, a header claiming a huge length, stray *.wseg
//    names that are not numbers
//  - reads in order (served from a read-ahead block), backwards and skipping, across
//    segments and past a record larger than the read-ahead, give every record back
//  - removeSegment() deletes the file (never the current segment); sync points cover the
//    segments written and the directory once

#include "StoreTestSupport.h"
#include "store/Crc32c.h"
#include "store/SegmentLog.h"

#include <QtEndian>

#include <QTemporaryDir>
#include <QtTest/QTest>

using warren::store::SegmentLog;
using namespace storetest;

namespace {

struct Record {
    SegmentLog::Position at;
    quint8 type = 0;
    QByteArray payload;
    friend bool operator==(const Record &, const Record &) = default;
};

QList<Record> openLog(SegmentLog &log)
{
    QList<Record> seen;
    const bool ok = log.open([&](SegmentLog::Position at, quint8 type, QByteArrayView payload) {
        seen.append({at, type, payload.toByteArray()});
    });
    if (!ok)
        qWarning() << "open failed:" << log.errorString();
    return ok ? seen : QList<Record>{{}};
}

// What a fresh log in `dir` gives back after these payloads were appended (types 1, 2, ...).
QList<Record> writeLog(const QString &dir, const QList<QByteArray> &payloads, qint64 segmentSize = 1 << 20)
{
    SegmentLog log(dir, segmentSize);
    openLog(log);
    QList<Record> written;
    for (const QByteArray &p : payloads) {
        const quint8 type = quint8(written.size() + 1);
        written.append({log.append(type, {p}), type, p});
    }
    return written;
}

QList<Record> reopen(const QString &dir, qint64 segmentSize = 1 << 20)
{
    SegmentLog log(dir, segmentSize);
    return openLog(log);
}

const QList<QByteArray> kPayloads{QByteArray(10, 'a'), QByteArray(), QByteArray(30, 'c'), QByteArray("dddd\0ddd", 8),
                                  QByteArray(20, 'e')};

qint64 endOf(const Record &r) { return qint64(r.at.offset) + 9 + r.payload.size(); }

} // namespace

namespace QTest {
template <> char *toString(const Record &r)
{
    return qstrdup(QByteArray("{" + QByteArray::number(r.at.segment) + ":" + QByteArray::number(r.at.offset) + " type "
                              + QByteArray::number(r.type) + " " + r.payload.toHex() + "}")
                       .constData());
}
} // namespace QTest

class TestSegmentLog : public QObject {
    Q_OBJECT
private slots:
    void appendReadAndReopen()
    {
        QTemporaryDir dir;
        QList<Record> written;
        {
            SegmentLog log(dir.path(), 1 << 20);
            QCOMPARE(openLog(log), QList<Record>{});
            QCOMPARE(log.currentSegment(), 1u);
            for (const QByteArray &p : kPayloads) {
                const quint8 type = quint8(100 + written.size());
                written.append({log.append(type, {p}), type, p});
                // Still in the log's buffer: read() must find it all the same.
                quint8 readType = 0;
                QCOMPARE(log.read(written.last().at, &readType), p);
                QCOMPARE(readType, type);
            }
            const SegmentLog::Position multi = log.append(7, {"ab", "", "cd", QByteArray(3, '\0')});
            written.append({multi, 7, QByteArray("abcd\0\0\0", 7)});
            QCOMPARE(log.read(multi), written.last().payload);
            // Records follow each other: header (9 bytes) + payload.
            for (qsizetype i = 1; i < written.size(); ++i)
                QCOMPARE(qint64(written[i].at.offset), endOf(written[i - 1]));
            QCOMPARE(written.first().at, (SegmentLog::Position{1, 0}));
        }
        StoreWarnings warnings;
        QCOMPARE(reopen(dir.path()), written);
        QCOMPARE(warnings.messages(), QStringList{});
        QCOMPARE(QFileInfo(segmentPath(dir.path(), 1)).size(), endOf(written.last()));
    }

    void reopenStartsNewSegment()
    {
        QTemporaryDir dir;
        writeLog(dir.path(), {"one"});
        SegmentLog log(dir.path(), 1 << 20);
        QCOMPARE(openLog(log).size(), 1);
        QCOMPARE(log.currentSegment(), 2u);
        QCOMPARE(log.segments(), (QList<quint32>{1, 2}));
        const qint64 before = QFileInfo(segmentPath(dir.path(), 1)).size();
        QCOMPARE(log.append(1, {"two"}), (SegmentLog::Position{2, 0}));
        log.flush();
        QCOMPARE(QFileInfo(segmentPath(dir.path(), 1)).size(), before);
        QCOMPARE(QFileInfo(segmentPath(dir.path(), 2)).size(), 9 + 3);
    }

    void rollsOverToNextSegment()
    {
        QTemporaryDir dir;
        SegmentLog log(dir.path(), 100);
        openLog(log);
        const QByteArray p(21, 'x');   // 30 bytes a record: three fit in 100
        QCOMPARE(log.append(1, {p}), (SegmentLog::Position{1, 0}));
        QCOMPARE(log.append(1, {p}), (SegmentLog::Position{1, 30}));
        QCOMPARE(log.append(1, {p}), (SegmentLog::Position{1, 60}));
        QCOMPARE(log.append(1, {p}), (SegmentLog::Position{2, 0}));
        // Too large for any segment: alone in a new one, and the next record moves on.
        const QByteArray big(500, 'B');
        const SegmentLog::Position bigAt = log.append(2, {big});
        QCOMPARE(bigAt, (SegmentLog::Position{3, 0}));
        QCOMPARE(log.append(1, {p}), (SegmentLog::Position{4, 0}));
        QCOMPARE(log.read(bigAt), big);
        QCOMPARE(log.segments(), (QList<quint32>{1, 2, 3, 4}));
    }

    void tornTail_data()
    {
        QTest::addColumn<int>("cutInRecord");   // index of the record the cut falls into
        QTest::addColumn<int>("bytesIntoRecord");
        QTest::newRow("1 byte of the last header") << 4 << 1;
        QTest::newRow("last header minus 1") << 4 << 8;
        QTest::newRow("last header, no payload") << 4 << 9;
        QTest::newRow("middle of the last payload") << 4 << 19;
        QTest::newRow("last payload minus 1") << 4 << 28;
        QTest::newRow("inside record 3") << 2 << 15;
        QTest::newRow("inside the first record") << 0 << 4;
    }
    void tornTail()
    {
        QFETCH(int, cutInRecord);
        QFETCH(int, bytesIntoRecord);
        QTemporaryDir dir;
        const QList<Record> written = writeLog(dir.path(), kPayloads);
        const QString file = segmentPath(dir.path(), 1);
        const qint64 goodEnd = written[cutInRecord].at.offset;
        QVERIFY(truncateFile(file, goodEnd + bytesIntoRecord));

        {
            StoreWarnings warnings;
            QCOMPARE(reopen(dir.path()), written.first(cutInRecord));
            QCOMPARE(warnings.messages(), QStringList{truncationWarning(file, goodEnd, bytesIntoRecord)});
        }
        QCOMPARE(QFileInfo(file).size(), goodEnd);

        // Repaired: the next run appends to a new segment, and the one after sees it all cleanly.
        Record added;
        {
            SegmentLog log(dir.path(), 1 << 20);
            QCOMPARE(openLog(log).size(), cutInRecord);
            added = {log.append(9, {"after"}), 9, "after"};
        }
        QCOMPARE(added.at, (SegmentLog::Position{3, 0}));   // segment 2 was started by the repairing run
        StoreWarnings warnings;
        QCOMPARE(reopen(dir.path()), written.first(cutInRecord) << added);
        QCOMPARE(warnings.messages(), QStringList{});
    }

    void damagedLastRecord_data()
    {
        QTest::addColumn<int>("byte");   // into the last record: 0-3 length, 4-7 CRC, 8 type, 9- payload
        QTest::addColumn<int>("bit");
        QTest::newRow("length, low bit") << 3 << 0;
        QTest::newRow("length, high bit") << 0 << 7;
        QTest::newRow("length, shorter") << 3 << 2;   // 20 -> 16: complete, but the CRC fails
        QTest::newRow("crc") << 5 << 3;
        QTest::newRow("type") << 8 << 1;
        QTest::newRow("first payload byte") << 9 << 0;
        QTest::newRow("last payload byte") << 28 << 6;
    }
    void damagedLastRecord()
    {
        QFETCH(int, byte);
        QFETCH(int, bit);
        QTemporaryDir dir;
        const QList<Record> written = writeLog(dir.path(), kPayloads);
        const QString file = segmentPath(dir.path(), 1);
        const Record &last = written.last();
        QCOMPARE(last.payload.size(), 20);
        QVERIFY(flipBit(file, last.at.offset + byte, bit));

        StoreWarnings warnings;
        QCOMPARE(reopen(dir.path()), written.first(written.size() - 1));
        QCOMPARE(warnings.messages(), QStringList{truncationWarning(file, last.at.offset, 29)});
        QCOMPARE(QFileInfo(file).size(), qint64(last.at.offset));
    }

    void damagedMiddleRecord_data()
    {
        QTest::addColumn<int>("byte");
        QTest::newRow("payload") << 9 + 12;
        QTest::newRow("length") << 3;
        QTest::newRow("crc") << 7;
    }
    void damagedMiddleRecord()
    {
        QFETCH(int, byte);
        QTemporaryDir dir;
        const QList<Record> first = writeLog(dir.path(), kPayloads);   // segment 1
        QList<Record> second;                                          // segment 2, a later run
        {
            SegmentLog log(dir.path(), 1 << 20);
            openLog(log);
            for (const QByteArray &p : {QByteArray("later-1"), QByteArray("later-2")})
                second.append({log.append(42, {p}), 42, p});
        }
        const QString file = segmentPath(dir.path(), 1);
        const Record &damaged = first[2];
        QVERIFY(flipBit(file, damaged.at.offset + byte, 1));

        StoreWarnings warnings;
        const QList<Record> seen = reopen(dir.path());
        QCOMPARE(seen, first.first(2) + first.mid(3) + second);
        QCOMPARE(warnings.messages(), QStringList{QStringLiteral("%1: damaged record at offset %2; skipped %3 bytes to the "
                                                                 "next valid record")
                                                      .arg(file)
                                                      .arg(damaged.at.offset)
                                                      .arg(9 + damaged.payload.size())});
        QCOMPARE(QFileInfo(file).size(), endOf(first.last()));
    }

    void embeddedRecordIsNotTakenForOne()
    {
        QTemporaryDir dir;
        QByteArray inner;   // a whole record of another log, as a message body may carry
        {
            QTemporaryDir other;
            writeLog(other.path(), {QByteArray("forged")});
            inner = readFile(segmentPath(other.path(), 1));
        }
        const QList<Record> written = writeLog(dir.path(), {QByteArray("a"), "x" + inner + "y", QByteArray("c")});
        QVERIFY(flipBit(segmentPath(dir.path(), 1), written[1].at.offset + 1));   // the body's length
        StoreWarnings warnings;
        QCOMPARE(reopen(dir.path()), (QList<Record>{written[0], written[2]}));
    }

    void recordsWithoutPositionInTheirCrc()
    {
        QTemporaryDir dir;
        QByteArray legacy = QByteArray("\x00\x00\x00\x03\0\0\0\0\x07old", 12);
        const char type = 7;
        const quint32 crc = warren::store::crc32c(QByteArrayView("old"), warren::store::crc32c(QByteArrayView(&type, 1)));
        qToBigEndian(crc, legacy.data() + 4);
        QVERIFY(writeFile(segmentPath(dir.path(), 1), legacy));
        SegmentLog log(dir.path(), 1 << 20);
        QCOMPARE(openLog(log), (QList<Record>{{{1, 0}, 7, "old"}}));
        QCOMPARE(log.read({1, 0}), QByteArray("old"));
    }

    void emptyAndGarbageFiles()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(segmentPath(dir.path(), 3), {}));
        QByteArray garbage(1000, Qt::Uninitialized);
        for (int i = 0; i < garbage.size(); ++i)
            garbage[i] = char(i * 37 + 11);
        QVERIFY(writeFile(segmentPath(dir.path(), 4), garbage));
        QVERIFY(writeFile(segmentPath(dir.path(), 5), QByteArray(3, '\0')));   // shorter than a header
        // A header that claims 4 GiB: must be seen as incomplete, not allocated.
        QVERIFY(writeFile(segmentPath(dir.path(), 6), QByteArray("\xFF\xFF\xFF\xF0\x00\x00\x00\x00\x01", 9) + "tail"));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("notes.wseg")), "not a segment"));

        StoreWarnings warnings;
        SegmentLog log(dir.path(), 1 << 20);
        QCOMPARE(openLog(log), QList<Record>{});
        QCOMPARE(warnings.messages(), (QStringList{truncationWarning(segmentPath(dir.path(), 4), 0, 1000),
                                                   truncationWarning(segmentPath(dir.path(), 5), 0, 3),
                                                   truncationWarning(segmentPath(dir.path(), 6), 0, 13)}));
        QCOMPARE(log.segments(), (QList<quint32>{3, 4, 5, 6, 7}));
        QCOMPARE(log.currentSegment(), 7u);
        for (quint32 s : {3, 4, 5, 6})
            QCOMPARE(QFileInfo(segmentPath(dir.path(), s)).size(), 0);
        QCOMPARE(readFile(dir.filePath(QStringLiteral("notes.wseg"))), QByteArray("not a segment"));
        // And the log works on.
        const SegmentLog::Position at = log.append(1, {"fine"});
        QCOMPARE(log.read(at), QByteArray("fine"));
    }

    void readRejectsBadPositionsAndDamage()
    {
        QTemporaryDir dir;
        SegmentLog log(dir.path(), 1 << 20);
        openLog(log);
        const SegmentLog::Position a = log.append(1, {"payload-a"});
        const SegmentLog::Position b = log.append(1, {"payload-b"});
        log.flush();
        QCOMPARE(log.read({99, 0}), QByteArray());     // no such segment
        QCOMPARE(log.read({1, 5000}), QByteArray());   // past the end
        QVERIFY(flipBit(segmentPath(dir.path(), 1), a.offset + 9 + 2));   // damaged after open
        quint8 type = 0xEE;
        QCOMPARE(log.read(a, &type), QByteArray());
        QCOMPARE(type, quint8(0xEE));   // untouched on failure
        QCOMPARE(log.read(b), QByteArray("payload-b"));
    }

    void readsInAnyOrder()
    {
        QTemporaryDir dir;
        QList<QByteArray> payloads;
        for (int i = 0; i < 3000; ++i)
            payloads.append(QByteArray::number(i).leftJustified(1 + (i * 37) % 2000, char('a' + i % 26)));
        payloads[1500] = QByteArray(600 << 10, 'L');   // larger than the read-ahead
        const QList<Record> written = writeLog(dir.path(), payloads, 2 << 20);
        QVERIFY(written.last().at.segment > written.first().at.segment);
        SegmentLog log(dir.path(), 2 << 20);
        QCOMPARE(openLog(log).size(), written.size());
        const auto readsBack = [&](qsizetype i) {
            quint8 type = 0;
            const QByteArray payload = log.read(written[i].at, &type);
            if (payload == written[i].payload && type == written[i].type)
                return true;
            qWarning() << "record" << i << "read back as" << payload.size() << "bytes of type" << type;
            return false;
        };
        for (qsizetype i = 0; i < written.size(); ++i)
            QVERIFY(readsBack(i));
        for (qsizetype i = written.size() - 1; i >= 0; --i)
            QVERIFY(readsBack(i));
        for (qsizetype i = 0; i < written.size(); i += 7)
            QVERIFY(readsBack(i));
    }

    void removeSegment()
    {
        QTemporaryDir dir;
        SegmentLog log(dir.path(), 40);
        openLog(log);
        const SegmentLog::Position a = log.append(1, {QByteArray(25, 'a')});
        const SegmentLog::Position b = log.append(1, {QByteArray(25, 'b')});
        const SegmentLog::Position c = log.append(1, {QByteArray(25, 'c')});
        QCOMPARE(log.segments(), (QList<quint32>{1, 2, 3}));
        log.removeSegment(1);
        QVERIFY(!QFile::exists(segmentPath(dir.path(), 1)));
        QCOMPARE(log.segments(), (QList<quint32>{2, 3}));
        QCOMPARE(log.read(a), QByteArray());
        QCOMPARE(log.read(b), QByteArray(25, 'b'));
        log.removeSegment(3);   // the current segment stays
        QVERIFY(QFile::exists(segmentPath(dir.path(), 3)));
        QCOMPARE(log.read(c), QByteArray(25, 'c'));
        log.removeSegment(77);   // unknown: harmless
        QCOMPARE(log.segments(), (QList<quint32>{2, 3}));
    }

    void removedSegmentStaysGone()
    {
        QTemporaryDir dir;
        {
            SegmentLog log(dir.path(), 40);
            openLog(log);
            log.append(1, {QByteArray(25, 'a')});
            log.append(1, {QByteArray(25, 'b')});
            log.removeSegment(1);
        }
        const QList<Record> seen = reopen(dir.path(), 40);
        QCOMPARE(seen.size(), 1);
        QCOMPARE(seen.first().payload, QByteArray(25, 'b'));
        QCOMPARE(segmentFiles(dir.path()), (QStringList{QStringLiteral("00000002.wseg"), QStringLiteral("00000003.wseg")}));
    }

    void syncPointsCoverWhatWasWritten()
    {
        QTemporaryDir dir;
        SegmentLog log(dir.path(), 1 << 20);
        openLog(log);
        log.append(1, {"x"});
        SegmentLog::SyncPoint first = log.syncPoint().value();
        QCOMPARE(first.fds.size(), std::size_t(2));   // the segment, and the directory (new file)
        // syncPoint() hands the buffered record to the OS.
        QCOMPARE(QFileInfo(segmentPath(dir.path(), 1)).size(), 10);
        QVERIFY(SegmentLog::sync(first));
        QVERIFY(first.fds.empty());
        QCOMPARE(log.syncPoint()->fds.size(), std::size_t(0));   // nothing new
        log.append(1, {"y"});
        SegmentLog::SyncPoint second = log.syncPoint().value();
        QCOMPARE(second.fds.size(), std::size_t(1));
        QVERIFY(SegmentLog::sync(second));
    }
};

QTEST_GUILESS_MAIN(TestSegmentLog)
#include "tst_segmentlog.moc"
