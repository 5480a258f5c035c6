// Unit tests of store::crc32c, the checksum of every segment log record.
//
// Concerns:
//  - known CRC-32C vectors (RFC 3720 B.4 and the usual check value)
//  - incremental use: crc32c(b, crc32c(a)) == crc32c(a + b) for every split point, and for
//    many small chunks
//  - agreement with a bit-by-bit reference implementation written here, over lengths and
//    start alignments that exercise the 8-byte steps and the byte tail. The API picks the
//    hardware (SSE 4.2) or the table path itself, so only the one this CPU takes is reached
//    (hardware on any x86-64 of the last fifteen years); the reference stands in for the
//    other.

#include "store/Crc32c.h"

#include <QtTest/QTest>

using warren::store::crc32c;

namespace {

quint32 reference(QByteArrayView data)
{
    quint32 crc = 0xFFFFFFFF;
    for (char c : data) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc & 1) ? (crc >> 1) ^ 0x82F63B78 : crc >> 1;
    }
    return ~crc;
}

// Deterministic bytes that are not a simple pattern.
QByteArray noise(qsizetype size, quint32 seed = 1)
{
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i) {
        seed = seed * 1103515245 + 12345;
        out[i] = char(seed >> 16);
    }
    return out;
}

} // namespace

class TestCrc32c : public QObject {
    Q_OBJECT
private slots:
    void knownVectors_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<quint32>("crc");
        QTest::newRow("empty") << QByteArray() << quint32(0);
        QTest::newRow("123456789") << QByteArray("123456789") << quint32(0xE3069283);
        QTest::newRow("32 zeros") << QByteArray(32, '\0') << quint32(0x8A9136AA);
        QTest::newRow("32 x 0xFF") << QByteArray(32, '\xFF') << quint32(0x62A8AB43);
        QByteArray ascending(32, Qt::Uninitialized);
        for (int i = 0; i < 32; ++i)
            ascending[i] = char(i);
        QTest::newRow("0..31") << ascending << quint32(0x46DD794E);
    }
    void knownVectors()
    {
        QFETCH(QByteArray, data);
        QFETCH(quint32, crc);
        QCOMPARE(crc32c(data), crc);
        QCOMPARE(reference(data), crc);   // the reference itself is right
    }

    void incrementalEqualsOneShot()
    {
        const QByteArray data = noise(100);
        const quint32 whole = crc32c(data);
        for (qsizetype split = 0; split <= data.size(); ++split) {
            const quint32 first = crc32c(QByteArrayView(data).first(split));
            QCOMPARE(crc32c(QByteArrayView(data).sliced(split), first), whole);
        }
        // Many uneven chunks, as SegmentLog::append feeds type byte, head and body.
        quint32 running = 0;
        for (qsizetype at = 0, step = 1; at < data.size(); at += step, step = step % 11 + 1)
            running = crc32c(QByteArrayView(data).sliced(at, qMin(step, data.size() - at)), running);
        QCOMPARE(running, whole);
        // An empty chunk changes nothing.
        QCOMPARE(crc32c(QByteArrayView(), whole), whole);
    }

    void matchesReferenceAtAnyLengthAndAlignment()
    {
        const QByteArray data = noise(300, 7);
        for (qsizetype start = 0; start < 8; ++start) {
            for (qsizetype length = 0; start + length <= 300; length += (length < 40 ? 1 : 37)) {
                const QByteArrayView slice = QByteArrayView(data).sliced(start, length);
                if (crc32c(slice) != reference(slice))
                    QFAIL(qPrintable(QStringLiteral("start %1 length %2").arg(start).arg(length)));
            }
        }
    }

    void detectsSingleBitChanges()
    {
        const QByteArray data = noise(64, 3);
        const quint32 crc = crc32c(data);
        for (qsizetype i = 0; i < data.size(); ++i) {
            QByteArray changed = data;
            changed[i] = char(changed[i] ^ 0x10);
            QVERIFY(crc32c(changed) != crc);
        }
    }
};

QTEST_APPLESS_MAIN(TestCrc32c)
#include "tst_crc32c.moc"
