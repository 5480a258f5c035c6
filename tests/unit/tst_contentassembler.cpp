// Unit tests of amqp::ContentAssembler as the server uses it (basic.publish + content header
// + body frames); the client library assembles deliveries with the same code.
//
// Concerns:
//  - the happy path: header then one body frame; method, properties and body come out of
//    take() exactly; the stages on the way
//  - many body frames (one byte each, uneven, empty frames in between, a large body in
//    frame-sized pieces): complete only after the last one
//  - an empty body completes at the header; no body frame is expected after it
//  - take() resets: the next message starts clean (no properties or body carried over)
//  - frames out of order, with RabbitMQ's (3.10) codes and reply texts: a method while
//    awaiting the header or the body (505), a header or body while idle (505), a body
//    instead of the header (505), a second header (505), a header for a class other than 60
//    or with a weight other than 0 (505), a header shorter than 12 bytes (501)
//  - a body larger than announced never completes the content (not even when a later frame
//    would fill it exactly): the next frame is the 505
//  - the announced size against the configured limit: equal is fine, over is
//    PRECONDITION_FAILED (406), also for sizes near 2^64

#include "protocol/ContentAssembler.h"

#include "protocol/ByteWriter.h"
#include "protocol/Methods.h"

#include <QtTest/QTest>

#include <limits>

using warren::amqp::AmqpError;
using warren::amqp::BasicPublish;
using warren::amqp::ByteWriter;
using warren::amqp::ReplyCode;
using ContentAssembler = warren::amqp::ContentAssembler<BasicPublish>;
using Stage = ContentAssembler::Stage;

namespace {

constexpr qint64 kLimit = 128 * 1024 * 1024;

QByteArray header(std::uint64_t bodySize, const QByteArray &properties = QByteArray("\x90\x00\x0atext/plain", 13),
                  std::uint16_t classId = 60)
{
    QByteArray p;
    ByteWriter w(p);
    w.u16(classId);
    w.u16(0);
    w.u64(bodySize);
    w.raw(properties);
    return p;
}

BasicPublish publish(const char *exchange, const char *key, bool mandatory = false)
{
    BasicPublish m;
    m.exchange = exchange;
    m.routingKey = key;
    m.mandatory = mandatory;
    return m;
}

QByteArray pattern(qsizetype n)
{
    QByteArray b(n, Qt::Uninitialized);
    for (qsizetype i = 0; i < n; ++i)
        b[i] = char('a' + i % 26);
    return b;
}

// Runs one script step; see outOfOrder_data().
void step(ContentAssembler &a, const QByteArray &s)
{
    if (s == "b") {
        a.begin(publish("ex", "rk"));
    } else if (s == "m") {
        a.checkMethodAllowed();
    } else if (s == "hs") {
        a.onHeader(header(5).left(11), kLimit);
    } else if (s == "hw") {
        QByteArray h = header(5);
        h[3] = 1;   // weight 1
        a.onHeader(h, kLimit);
    } else if (s.startsWith('h')) {
        const qsizetype c = s.indexOf('c');
        const std::uint64_t size = s.mid(1, c < 0 ? -1 : c - 1).toULongLong();
        const std::uint16_t cls = c < 0 ? 60 : std::uint16_t(s.mid(c + 1).toUInt());
        a.onHeader(header(size, "P", cls), kLimit);
    } else if (s.startsWith('d')) {
        a.onBody(pattern(s.mid(1).toLongLong()));
    } else {
        QFAIL(("bad step " + s).constData());
    }
}

} // namespace

class tst_ContentAssembler : public QObject {
    Q_OBJECT

private slots:
    void initialState();
    void singleBodyFrame();
    void manyBodyFrames_data();
    void manyBodyFrames();
    void emptyBody();
    void takeResets();
    void overflowNeverCompletes();
    void outOfOrder_data();
    void outOfOrder();
    void sizeLimit_data();
    void sizeLimit();
};

void tst_ContentAssembler::initialState()
{
    ContentAssembler a;
    QCOMPARE(a.stage(), Stage::Idle);
    QVERIFY(!a.isComplete());
    a.checkMethodAllowed();   // no throw when idle
}

void tst_ContentAssembler::singleBodyFrame()
{
    ContentAssembler a;
    a.begin(publish("amq.direct", "key.1", true));
    QCOMPARE(a.stage(), Stage::AwaitingHeader);
    QVERIFY(!a.isComplete());

    const QByteArray props("\x90\x00\x0atext/plain\x02", 14);
    a.onHeader(header(5, props), kLimit);
    QCOMPARE(a.stage(), Stage::AwaitingBody);
    QVERIFY(!a.isComplete());

    a.onBody("hello");
    QVERIFY(a.isComplete());
    QCOMPARE(a.stage(), Stage::Idle);
    a.checkMethodAllowed();   // the next method may come

    ContentAssembler::Content c = a.take();
    QCOMPARE(c.method.exchange, QByteArray("amq.direct"));
    QCOMPARE(c.method.routingKey, QByteArray("key.1"));
    QVERIFY(c.method.mandatory);
    QCOMPARE(c.properties, props);
    QCOMPARE(c.body, QByteArray("hello"));
    QVERIFY(!a.isComplete());
    QCOMPARE(a.stage(), Stage::Idle);
}

void tst_ContentAssembler::manyBodyFrames_data()
{
    QTest::addColumn<QList<int>>("chunks");

    QTest::newRow("one byte each") << QList<int>{1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    QTest::newRow("uneven") << QList<int>{3, 1, 4, 1, 5};
    QTest::newRow("small then rest") << QList<int>{1, 9};
    QTest::newRow("all but one then one") << QList<int>{9, 1};
    QTest::newRow("empty frames between") << QList<int>{3, 0, 4, 0, 0, 3};
    QTest::newRow("empty frame first") << QList<int>{0, 5};
    QTest::newRow("frame_max pieces") << QList<int>{131064, 131064, 131064, 7};
    QTest::newRow("over 1 MiB") << QList<int>{600000, 600000, 100};
}

void tst_ContentAssembler::manyBodyFrames()
{
    QFETCH(QList<int>, chunks);
    qsizetype total = 0;
    for (int c : chunks)
        total += c;
    const QByteArray body = pattern(total);

    ContentAssembler a;
    a.begin(publish("", "q"));
    a.onHeader(header(std::uint64_t(total)), kLimit);
    qsizetype at = 0;
    for (qsizetype i = 0; i < chunks.size(); ++i) {
        QVERIFY(!a.isComplete());
        QCOMPARE(a.stage(), Stage::AwaitingBody);
        a.onBody(QByteArrayView(body).sliced(at, chunks[i]));
        at += chunks[i];
    }
    QVERIFY(a.isComplete());
    QCOMPARE(a.stage(), Stage::Idle);
    const ContentAssembler::Content c = a.take();
    QCOMPARE(c.body.size(), total);
    QVERIFY(c.body == body);
}

void tst_ContentAssembler::emptyBody()
{
    ContentAssembler a;
    // A message with a body first, so that nothing of it can linger.
    a.begin(publish("ex", "one"));
    a.onHeader(header(3, "P1"), kLimit);
    a.onBody("abc");
    QVERIFY(a.isComplete());
    a.take();

    a.begin(publish("ex", "two"));
    a.onHeader(header(0, "P2"), kLimit);
    QVERIFY(a.isComplete());
    QCOMPARE(a.stage(), Stage::Idle);
    a.checkMethodAllowed();
    const ContentAssembler::Content c = a.take();
    QCOMPARE(c.method.routingKey, QByteArray("two"));
    QCOMPARE(c.properties, QByteArray("P2"));
    QVERIFY(c.body.isEmpty());

    // No properties at all: the 12-byte fixed part only.
    a.begin(publish("ex", "three"));
    a.onHeader(header(0, QByteArray()), kLimit);
    QVERIFY(a.isComplete());
    QVERIFY(a.take().properties.isEmpty());

    // A body frame after an empty body is out of order.
    a.begin(publish("ex", "four"));
    a.onHeader(header(0), kLimit);
    try {
        a.onBody("x");
        QFAIL("body frame after a zero-size header accepted");
    } catch (const AmqpError &e) {
        QCOMPARE(int(e.code), int(ReplyCode::UnexpectedFrame));
    }
}

void tst_ContentAssembler::takeResets()
{
    ContentAssembler a;
    a.begin(publish("e1", "k1", true));
    a.onHeader(header(4, "PROPS-1"), kLimit);
    a.onBody("ab");
    a.onBody("cd");
    const ContentAssembler::Content first = a.take();
    QVERIFY(!a.isComplete());

    a.begin(publish("e2", "k2", false));
    QVERIFY(!a.isComplete());
    a.onHeader(header(2, "P2"), kLimit);
    a.onBody("xy");
    const ContentAssembler::Content second = a.take();

    QCOMPARE(first.method.exchange, QByteArray("e1"));
    QCOMPARE(first.properties, QByteArray("PROPS-1"));
    QCOMPARE(first.body, QByteArray("abcd"));
    QCOMPARE(second.method.exchange, QByteArray("e2"));
    QCOMPARE(second.method.routingKey, QByteArray("k2"));
    QVERIFY(!second.method.mandatory);
    QCOMPARE(second.properties, QByteArray("P2"));
    QCOMPARE(second.body, QByteArray("xy"));

    // Three in a row through one assembler, with differently split bodies.
    for (int i = 1; i <= 3; ++i) {
        a.begin(publish("e", "k"));
        a.onHeader(header(std::uint64_t(i * 2)), kLimit);
        for (int j = 0; j < i; ++j)
            a.onBody("zz");
        QVERIFY(a.isComplete());
        QCOMPARE(a.take().body, QByteArray(i * 2, 'z'));
    }
}

void tst_ContentAssembler::overflowNeverCompletes()
{
    ContentAssembler a;
    a.begin(publish("ex", "rk"));
    a.onHeader(header(4), kLimit);
    a.onBody("ab");
    a.onBody("cde");   // one byte too many
    QVERIFY(!a.isComplete());
    QCOMPARE(a.stage(), Stage::AwaitingBody);
    a.onBody("cd");    // would have completed the body
    QVERIFY(!a.isComplete());
    QCOMPARE(a.stage(), Stage::AwaitingBody);
    a.onBody("");
    QVERIFY(!a.isComplete());

    // A fresh assembler state after the next publish's header (the channel is closed in
    // between in practice; this checks the flag does not leak into the next content).
    ContentAssembler b;
    b.begin(publish("ex", "rk"));
    b.onHeader(header(2), kLimit);
    b.onBody("xyz");
    QVERIFY(!b.isComplete());
    b.begin(publish("ex", "again"));
    b.onHeader(header(2), kLimit);
    b.onBody("xy");
    QVERIFY(b.isComplete());
    QCOMPARE(b.take().body, QByteArray("xy"));
}

void tst_ContentAssembler::outOfOrder_data()
{
    QTest::addColumn<QByteArray>("script");   // the last step must throw
    QTest::addColumn<int>("code");
    QTest::addColumn<QByteArray>("text");     // empty: not checked

    const int unexpected = int(ReplyCode::UnexpectedFrame);
    const int frameError = int(ReplyCode::FrameError);
    const QByteArray wantHeader("expected content header for class 60, got non content header frame instead");
    const QByteArray wantBody("expected content body, got non content body frame instead");
    const QByteArray wantMethod("expected method frame, got non method frame instead");

    QTest::newRow("method awaiting header") << QByteArray("b m") << unexpected << wantHeader;
    QTest::newRow("method awaiting body") << QByteArray("b h5 m") << unexpected << wantBody;
    QTest::newRow("method awaiting rest of body") << QByteArray("b h5 d2 m") << unexpected << wantBody;
    QTest::newRow("header while idle") << QByteArray("h5") << unexpected << wantMethod;
    QTest::newRow("body while idle") << QByteArray("d1") << unexpected << wantMethod;
    QTest::newRow("body after complete") << QByteArray("b h2 d2 d1") << unexpected << wantMethod;
    QTest::newRow("header after empty body") << QByteArray("b h0 h0") << unexpected << wantMethod;
    QTest::newRow("body without header") << QByteArray("b d3") << unexpected << wantHeader;
    QTest::newRow("second header") << QByteArray("b h5 h5") << unexpected << wantBody;
    QTest::newRow("second header mid-body") << QByteArray("b h5 d1 h5") << unexpected << wantBody;
    QTest::newRow("header for class 10") << QByteArray("b h5c10") << unexpected
                                         << QByteArray("expected content header for class 60, got one for class 10 instead");
    QTest::newRow("header for class 0") << QByteArray("b h0c0") << unexpected
                                        << QByteArray("expected content header for class 60, got one for class 0 instead");
    QTest::newRow("header weight not 0") << QByteArray("b hw") << unexpected << wantHeader;
    QTest::newRow("header too short") << QByteArray("b hs") << frameError << QByteArray();
    // RabbitMQ 3.10: a body frame beyond the announced size is not an error by itself, but
    // the content never completes, so whatever comes next is unexpected.
    QTest::newRow("body larger than announced") << QByteArray("b h3 d4 m") << unexpected << wantBody;
    QTest::newRow("body larger after a part") << QByteArray("b h5 d3 d3 m") << unexpected << wantBody;
    QTest::newRow("one byte over at the end") << QByteArray("b h5 d1 d1 d1 d1 d2 m") << unexpected << wantBody;
    QTest::newRow("fitting frame after overflow") << QByteArray("b h5 d6 d5 m") << unexpected << wantBody;
    QTest::newRow("header after overflow") << QByteArray("b h3 d4 h3") << unexpected << wantBody;
}

void tst_ContentAssembler::outOfOrder()
{
    QFETCH(QByteArray, script);
    QFETCH(int, code);
    QFETCH(QByteArray, text);

    ContentAssembler a;
    const QByteArrayList steps = script.split(' ');
    for (qsizetype i = 0; i + 1 < steps.size(); ++i) {
        try {
            step(a, steps[i]);
        } catch (const AmqpError &e) {
            QFAIL(("step '" + steps[i] + "' threw " + e.text).constData());
        }
    }
    AmqpError error;
    bool threw = false;
    try {
        step(a, steps.last());
    } catch (const AmqpError &e) {
        threw = true;
        error = e;
    }
    QVERIFY2(threw, ("step '" + steps.last() + "' did not throw").constData());
    QCOMPARE(int(error.code), code);
    if (!text.isEmpty()) {
        QCOMPARE(error.text, text);
    }
}

void tst_ContentAssembler::sizeLimit_data()
{
    QTest::addColumn<quint64>("size");
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("at the limit") << quint64(10) << qint64(10) << true;
    QTest::newRow("one over") << quint64(11) << qint64(10) << false;
    QTest::newRow("zero, limit zero") << quint64(0) << qint64(0) << true;
    QTest::newRow("one, limit zero") << quint64(1) << qint64(0) << false;
    QTest::newRow("default limit, just over") << quint64(kLimit + 1) << kLimit << false;
    QTest::newRow("2^63") << (quint64(1) << 63) << std::numeric_limits<qint64>::max() << false;
    QTest::newRow("2^64 - 1") << std::numeric_limits<quint64>::max() << kLimit << false;
}

void tst_ContentAssembler::sizeLimit()
{
    QFETCH(quint64, size);
    QFETCH(qint64, limit);
    QFETCH(bool, accepted);

    ContentAssembler a;
    a.begin(publish("ex", "rk"));
    try {
        a.onHeader(header(size), limit);
    } catch (const AmqpError &e) {
        QVERIFY2(!accepted, e.text.constData());
        QCOMPARE(int(e.code), int(ReplyCode::PreconditionFailed));
        QCOMPARE(e.text, "message size " + QByteArray::number(size) + " is larger than configured max size "
                             + QByteArray::number(limit));
        QVERIFY(!a.isComplete());
        return;
    }
    QVERIFY(accepted);
    QCOMPARE(a.isComplete(), size == 0);
    QCOMPARE(a.stage(), size == 0 ? Stage::Idle : Stage::AwaitingBody);
}

QTEST_GUILESS_MAIN(tst_ContentAssembler)
#include "tst_contentassembler.moc"
