// Unit tests of framing (protocol/FrameReader, FrameWriter, OutputBuffer).
//
// Concerns:
//  - parseFrame() on a stream of several frames (method, content header, body frames,
//    heartbeat) gives the same frames however the stream is split: one byte at a time, at
//    every two-piece split, at random splits; until a frame is whole it says NeedMore and
//    consumes nothing; payloads are views into the input, not copies
//  - TooLarge is decided from the 7-byte header alone (boundary at frame_max, frame_max 0 =
//    no limit, sizes near 2^32); BadFrameEnd; a frame of unknown type (including a
//    repeated protocol header) is read whole; the raw type and size are reported
//  - FrameWriter: golden bytes for method, content and heartbeat frames; content() splits a
//    body exactly at frame_max - 8 (empty body: header frame only; exactly one frame; one
//    byte over; many frames) and the frames re-parse, within frame_max, to the body
//  - OutputBuffer: commit semantics of the tail, small appends copied and large ones (from
//    kShareThreshold on) queued by reference, gather() limits, consume() across chunk
//    boundaries, reuse after draining, takeAll(), truncate() back to an earlier size (within
//    the tail, across shared chunks, after a partial consume, then appending again), and a
//    randomized run, truncate included, against a plain model

#include "ProtocolTestSupport.h"

#include "protocol/FrameReader.h"
#include "protocol/FrameWriter.h"
#include "protocol/OutputBuffer.h"

#include <QRandomGenerator>
#include <QtTest/QTest>

#include <sys/uio.h>

using namespace warren::amqp;
using warren::test::hex;

namespace {

struct ParsedFrame {
    FrameType type;
    std::uint16_t channel;
    QByteArray payload;
    friend bool operator==(const ParsedFrame &, const ParsedFrame &) = default;
};

QByteArray frameBytes(std::uint8_t type, std::uint16_t channel, const QByteArray &payload, char end = char(kFrameEnd))
{
    QByteArray f;
    ByteWriter w(f);
    w.u8(type);
    w.u16(channel);
    w.u32(std::uint32_t(payload.size()));
    w.raw(payload);
    w.finish();
    f.append(end);
    return f;
}

QByteArray frameBytes(const ParsedFrame &f) { return frameBytes(std::uint8_t(f.type), f.channel, f.payload); }

QByteArray headerPayload(std::uint64_t bodySize, const QByteArray &properties)
{
    QByteArray p;
    ByteWriter w(p);
    w.u16(60);
    w.u16(0);
    w.u64(bodySize);
    w.raw(properties);
    w.finish();
    return p;
}

template <class M> QByteArray methodPayload(const M &m)
{
    QByteArray p;
    ByteWriter w(p);
    encodeMethod(w, m);
    w.finish();
    return p;
}

QByteArray patternBody(qsizetype size)
{
    QByteArray body(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        body[i] = char((i * 131 + i / 251) & 0xff);
    return body;
}

// Feeds pieces one after the other, parsing whole frames as they complete.
struct StreamParser {
    std::uint32_t frameMax;
    QByteArray buffer;
    QList<ParsedFrame> frames;
    bool failed = false;
    QString error;

    void feed(QByteArrayView piece)
    {
        buffer.append(piece);
        for (;;) {
            const FrameParse r = parseFrame(buffer, frameMax);
            if (r.status == FrameStatus::NeedMore) {
                if (r.consumed != 0) {
                    failed = true;
                    error = QStringLiteral("NeedMore consumed %1").arg(r.consumed);
                }
                return;
            }
            if (r.status != FrameStatus::Complete) {
                failed = true;
                error = QStringLiteral("status %1 with %2 bytes buffered").arg(int(r.status)).arg(buffer.size());
                buffer.clear();
                return;
            }
            if (r.frame.payload.data() != buffer.constData() + kFrameHeaderSize) {
                failed = true;
                error = QStringLiteral("payload is not a view into the input");
            }
            frames.append({r.frame.type, r.frame.channel, r.frame.payload.toByteArray()});
            buffer.remove(0, r.consumed);
        }
    }
};

QByteArray gathered(const OutputBuffer &out, int max = 1024)
{
    QList<iovec> iov(max);
    const int n = out.gather(iov.data(), max);
    QByteArray all;
    for (int i = 0; i < n; ++i)
        all.append(static_cast<const char *>(iov[i].iov_base), qsizetype(iov[i].iov_len));
    return all;
}

bool anyChunkAt(const OutputBuffer &out, const char *data, qsizetype len)
{
    iovec iov[1024];
    const int n = out.gather(iov, 1024);
    for (int i = 0; i < n; ++i)
        if (iov[i].iov_base == data && qsizetype(iov[i].iov_len) == len)
            return true;
    return false;
}

bool anyChunkStartsIn(const OutputBuffer &out, const QByteArray &bytes)
{
    iovec iov[1024];
    const int n = out.gather(iov, 1024);
    for (int i = 0; i < n; ++i) {
        const char *base = static_cast<const char *>(iov[i].iov_base);
        if (base >= bytes.constData() && base < bytes.constData() + bytes.size())
            return true;
    }
    return false;
}

// The stream used by the parser tests and the frames it must give.
struct Stream {
    QByteArray bytes;
    QList<ParsedFrame> frames;
};

Stream sampleStream()
{
    const std::uint32_t frameMax = 4096;
    const QByteArray properties = hex("90000a746578742f706c61696e02"); // text/plain, persistent
    const QByteArray body = patternBody(9000);                          // 4088 + 4088 + 824
    const BasicPublish publish{.exchange = "amq.direct", .routingKey = "rk", .mandatory = true};

    OutputBuffer out;
    FrameWriter writer(out);
    writer.setFrameMax(frameMax);
    writer.method(1, publish);
    writer.content(1, properties, body);
    writer.heartbeat();
    writer.method(0, ConnectionCloseOk{});
    writer.content(2, {}, QByteArray());
    writer.method(65535, BasicAck{.deliveryTag = 1});

    Stream s;
    s.frames = {
        {FrameType::Method, 1, methodPayload(publish)},
        {FrameType::Header, 1, headerPayload(9000, properties)},
        {FrameType::Body, 1, body.mid(0, 4088)},
        {FrameType::Body, 1, body.mid(4088, 4088)},
        {FrameType::Body, 1, body.mid(8176)},
        {FrameType::Heartbeat, 0, {}},
        {FrameType::Method, 0, methodPayload(ConnectionCloseOk{})},
        {FrameType::Header, 2, headerPayload(0, hex("0000"))},
        {FrameType::Method, 65535, methodPayload(BasicAck{.deliveryTag = 1})},
    };
    const qsizetype pending = out.size();
    s.bytes = out.takeAll();
    Q_ASSERT(s.bytes.size() == pending);
    return s;
}

} // namespace

class TestFrames : public QObject {
    Q_OBJECT

private slots:
    // parseFrame
    void streamInOnePiece();
    void streamByteAtATime();
    void streamEveryTwoPieceSplit();
    void streamRandomSplits();
    void frameSizeLimit_data();
    void frameSizeLimit();
    void badFrameEnd_data();
    void badFrameEnd();
    void unknownType_data();
    void unknownType();
    void unknownTypeWithHugeSize();

    // FrameWriter
    void goldenFrames();
    void contentSplitting_data();
    void contentSplitting();
    void singleFrameBodyShared();
    void multiFrameBodyShared();
    void drainedTailNotKeptWhenHuge();
    void smallBodyCopied();

    // OutputBuffer
    void tailCommit();
    void appendSharesLargeBytes_data();
    void appendSharesLargeBytes();
    void gatherLimit();
    void consumeAcrossChunks_data();
    void consumeAcrossChunks();
    void appendAfterPartialConsume();
    void drainAndReuse();
    void takeAll();
    void truncateToAMark();
    void randomizedAgainstModel();
};

// ---- parseFrame -----------------------------------------------------------------------------

void TestFrames::streamInOnePiece()
{
    const Stream s = sampleStream();
    QByteArray expected;
    for (const ParsedFrame &f : s.frames)
        expected += frameBytes(f);
    QCOMPARE(s.bytes, expected);

    StreamParser p{4096};
    p.feed(s.bytes);
    QVERIFY2(!p.failed, qPrintable(p.error));
    QCOMPARE(p.frames, s.frames);
    QVERIFY(p.buffer.isEmpty());
}

void TestFrames::streamByteAtATime()
{
    const Stream s = sampleStream();
    StreamParser p{4096};
    for (qsizetype i = 0; i < s.bytes.size(); ++i) {
        p.feed(QByteArrayView(s.bytes).sliced(i, 1));
        if (p.failed)
            QFAIL(qPrintable(QStringLiteral("at byte %1: %2").arg(i).arg(p.error)));
    }
    QCOMPARE(p.frames, s.frames);
    QVERIFY(p.buffer.isEmpty());
}

void TestFrames::streamEveryTwoPieceSplit()
{
    const Stream s = sampleStream();
    for (qsizetype cut = 0; cut <= s.bytes.size(); ++cut) {
        StreamParser p{4096};
        p.feed(QByteArrayView(s.bytes).first(cut));
        p.feed(QByteArrayView(s.bytes).sliced(cut));
        if (p.failed || p.frames != s.frames || !p.buffer.isEmpty())
            QFAIL(qPrintable(QStringLiteral("split at %1: %2").arg(cut).arg(p.error)));
    }
}

void TestFrames::streamRandomSplits()
{
    const Stream s = sampleStream();
    for (quint32 seed = 1; seed <= 50; ++seed) {
        QRandomGenerator rng(seed);
        StreamParser p{4096};
        qsizetype at = 0;
        while (at < s.bytes.size()) {
            const qsizetype n = qMin<qsizetype>(rng.bounded(1, 3000), s.bytes.size() - at);
            p.feed(QByteArrayView(s.bytes).sliced(at, n));
            at += n;
        }
        QVERIFY2(!p.failed, qPrintable(p.error));
        QCOMPARE(p.frames, s.frames);
    }
}

// How far an incoming frame may exceed frame_max: like RabbitMQ (?FRAME_SIZE_FUDGE in
// rabbit_reader), Warren lets the payload alone reach frame_max, for the clients that
// forget the 8 octets of frame overhead.
constexpr std::uint32_t kIncomingSlack = 8;

void TestFrames::frameSizeLimit_data()
{
    QTest::addColumn<uint>("frameMax");
    QTest::addColumn<uint>("payloadSize");
    QTest::addColumn<bool>("tooLarge");

    const std::uint32_t s = kIncomingSlack;
    QTest::newRow("4096: largest payload") << 4096u << 4088u + s << false;
    QTest::newRow("4096: one octet more") << 4096u << 4089u + s << true;
    QTest::newRow("4096: empty payload") << 4096u << 0u << false;
    QTest::newRow("default: largest payload") << kDefaultFrameMax << kDefaultFrameMax - 8 + s << false;
    QTest::newRow("default: one octet more") << kDefaultFrameMax << kDefaultFrameMax - 7 + s << true;
    QTest::newRow("default: 0xffffffff") << kDefaultFrameMax << 0xffffffffu << true;
    QTest::newRow("frame_max 0xffffff00: largest payload") << 0xffffff00u << 0xfffffef8u + s << false;
    QTest::newRow("frame_max 0xffffff00: 0xffffffff") << 0xffffff00u << 0xffffffffu << true;
    QTest::newRow("no limit: 0xffffffff") << 0u << 0xffffffffu << false;
}

void TestFrames::frameSizeLimit()
{
    QFETCH(uint, frameMax);
    QFETCH(uint, payloadSize);
    QFETCH(bool, tooLarge);

    QByteArray header;
    ByteWriter w(header);
    w.u8(3);
    w.u16(7);
    w.u32(payloadSize);
    w.finish();

    // Fewer than seven bytes never decide anything.
    for (qsizetype n = 0; n < header.size(); ++n) {
        const FrameParse r = parseFrame(QByteArrayView(header).first(n), frameMax);
        QCOMPARE(r.status, FrameStatus::NeedMore);
        QCOMPARE(r.consumed, 0);
    }

    // The header alone decides TooLarge, before any payload is buffered.
    FrameParse r = parseFrame(header, frameMax);
    QCOMPARE(r.status, tooLarge ? FrameStatus::TooLarge : FrameStatus::NeedMore);
    QCOMPARE(r.consumed, 0);
    QCOMPARE(r.payloadSize, payloadSize);
    QCOMPARE(r.rawType, std::uint8_t(3));

    if (!tooLarge && payloadSize <= 1 << 20) {
        const QByteArray frame = frameBytes(3, 7, patternBody(payloadSize));
        QCOMPARE(parseFrame(QByteArrayView(frame).chopped(1), frameMax).status, FrameStatus::NeedMore);
        r = parseFrame(frame, frameMax);
        QCOMPARE(r.status, FrameStatus::Complete);
        QCOMPARE(r.consumed, frame.size());
        QCOMPARE(r.frame.type, FrameType::Body);
        QCOMPARE(r.frame.channel, std::uint16_t(7));
        QCOMPARE(r.frame.payload.size(), qsizetype(payloadSize));
    }
}

void TestFrames::badFrameEnd_data()
{
    QTest::addColumn<QByteArray>("frame");

    QTest::newRow("method, end 00") << frameBytes(1, 1, hex("003c0050 0000000000000001 00"), '\0');
    QTest::newRow("body, end cf") << frameBytes(3, 1, "payload", char(0xcf));
    QTest::newRow("heartbeat, end ff") << frameBytes(8, 0, {}, char(0xff));
    // The announced size decides where the end octet is looked for.
    QTest::newRow("size one too small") << frameBytes(3, 1, "abc").replace(6, 1, hex("02")).first(10);
    QTest::newRow("size one too large") << frameBytes(3, 1, "abc").replace(6, 1, hex("04")) + hex("00");
}

void TestFrames::badFrameEnd()
{
    QFETCH(QByteArray, frame);

    QCOMPARE(parseFrame(QByteArrayView(frame).chopped(1), 4096).status, FrameStatus::NeedMore);
    const FrameParse r = parseFrame(frame, 4096);
    QCOMPARE(r.status, FrameStatus::BadFrameEnd);
    QCOMPARE(r.consumed, 0);

    // The same when more frames follow in the buffer.
    const QByteArray more = frame + frameBytes(8, 0, {});
    QCOMPARE(parseFrame(more, 4096).status, FrameStatus::BadFrameEnd);
}

void TestFrames::unknownType_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<int>("rawType");

    for (int t : {0, 4, 5, 6, 7, 9, 0xce, 0xff})
        QTest::addRow("type %d", t) << frameBytes(std::uint8_t(t), 1, "x") << t;
}

void TestFrames::unknownType()
{
    QFETCH(QByteArray, frame);
    QFETCH(int, rawType);

    // An unknown type is read whole, like any frame; the connection refuses it with its payload.
    QCOMPARE(parseFrame(QByteArrayView(frame).first(7), 4096).status, FrameStatus::NeedMore);
    const FrameParse r = parseFrame(frame, 4096);
    QCOMPARE(r.status, FrameStatus::Complete);
    QCOMPARE(r.rawType, std::uint8_t(rawType));
    QCOMPARE(r.consumed, frame.size());
    QCOMPARE(r.frame.payload, QByteArrayView("x"));
    QVERIFY(!isKnownFrameType(r.frame.type));
}

void TestFrames::unknownTypeWithHugeSize()
{
    // The size is judged first, from the header alone: a client that sends the protocol
    // header twice ('A' read as a type, "P\0\0\x09" as a size) or garbage is refused at once.
    QCOMPARE(parseFrame(QByteArray(kProtocolHeader, 8), 4096).status, FrameStatus::TooLarge);
    QCOMPARE(parseFrame(hex("07 0000 ffffffff"), 4096).status, FrameStatus::TooLarge);
}

// ---- FrameWriter ----------------------------------------------------------------------------

void TestFrames::goldenFrames()
{
    OutputBuffer out;
    FrameWriter writer(out);
    QCOMPARE(writer.frameMax(), kDefaultFrameMax);

    writer.heartbeat();
    QCOMPARE(out.takeAll(), hex("08 0000 00000000 ce"));

    writer.method(5, BasicAck{.deliveryTag = 7, .multiple = true});
    QCOMPARE(out.takeAll(), hex("01 0005 0000000d 003c0050 0000000000000007 01 ce"));

    writer.method(0, ConnectionTune{.channelMax = 2047, .frameMax = 131072, .heartbeat = 60});
    QCOMPARE(out.takeAll(), hex("01 0000 0000000c 000a001e 07ff 00020000 003c ce"));

    // Properties from pika: BasicProperties(content_type='text/plain', delivery_mode=2)
    writer.content(1, hex("90000a746578742f706c61696e02"), "hello");
    QCOMPARE(out.takeAll(), hex("02 0001 0000001a 003c 0000 0000000000000005 90000a746578742f706c61696e02 ce"
                                "03 0001 00000005 68656c6c6f ce"));

    // No properties at all still carries an empty flags word.
    writer.content(3, {}, QByteArray());
    QCOMPARE(out.takeAll(), hex("02 0003 0000000e 003c 0000 0000000000000000 0000 ce"));
    QVERIFY(out.isEmpty());
}

void TestFrames::contentSplitting_data()
{
    QTest::addColumn<uint>("frameMax");
    QTest::addColumn<int>("bodySize");
    QTest::addColumn<int>("bodyFrames");

    QTest::newRow("empty body") << 4096u << 0 << 0;
    QTest::newRow("one byte") << 4096u << 1 << 1;
    QTest::newRow("exactly one frame") << 4096u << 4088 << 1;
    QTest::newRow("one byte over") << 4096u << 4089 << 2;
    QTest::newRow("exactly three frames") << 4096u << 3 * 4088 << 3;
    QTest::newRow("three frames and a bit") << 4096u << 3 * 4088 + 5 << 4;
    QTest::newRow("default, exactly one frame") << kDefaultFrameMax << int(kDefaultFrameMax - 8) << 1;
    QTest::newRow("default, 1 MiB") << kDefaultFrameMax << (1 << 20) << 9;
    QTest::newRow("default, small") << kDefaultFrameMax << 100 << 1;
    QTest::newRow("frame_max 100 (below the spec floor)") << 100u << 250 << 3; // 92 + 92 + 66
}

void TestFrames::contentSplitting()
{
    QFETCH(uint, frameMax);
    QFETCH(int, bodySize);
    QFETCH(int, bodyFrames);

    const QByteArray properties = hex("1000 02");
    const QByteArray body = patternBody(bodySize);
    OutputBuffer out;
    FrameWriter writer(out);
    writer.setFrameMax(frameMax);
    writer.content(9, properties, body);
    const qsizetype pending = out.size();
    QCOMPARE(gathered(out).size(), pending);
    const QByteArray wire = out.takeAll();
    QCOMPARE(wire.size(), pending);
    QCOMPARE(wire.size(), qsizetype(8 + 12 + properties.size()) + 8 * bodyFrames + bodySize);

    QByteArrayView rest(wire);
    FrameParse r = parseFrame(rest, frameMax);
    QCOMPARE(r.status, FrameStatus::Complete);
    QVERIFY(r.consumed <= qsizetype(frameMax));
    QCOMPARE(r.frame.type, FrameType::Header);
    QCOMPARE(r.frame.channel, std::uint16_t(9));
    QCOMPARE(r.frame.payload.toByteArray(), headerPayload(std::uint64_t(bodySize), properties));
    rest = rest.sliced(r.consumed);

    const qsizetype maxPayload = qsizetype(frameMax) - 8;
    QByteArray reassembled;
    int frames = 0;
    while (!rest.isEmpty()) {
        r = parseFrame(rest, frameMax);
        QCOMPARE(r.status, FrameStatus::Complete);
        QVERIFY(r.consumed <= qsizetype(frameMax)); // whole frame, header and end octet included
        QCOMPARE(r.frame.type, FrameType::Body);
        QCOMPARE(r.frame.channel, std::uint16_t(9));
        QCOMPARE(r.frame.payload.size(), qMin(maxPayload, bodySize - reassembled.size()));
        reassembled += r.frame.payload.toByteArray();
        rest = rest.sliced(r.consumed);
        ++frames;
    }
    QCOMPARE(frames, bodyFrames);
    QCOMPARE(reassembled, body);
}

void TestFrames::multiFrameBodyShared()
{
    // A body larger than frame_max goes out as slices of the one shared body, not copies.
    const QByteArray body = patternBody(3 * 131064 + 5000);
    OutputBuffer out;
    FrameWriter writer(out);
    writer.setFrameMax(131072);
    writer.content(1, hex("0000"), body);
    for (qsizetype offset = 0; offset < body.size(); offset += 131064) {
        const qsizetype len = qMin<qsizetype>(131064, body.size() - offset);
        QVERIFY2(anyChunkAt(out, body.constData() + offset, len), qPrintable(QString::number(offset)));
    }
    QByteArray expected = frameBytes(2, 1, headerPayload(std::uint64_t(body.size()), hex("0000")));
    for (qsizetype offset = 0; offset < body.size(); offset += 131064)
        expected += frameBytes(3, 1, body.mid(offset, 131064));
    QCOMPARE(gathered(out), expected);
}

void TestFrames::drainedTailNotKeptWhenHuge()
{
    // A burst of small frames grows the tail; once written, its memory is let go.
    OutputBuffer out;
    for (int i = 0; i < 100000; ++i)
        out.append(QByteArray(20, 'x'));
    QVERIFY(out.size() > OutputBuffer::kSpareCapacity);
    out.consume(out.size());
    QVERIFY(out.isEmpty());
    QVERIFY(out.tail().capacity() <= OutputBuffer::kSpareCapacity);
}

void TestFrames::singleFrameBodyShared()
{
    // A body that fits one frame and is at least kShareThreshold long is queued by reference.
    for (const qsizetype size : {OutputBuffer::kShareThreshold, qsizetype(100000), qsizetype(kDefaultFrameMax - 8)}) {
        const QByteArray body = patternBody(size);
        OutputBuffer out;
        FrameWriter writer(out);
        writer.content(1, hex("0000"), body);
        writer.method(1, BasicAck{.deliveryTag = 1});
        QVERIFY2(anyChunkAt(out, body.constData(), body.size()), qPrintable(QString::number(size)));

        QByteArray expected = frameBytes(2, 1, headerPayload(std::uint64_t(size), hex("0000")));
        expected += frameBytes(3, 1, body);
        expected += frameBytes(1, 1, hex("003c0050 0000000000000001 00"));
        QCOMPARE(gathered(out), expected);
        QCOMPARE(out.takeAll(), expected);
    }

    // One body delivered to many consumers is still only one copy.
    const QByteArray body = patternBody(50000);
    OutputBuffer out;
    FrameWriter writer(out);
    for (int consumer = 0; consumer < 10; ++consumer)
        writer.content(std::uint16_t(consumer + 1), hex("0000"), body);
    iovec iov[64];
    const int n = out.gather(iov, 64);
    int shared = 0;
    for (int i = 0; i < n; ++i)
        shared += iov[i].iov_base == body.constData();
    QCOMPARE(shared, 10);
}

void TestFrames::smallBodyCopied()
{
    const QByteArray body = patternBody(OutputBuffer::kShareThreshold - 1);
    OutputBuffer out;
    FrameWriter writer(out);
    writer.content(1, hex("0000"), body);
    QVERIFY(!anyChunkStartsIn(out, body));
    QCOMPARE(gathered(out).right(body.size() + 1), body + hex("ce"));
}

// ---- OutputBuffer ---------------------------------------------------------------------------

void TestFrames::tailCommit()
{
    OutputBuffer out;
    QVERIFY(out.isEmpty());
    QCOMPARE(out.size(), 0);
    iovec iov[4];
    QCOMPARE(out.gather(iov, 4), 0);

    out.tail().append("abc");
    QCOMPARE(out.size(), 0); // not committed yet
    out.commitTail();
    QCOMPARE(out.size(), 3);
    out.tail().append("de");
    QCOMPARE(out.size(), 3);
    out.commitTail();
    QCOMPARE(out.size(), 5);
    QVERIFY(!out.isEmpty());
    QCOMPARE(gathered(out), QByteArray("abcde"));
    QCOMPARE(out.gather(iov, 4), 1); // small writes share one chunk
}

void TestFrames::appendSharesLargeBytes_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<bool>("shared");

    QTest::newRow("empty") << 0 << false;
    QTest::newRow("1") << 1 << false;
    QTest::newRow("threshold - 1") << int(OutputBuffer::kShareThreshold - 1) << false;
    QTest::newRow("threshold") << int(OutputBuffer::kShareThreshold) << true;
    QTest::newRow("1 MiB") << (1 << 20) << true;
}

void TestFrames::appendSharesLargeBytes()
{
    QFETCH(int, size);
    QFETCH(bool, shared);

    const QByteArray bytes = patternBody(size);
    OutputBuffer out;
    out.tail().append("head");
    out.commitTail();
    out.append(bytes);
    out.tail().append("tail");
    out.commitTail();

    QCOMPARE(out.size(), 8 + size);
    QCOMPARE(gathered(out), "head" + bytes + "tail");
    if (size > 0) {
        QCOMPARE(anyChunkAt(out, bytes.constData(), bytes.size()), shared);
        QCOMPARE(anyChunkStartsIn(out, bytes), shared);
    }
    iovec iov[8];
    QCOMPARE(out.gather(iov, 8), shared ? 3 : 1);
}

void TestFrames::gatherLimit()
{
    const QByteArray big1 = patternBody(5000), big2 = patternBody(6000);
    OutputBuffer out;
    out.tail().append("a");
    out.commitTail();
    out.append(big1);
    out.tail().append("b");
    out.commitTail();
    out.append(big2);
    out.tail().append("c");
    out.commitTail();

    iovec iov[8];
    QCOMPARE(out.gather(iov, 8), 5);
    QCOMPARE(out.gather(iov, 2), 2);
    QCOMPARE(iov[0].iov_len, size_t(1));
    QVERIFY(iov[1].iov_base == big1.constData());
    QCOMPARE(out.gather(iov, 0), 0);
    QCOMPARE(gathered(out, 5), "a" + big1 + "b" + big2 + "c");
    QCOMPARE(gathered(out, 3), "a" + big1 + "b");
}

void TestFrames::consumeAcrossChunks_data()
{
    QTest::addColumn<int>("step");
    for (int step : {1, 2, 7, 100, 4095, 4096, 4097, 5001, 20000, 100000})
        QTest::addRow("step %d", step) << step;
}

void TestFrames::consumeAcrossChunks()
{
    QFETCH(int, step);

    // small, shared, small, shared, shared, small
    const QByteArray big1 = patternBody(5000), big2 = patternBody(4096), big3 = patternBody(7000);
    OutputBuffer out;
    out.tail().append("first small chunk");
    out.commitTail();
    out.append(big1);
    out.tail().append(QByteArray(300, 's'));
    out.commitTail();
    out.append(big2);
    out.append(big3);
    out.tail().append("last");
    out.commitTail();
    const QByteArray model = "first small chunk" + big1 + QByteArray(300, 's') + big2 + big3 + "last";
    QCOMPARE(out.size(), model.size());

    qsizetype done = 0;
    while (done < model.size()) {
        const qsizetype n = qMin<qsizetype>(step, model.size() - done);
        out.consume(n);
        done += n;
        QCOMPARE(out.size(), model.size() - done);
        if (gathered(out) != model.mid(done))
            QFAIL(qPrintable(QStringLiteral("after consuming %1 bytes").arg(done)));
    }
    QVERIFY(out.isEmpty());
    iovec iov[4];
    QCOMPARE(out.gather(iov, 4), 0);

    // Still usable afterwards.
    out.tail().append("again");
    out.commitTail();
    QCOMPARE(gathered(out), QByteArray("again"));
}

void TestFrames::appendAfterPartialConsume()
{
    OutputBuffer out;
    out.tail().append("hello");
    out.commitTail();
    out.consume(2);
    out.tail().append(" world");
    out.commitTail();
    QCOMPARE(out.size(), 9);
    QCOMPARE(gathered(out), QByteArray("llo world"));

    // Partially written shared chunk: the rest is still read from the original bytes.
    const QByteArray big = patternBody(10000);
    out.append(big);
    out.consume(9 + 1234);
    QVERIFY(anyChunkAt(out, big.constData() + 1234, big.size() - 1234));
    QCOMPARE(gathered(out), big.mid(1234));
}

void TestFrames::drainAndReuse()
{
    OutputBuffer out;
    for (int round = 0; round < 5; ++round) {
        // Written the way FrameWriter writes (a header, then the rest): appending a whole
        // QByteArray to an empty tail would merely share it, leaving no capacity to keep.
        const QByteArray data = QByteArray(1000 + round, char('a' + round));
        out.tail().append(data.front());
        out.tail().append(QByteArrayView(data).sliced(1));
        out.commitTail();
        QCOMPARE(gathered(out), data);
        out.consume(data.size());
        QVERIFY(out.isEmpty());
        iovec iov[2];
        QCOMPARE(out.gather(iov, 2), 0);
        // The drained tail is kept for its capacity.
        QVERIFY(out.tail().capacity() >= data.size());
        QVERIFY(out.tail().isEmpty());
    }
    out.tail().append("x");
    out.commitTail();
    QCOMPARE(gathered(out), QByteArray("x"));
}

void TestFrames::takeAll()
{
    OutputBuffer out;
    QCOMPARE(out.takeAll(), QByteArray());

    const QByteArray big = patternBody(8000);
    out.tail().append("0123456789");
    out.commitTail();
    out.append(big);
    out.tail().append("end");
    out.commitTail();
    out.consume(4);

    QCOMPARE(out.takeAll(), "456789" + big + "end");
    QVERIFY(out.isEmpty());
    QCOMPARE(out.size(), 0);
    QCOMPARE(out.takeAll(), QByteArray());

    out.tail().append("next");
    out.commitTail();
    out.append(big);
    QCOMPARE(out.takeAll(), "next" + big);
}

void TestFrames::truncateToAMark()
{
    OutputBuffer out;
    const QByteArray large = patternBody(OutputBuffer::kShareThreshold * 2);
    out.tail().append("before");
    out.commitTail();
    out.consume(2);   // "fore" left, partly written
    const qsizetype mark = out.size();
    out.tail().append("-reply");
    out.commitTail();
    out.append(large);
    out.tail().append("-more");
    out.commitTail();
    out.truncate(mark);
    QCOMPARE(out.size(), mark);
    QCOMPARE(gathered(out), QByteArray("fore"));
    out.tail().append("+after");   // appends go on at the mark
    out.commitTail();
    QCOMPARE(gathered(out), QByteArray("fore+after"));
    out.truncate(out.size() + 10);   // nothing to drop
    QCOMPARE(out.takeAll(), QByteArray("fore+after"));
    out.truncate(0);
    QVERIFY(out.isEmpty());
}

void TestFrames::randomizedAgainstModel()
{
    for (quint32 seed = 1; seed <= 20; ++seed) {
        QRandomGenerator rng(seed);
        OutputBuffer out;
        QByteArray model;
        QList<QByteArray> keep; // large appends must stay alive while queued
        for (int op = 0; op < 400; ++op) {
            switch (rng.bounded(7)) {
            case 0: { // small write through the tail
                const QByteArray b = patternBody(rng.bounded(0, 200));
                out.tail().append(b);
                out.commitTail();
                model += b;
                break;
            }
            case 1: { // append of any size
                const QByteArray b = patternBody(rng.bounded(0, 12000));
                keep.append(b);
                out.append(b);
                model += b;
                break;
            }
            case 2:
            case 3: { // partial write
                const qsizetype n = model.isEmpty() ? 0 : rng.bounded(qint64(0), qint64(model.size()) + 1);
                out.consume(n);
                model.remove(0, n);
                break;
            }
            case 4: { // gather a few
                const int max = rng.bounded(1, 4);
                QByteArray prefix = gathered(out, max);
                QVERIFY(model.startsWith(prefix));
                break;
            }
            case 5:
                if (rng.bounded(10) == 0) {
                    QCOMPARE(out.takeAll(), model);
                    model.clear();
                }
                break;
            case 6: { // replies taken back: back to an earlier size
                const qsizetype size = model.isEmpty() ? 0 : rng.bounded(qint64(0), qint64(model.size()) + 1);
                out.truncate(size);
                model.truncate(size);
                break;
            }
            }
            QCOMPARE(out.size(), model.size());
            QCOMPARE(out.isEmpty(), model.isEmpty());
        }
        QCOMPARE(gathered(out), model);
    }
}

QTEST_GUILESS_MAIN(TestFrames)
#include "tst_frames.moc"
