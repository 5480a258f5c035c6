// Unit tests of observe::traceJsonLine / untracedJsonLine, the lines of `warren --trace-file`
// (docs/trace-events.md).
// - every line is one JSON object ending in a newline, with event, seq, time (ISO 8601 UTC
//   with milliseconds) and time_us;
// - each kind writes exactly the fields its kind uses, flags as booleans, causes by name;
// - text is escaped (quotes, backslashes, control characters) and a client's invalid UTF-8
//   becomes replacement characters, so the line always parses;
// - the per-second untraced line.
#include "observe/TraceJson.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace warren::observe;

namespace {

QJsonObject parsed(const QByteArray &line)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "not JSON:" << error.errorString() << line;
    return doc.object();
}

TraceEvent published()
{
    TraceEvent e;
    e.kind = EventKind::Published;
    e.seq = 7;
    e.timeUs = 1796594384967902;   // 2026-12-06T21:59:44.967902Z
    e.traceId = 3;
    e.connection = 2;
    e.channel = 1;
    e.vhost = "/";
    e.exchange = "logs";
    e.routingKey = "kern.critical";
    e.flags = Persistent | Mandatory;
    return e;
}

} // namespace

class TraceJsonTest : public QObject {
    Q_OBJECT
private slots:
    void publishedLine();
    void onlyTheFieldsOfItsKind();
    void textIsEscaped();
    void untracedLine();
};

void TraceJsonTest::publishedLine()
{
    const QByteArray line = traceJsonLine(published());
    QVERIFY(line.endsWith("}\n"));
    QCOMPARE(line.count('\n'), 1);
    const QJsonObject o = parsed(line);
    QCOMPARE(o.value(u"event").toString(), QStringLiteral("published"));
    QCOMPARE(o.value(u"seq").toInteger(), 7);
    QCOMPARE(o.value(u"time").toString(), QStringLiteral("2026-12-06T21:59:44.967Z"));
    QCOMPARE(o.value(u"time_us").toInteger(), 1796594384967902);
    QCOMPARE(o.value(u"trace_id").toInteger(), 3);
    QCOMPARE(o.value(u"connection").toInteger(), 2);
    QCOMPARE(o.value(u"channel").toInteger(), 1);
    QCOMPARE(o.value(u"vhost").toString(), QStringLiteral("/"));
    QCOMPARE(o.value(u"exchange").toString(), QStringLiteral("logs"));
    QCOMPARE(o.value(u"routing_key").toString(), QStringLiteral("kern.critical"));
    QCOMPARE(o.value(u"persistent").toBool(false), true);
    QCOMPARE(o.value(u"mandatory").toBool(false), true);
    QCOMPARE(o.value(u"in_transaction").toBool(true), false);
    QCOMPARE(o.keys().size(), 13);
}

void TraceJsonTest::onlyTheFieldsOfItsKind()
{
    TraceEvent requeued = published();
    requeued.kind = EventKind::Requeued;
    requeued.queue = "tasks";
    requeued.deliveryTag = 4;
    requeued.cause = Cause::ConnectionLost;
    const QJsonObject o = parsed(traceJsonLine(requeued));
    QCOMPARE(o.value(u"cause").toString(), QStringLiteral("connection_lost"));
    QCOMPARE(o.value(u"queue").toString(), QStringLiteral("tasks"));
    QCOMPARE(o.value(u"delivery_tag").toInteger(), 4);
    // A requeue names no exchange, key or publish flags, even when the event holds them.
    for (const char *absent : {"exchange", "routing_key", "persistent", "mandatory", "consumer_tag", "peer"})
        QVERIFY2(!o.contains(QLatin1String(absent)), absent);

    TraceEvent opened;
    opened.kind = EventKind::ConnectionOpened;
    opened.connection = 9;
    opened.vhost = "/";
    opened.user = "guest";
    opened.peer = "[::1]:5555";
    opened.detail = "producer P1";
    const QJsonObject c = parsed(traceJsonLine(opened));
    QCOMPARE(c.value(u"peer").toString(), QStringLiteral("[::1]:5555"));
    QCOMPARE(c.value(u"detail").toString(), QStringLiteral("producer P1"));
    QVERIFY(!c.contains(u"trace_id"));   // not about a message
    QVERIFY(!c.contains(u"channel"));
}

void TraceJsonTest::textIsEscaped()
{
    TraceEvent e;
    e.kind = EventKind::ConnectionClosed;
    e.detail = QByteArray("say \"hi\"\\\n\t\x01 é");
    QCOMPARE(parsed(traceJsonLine(e)).value(u"detail").toString(), QString::fromUtf8("say \"hi\"\\\n\t\x01 é"));
    e.detail = QByteArray("bad \xff\xfe bytes");
    const QString replaced = parsed(traceJsonLine(e)).value(u"detail").toString();
    QVERIFY(replaced.startsWith(QStringLiteral("bad ")) && replaced.contains(QChar::ReplacementCharacter));
}

void TraceJsonTest::untracedLine()
{
    const QJsonObject o = parsed(untracedJsonLine(1796594385000000, 120, 3, 100));
    QCOMPARE(o.value(u"event").toString(), QStringLiteral("untraced"));
    QCOMPARE(o.value(u"time").toString(), QStringLiteral("2026-12-06T21:59:45.000Z"));
    QCOMPARE(o.value(u"untraced").toInteger(), 120);
    QCOMPARE(o.value(u"lost").toInteger(), 3);
    QCOMPARE(o.value(u"sample_every").toInteger(), 100);
}

QTEST_GUILESS_MAIN(TraceJsonTest)
#include "tst_tracejson.moc"
