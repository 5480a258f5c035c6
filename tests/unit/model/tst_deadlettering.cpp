// Unit tests of model::recordDeath, model::isDeathCycle and model::deathReasonName: the
// dead-lettered copy of a message with its death recorded in x-death as RabbitMQ writes it.
//
// Concerns:
//  - deathReasonName: rejected, expired, maxlen, delivery_limit
//  - a first death, on a message without properties, with properties but no headers, with
//    other headers, with an expiration: one x-death entry with count (long 1), reason,
//    queue, time (a timestamp), exchange, routing-keys (an array of longstr) and
//    original-expiration only when the message had an expiration; the expiration property
//    removed; x-first-death-reason/-queue/-exchange set; other headers and properties kept
//  - the copy: published to the dead-letter exchange with the given routing key, the same
//    body bytes (shared, not copied), delivery mode and priority kept; the original message
//    untouched
//  - later deaths: the same queue and reason counts its entry up and moves it to the front
//    (keeping the entry's first time, exchange and keys, as RabbitMQ does); another queue
//    or another reason adds a new front entry; x-first-death-* stay those of the first;
//    a count written by a client as a narrower integer still counts up
//  - isDeathCycle: no headers / no x-death / x-death not an array -> false; died in that
//    queue before with no rejection on the way (including its own entry) -> true; a
//    rejection on the way -> false; other reasons (maxlen, delivery_limit) do not break a
//    cycle; non-table entries (client-made) -> not a cycle; queue and reason are read as
//    RabbitMQ reads them, longstr only (a byte-array "queue" or "rejected" does not count)
//  - recording in place (a repeat death splices its entry into the encoded x-death) gives
//    exactly the bytes of decoding, updating by RabbitMQ's rule and encoding again, over
//    random runs of deaths on messages with other headers and properties around x-death
//  - the bytes searched for a queue's entry appearing elsewhere (a routing key) change
//    nothing; a (queue, reason) a client wrote twice: the first counts up, both go
//  - a long run of distinct deaths: every entry kept, the newest first

#include "model/DeadLettering.h"
#include "protocol/BasicProperties.h"

#include <QRandomGenerator>
#include <QtTest/QTest>

using namespace warren::model;
using warren::amqp::BasicProperties;
using warren::amqp::FieldArray;
using warren::amqp::FieldTable;
using warren::amqp::FieldValue;
using VT = FieldValue::Type;

Q_DECLARE_METATYPE(warren::model::DeathReason)

namespace {

FieldValue str(const QByteArray &s) { return FieldValue::string(s); }

MessageRef makeMessage(const std::optional<BasicProperties> &props, const QByteArray &body = "payload")
{
    MessageRef m(new Message);
    m->exchange = "orders";
    m->routingKey = "order.created";
    m->properties = props ? props->encode() : QByteArray();
    m->body = body;
    m->deliveryMode = 2;
    m->priority = 3;
    return m;
}

Death death(DeathReason reason, const QByteArray &queue, qint64 time = 1700000000, const QByteArray &exchange = "orders",
            const QByteArray &key = "order.created")
{
    return Death{reason, queue, exchange, {key}, time};
}

BasicProperties propsOf(const Message &m)
{
    const std::optional<BasicProperties> p = BasicProperties::decode(m.properties);
    Q_ASSERT(p);
    return *p;
}

FieldTable headersOf(const Message &m) { return propsOf(m).headers.value_or(FieldTable{}); }

FieldArray deathsOf(const Message &m)
{
    const FieldTable h = headersOf(m);
    const FieldValue *d = h.find("x-death");
    return d ? d->toArray() : FieldArray{};
}

// "queue:reason:count ..." for the x-death entries, most recent first.
QByteArray summary(const Message &m)
{
    QByteArrayList out;
    for (const FieldValue &d : deathsOf(m)) {
        const FieldTable &t = d.toTable();
        out.append(t.find("queue")->toBytes() + ":" + t.find("reason")->toBytes() + ":"
                   + QByteArray::number(t.find("count")->toInteger()));
    }
    return out.join(' ');
}

// A message whose x-death was written by hand: (queue, reason) pairs, most recent first.
MessageRef withDeaths(const QList<std::pair<QByteArray, QByteArray>> &deaths)
{
    FieldArray array;
    for (const auto &[queue, reason] : deaths)
        array.append(FieldValue::table(FieldTable{{"count", FieldValue::integer(1)},
                                                  {"reason", str(reason)},
                                                  {"queue", str(queue)}}));
    BasicProperties p;
    p.headers = FieldTable{{"x-death", FieldValue::array(array)}};
    return makeMessage(p);
}

} // namespace

class tst_DeadLettering : public QObject {
    Q_OBJECT

private slots:
    void reasonNames_data();
    void reasonNames();
    void firstDeath_data();
    void firstDeath();
    void copyIsPublishedToDlx();
    void repeatDeathCountsUp();
    void repeatDeathKeepsFirstTime();
    void narrowCountFromClient();
    void isDeathCycle_data();
    void isDeathCycle();
    void recordedDeathIsCycle();
    void inPlaceMatchesDecoding();
    void queueBytesElsewhere();
    void duplicateEntryFromClient();
    void longRunOfDeaths();
};

void tst_DeadLettering::reasonNames_data()
{
    QTest::addColumn<DeathReason>("reason");
    QTest::addColumn<QByteArray>("name");
    QTest::newRow("rejected") << DeathReason::Rejected << QByteArray("rejected");
    QTest::newRow("expired") << DeathReason::Expired << QByteArray("expired");
    QTest::newRow("maxlen") << DeathReason::MaxLen << QByteArray("maxlen");
    QTest::newRow("delivery_limit") << DeathReason::DeliveryLimit << QByteArray("delivery_limit");
}

void tst_DeadLettering::reasonNames()
{
    QFETCH(DeathReason, reason);
    QFETCH(QByteArray, name);
    QCOMPARE(QByteArray(deathReasonName(reason)), name);
}

void tst_DeadLettering::firstDeath_data()
{
    QTest::addColumn<QByteArray>("shape");
    QTest::addColumn<DeathReason>("reason");
    QTest::newRow("no properties") << QByteArray("none") << DeathReason::Rejected;
    QTest::newRow("properties without headers") << QByteArray("plain") << DeathReason::MaxLen;
    QTest::newRow("other headers") << QByteArray("headers") << DeathReason::DeliveryLimit;
    QTest::newRow("expiration") << QByteArray("expiration") << DeathReason::Expired;
    QTest::newRow("expiration and headers") << QByteArray("both") << DeathReason::Expired;
}

void tst_DeadLettering::firstDeath()
{
    QFETCH(QByteArray, shape);
    QFETCH(DeathReason, reason);

    std::optional<BasicProperties> props;
    if (shape != "none") {
        props.emplace();
        props->contentType = QByteArray("application/json");
        props->messageId = QByteArray("m-1");
        props->deliveryMode = 2;
        props->priority = 3;
        if (shape == "headers" || shape == "both")
            props->headers = FieldTable{{"app", str("billing")}, {"n", FieldValue::integer(7, VT::Int32)}};
        if (shape == "expiration" || shape == "both")
            props->expiration = QByteArray("60000");
    }
    const MessageRef original = makeMessage(props);
    const QByteArray originalProperties = original->properties;

    const MessageRef dead = recordDeath(*original, death(reason, "work", 1700000123), "dlx", "dead.key");
    QVERIFY(dead);
    QVERIFY(dead.data() != original.data());
    QCOMPARE(original->properties, originalProperties);   // untouched

    const BasicProperties p = propsOf(*dead);
    QVERIFY(!p.expiration.has_value());
    QVERIFY(p.headers.has_value());
    const FieldTable &h = *p.headers;

    const FieldValue *xdeath = h.find("x-death");
    QVERIFY(xdeath);
    QCOMPARE(xdeath->type(), VT::Array);
    QCOMPARE(xdeath->toArray().size(), 1);
    QCOMPARE(xdeath->toArray()[0].type(), VT::Table);
    const FieldTable &entry = xdeath->toArray()[0].toTable();

    const FieldValue *count = entry.find("count");
    QVERIFY(count);
    QCOMPARE(count->type(), VT::Int64);
    QCOMPARE(count->toInteger(), qint64(1));
    QCOMPARE(*entry.find("reason"), str(deathReasonName(reason)));
    QCOMPARE(*entry.find("queue"), str("work"));
    QCOMPARE(*entry.find("exchange"), str("orders"));
    const FieldValue *time = entry.find("time");
    QVERIFY(time);
    QCOMPARE(time->type(), VT::Timestamp);
    QCOMPARE(time->toInteger(), qint64(1700000123));
    const FieldValue *keys = entry.find("routing-keys");
    QVERIFY(keys);
    QCOMPARE(keys->type(), VT::Array);
    QCOMPARE(keys->toArray(), FieldArray{str("order.created")});

    const bool hadExpiration = shape == "expiration" || shape == "both";
    const FieldValue *originalExpiration = entry.find("original-expiration");
    QCOMPARE(originalExpiration != nullptr, hadExpiration);
    if (hadExpiration)
        QCOMPARE(*originalExpiration, str("60000"));
    QCOMPARE(entry.size(), hadExpiration ? 7 : 6);

    QCOMPARE(*h.find("x-first-death-reason"), str(deathReasonName(reason)));
    QCOMPARE(*h.find("x-first-death-queue"), str("work"));
    QCOMPARE(*h.find("x-first-death-exchange"), str("orders"));

    if (shape == "headers" || shape == "both") {
        QCOMPARE(*h.find("app"), str("billing"));
        QCOMPARE(*h.find("n"), FieldValue::integer(7, VT::Int32));
        QCOMPARE(h.size(), 6);
    } else {
        QCOMPARE(h.size(), 4);
    }
    if (props) {
        QCOMPARE(p.contentType, std::optional<QByteArray>("application/json"));
        QCOMPARE(p.messageId, std::optional<QByteArray>("m-1"));
        QCOMPARE(p.deliveryMode, std::optional<std::uint8_t>(2));
        QCOMPARE(p.priority, std::optional<std::uint8_t>(3));
    }
}

void tst_DeadLettering::copyIsPublishedToDlx()
{
    BasicProperties props;
    props.expiration = QByteArray("10");
    const MessageRef original = makeMessage(props, QByteArray(4096, 'x'));
    const MessageRef dead = recordDeath(*original, death(DeathReason::Expired, "q"), "my-dlx", "rk2");
    QCOMPARE(dead->exchange, QByteArray("my-dlx"));
    QCOMPARE(dead->routingKey, QByteArray("rk2"));
    QCOMPARE(dead->body.constData(), original->body.constData());   // shared, not copied
    QCOMPARE(dead->body.size(), 4096);
    QCOMPARE(dead->deliveryMode, std::uint8_t(2));
    QCOMPARE(dead->priority, std::uint8_t(3));
    QCOMPARE(original->exchange, QByteArray("orders"));
    QCOMPARE(original->routingKey, QByteArray("order.created"));
    QVERIFY(propsOf(*original).expiration.has_value());

    // The default exchange and an empty key are names like any other.
    const MessageRef toDefault = recordDeath(*original, death(DeathReason::Expired, "q"), "", "");
    QCOMPARE(toDefault->exchange, QByteArray());
    QCOMPARE(toDefault->routingKey, QByteArray());
}

void tst_DeadLettering::repeatDeathCountsUp()
{
    BasicProperties props;
    props.headers = FieldTable{{"app", str("x")}};
    MessageRef m = makeMessage(props);

    m = recordDeath(*m, death(DeathReason::Expired, "q1", 100), "dlx", "k");
    QCOMPARE(summary(*m), QByteArray("q1:expired:1"));
    m = recordDeath(*m, death(DeathReason::Expired, "q1", 200, "dlx", "k"), "dlx", "k");
    QCOMPARE(summary(*m), QByteArray("q1:expired:2"));
    QCOMPARE(deathsOf(*m).value(0).toTable().find("count")->type(), VT::Int64);

    m = recordDeath(*m, death(DeathReason::Rejected, "q2", 300, "dlx", "k"), "dlx", "k");
    QCOMPARE(summary(*m), QByteArray("q2:rejected:1 q1:expired:2"));

    // Back in q1 for the same reason: its entry counts up and moves to the front.
    m = recordDeath(*m, death(DeathReason::Expired, "q1", 400, "dlx", "k"), "dlx", "k");
    QCOMPARE(summary(*m), QByteArray("q1:expired:3 q2:rejected:1"));

    // Same queue, another reason: a new entry.
    m = recordDeath(*m, death(DeathReason::Rejected, "q1", 500, "dlx", "k"), "dlx", "k");
    QCOMPARE(summary(*m), QByteArray("q1:rejected:1 q1:expired:3 q2:rejected:1"));
    m = recordDeath(*m, death(DeathReason::MaxLen, "q3", 600, "dlx", "k"), "dlx", "k");
    QCOMPARE(summary(*m), QByteArray("q3:maxlen:1 q1:rejected:1 q1:expired:3 q2:rejected:1"));
    m = recordDeath(*m, death(DeathReason::Rejected, "q2", 700, "dlx", "k"), "dlx", "k");
    QCOMPARE(summary(*m), QByteArray("q2:rejected:2 q3:maxlen:1 q1:rejected:1 q1:expired:3"));

    // The first death stays the first; other headers survive every round.
    const FieldTable h = headersOf(*m);
    QCOMPARE(*h.find("x-first-death-reason"), str("expired"));
    QCOMPARE(*h.find("x-first-death-queue"), str("q1"));
    QCOMPARE(*h.find("x-first-death-exchange"), str("orders"));
    QCOMPARE(*h.find("app"), str("x"));
    // The repeated entry keeps where the message was first published from that queue.
    const FieldArray deaths = deathsOf(*m);
    const FieldTable &q1expired = deaths[3].toTable();
    QCOMPARE(*q1expired.find("exchange"), str("orders"));
    QCOMPARE(q1expired.find("routing-keys")->toArray(), FieldArray{str("order.created")});
    // A new entry names the exchange the message came from that time.
    QCOMPARE(*deaths[1].toTable().find("exchange"), str("dlx"));
}

// rabbit_dead_letter:increment_xdeath_event_count only changes "count": "time" stays the
// time of the first death in that queue for that reason.
void tst_DeadLettering::repeatDeathKeepsFirstTime()
{
    MessageRef m = makeMessage(BasicProperties{});
    m = recordDeath(*m, death(DeathReason::Expired, "q", 1000), "dlx", "k");
    m = recordDeath(*m, death(DeathReason::Expired, "q", 2000), "dlx", "k");
    const FieldArray deaths = deathsOf(*m);
    QCOMPARE(deaths.size(), 1);
    const FieldTable &entry = deaths[0].toTable();
    QCOMPARE(entry.find("count")->toInteger(), qint64(2));
    QCOMPARE(entry.find("time")->type(), VT::Timestamp);
    QCOMPARE(entry.find("time")->toInteger(), qint64(1000));
}

void tst_DeadLettering::narrowCountFromClient()
{
    // A client that re-published a dead letter may have narrowed the types.
    BasicProperties props;
    props.headers = FieldTable{
        {"x-death", FieldValue::array(FieldArray{FieldValue::table(FieldTable{
                        {"count", FieldValue::integer(5, VT::Int8)},
                        {"reason", str("expired")},
                        {"queue", str("q")},
                    })})},
    };
    const MessageRef m = recordDeath(*makeMessage(props), death(DeathReason::Expired, "q"), "dlx", "k");
    QCOMPARE(summary(*m), QByteArray("q:expired:6"));
    // x-first-death-* were missing: they are added.
    QCOMPARE(*headersOf(*m).find("x-first-death-queue"), str("q"));
}

void tst_DeadLettering::isDeathCycle_data()
{
    using Deaths = QList<std::pair<QByteArray, QByteArray>>;
    QTest::addColumn<QByteArray>("shape");   // "none", "no x-death", "not an array", "non-table", or "deaths"
    QTest::addColumn<Deaths>("deaths");
    QTest::addColumn<QByteArray>("queue");
    QTest::addColumn<bool>("cycle");

    QTest::newRow("no properties") << QByteArray("none") << Deaths{} << QByteArray("q") << false;
    QTest::newRow("no x-death") << QByteArray("no x-death") << Deaths{} << QByteArray("q") << false;
    QTest::newRow("x-death not an array") << QByteArray("not an array") << Deaths{} << QByteArray("q") << false;
    QTest::newRow("empty x-death") << QByteArray("deaths") << Deaths{} << QByteArray("q") << false;
    QTest::newRow("died here, expired") << QByteArray("deaths") << Deaths{{"q", "expired"}} << QByteArray("q") << true;
    QTest::newRow("died elsewhere") << QByteArray("deaths") << Deaths{{"other", "expired"}} << QByteArray("q")
                                    << false;
    QTest::newRow("died here, rejected") << QByteArray("deaths") << Deaths{{"q", "rejected"}} << QByteArray("q")
                                         << false;
    QTest::newRow("died here, maxlen") << QByteArray("deaths") << Deaths{{"q", "maxlen"}} << QByteArray("q") << true;
    QTest::newRow("died here, delivery_limit") << QByteArray("deaths") << Deaths{{"q", "delivery_limit"}}
                                               << QByteArray("q") << true;
    QTest::newRow("automatic loop") << QByteArray("deaths") << Deaths{{"b", "expired"}, {"a", "maxlen"}, {"q", "expired"}}
                                    << QByteArray("q") << true;
    QTest::newRow("rejection on the way") << QByteArray("deaths")
                                          << Deaths{{"b", "expired"}, {"a", "rejected"}, {"q", "expired"}}
                                          << QByteArray("q") << false;
    QTest::newRow("rejection before reaching it") << QByteArray("deaths")
                                                  << Deaths{{"b", "maxlen"}, {"q", "rejected"}, {"c", "expired"}}
                                                  << QByteArray("c") << false;
    QTest::newRow("rejection older than the loop") << QByteArray("deaths")
                                                   << Deaths{{"b", "expired"}, {"q", "expired"}, {"z", "rejected"}}
                                                   << QByteArray("q") << true;
    QTest::newRow("most recent entry of that queue decides")
        << QByteArray("deaths") << Deaths{{"q", "expired"}, {"q", "rejected"}} << QByteArray("q") << true;
    QTest::newRow("most recent entry rejected") << QByteArray("deaths") << Deaths{{"q", "rejected"}, {"q", "expired"}}
                                                << QByteArray("q") << false;
    // rabbit_dead_letter:is_death_cycle: an entry that is not a table was put there by a
    // client, so the cycle is not "fully automatic".
    QTest::newRow("non-table entry on the way") << QByteArray("non-table") << Deaths{{"q", "expired"}}
                                                << QByteArray("q") << false;
    // rabbit_dead_letter:is_cycle compares {longstr, Queue} and {longstr, <<"rejected">>}.
    QTest::newRow("queue as a byte array") << QByteArray("bytes") << Deaths{{"q", "expired"}} << QByteArray("q")
                                           << false;
    QTest::newRow("rejected as a byte array is no rejection") << QByteArray("bytes")
                                                              << Deaths{{"a", "rejected"}, {"q", "expired"}}
                                                              << QByteArray("q") << true;
}

void tst_DeadLettering::isDeathCycle()
{
    using Deaths = QList<std::pair<QByteArray, QByteArray>>;
    QFETCH(QByteArray, shape);
    QFETCH(Deaths, deaths);
    QFETCH(QByteArray, queue);
    QFETCH(bool, cycle);

    MessageRef m;
    if (shape == "none") {
        m = makeMessage(std::nullopt);
    } else if (shape == "no x-death") {
        BasicProperties p;
        p.headers = FieldTable{{"x-first-death-queue", str("q")}};
        m = makeMessage(p);
    } else if (shape == "not an array") {
        BasicProperties p;
        p.headers = FieldTable{{"x-death", str("q")}};
        m = makeMessage(p);
    } else if (shape == "bytes") {
        // The first entry written with byte arrays where RabbitMQ writes longstrs.
        m = withDeaths(deaths);
        BasicProperties p = propsOf(*m);
        FieldArray array = p.headers->find("x-death")->toArray();
        FieldTable first = array[0].toTable();
        first.insert("queue", FieldValue::string(first.find("queue")->toBytes(), VT::ByteArray));
        first.insert("reason", FieldValue::string(first.find("reason")->toBytes(), VT::ByteArray));
        array[0] = FieldValue::table(first);
        p.headers->insert("x-death", FieldValue::array(array));
        m->properties = p.encode();
    } else if (shape == "non-table") {
        m = withDeaths(deaths);
        BasicProperties p = propsOf(*m);
        FieldArray array = p.headers->find("x-death")->toArray();
        array.prepend(str("q"));
        p.headers->insert("x-death", FieldValue::array(array));
        m->properties = p.encode();
    } else {
        m = withDeaths(deaths);
    }
    QCOMPARE(warren::model::isDeathCycle(*m, queue), cycle);
}

void tst_DeadLettering::recordedDeathIsCycle()
{
    MessageRef m = makeMessage(BasicProperties{});
    m = recordDeath(*m, death(DeathReason::Expired, "a"), "dlx", "k");
    QVERIFY(warren::model::isDeathCycle(*m, "a"));
    QVERIFY(!warren::model::isDeathCycle(*m, "b"));
    m = recordDeath(*m, death(DeathReason::MaxLen, "b"), "dlx", "k");
    QVERIFY(warren::model::isDeathCycle(*m, "a"));
    QVERIFY(warren::model::isDeathCycle(*m, "b"));
    m = recordDeath(*m, death(DeathReason::Rejected, "c"), "dlx", "k");
    QVERIFY(!warren::model::isDeathCycle(*m, "a"));
    QVERIFY(!warren::model::isDeathCycle(*m, "c"));
    m = recordDeath(*m, death(DeathReason::Expired, "a"), "dlx", "k");   // a again: the entry moves up
    QVERIFY(warren::model::isDeathCycle(*m, "a"));
    QVERIFY(!warren::model::isDeathCycle(*m, "b"));   // behind the rejection in c
}

namespace {

// RabbitMQ's rule, on decoded headers: one entry per (queue, reason), the most recent first;
// a repeat death counts up the (first) entry of its pair, which keeps its other fields.
QByteArray expectedAfterDeath(const QByteArray &properties, const Death &d)
{
    BasicProperties p = BasicProperties::decode(properties).value_or(BasicProperties{});
    FieldTable h = p.headers.value_or(FieldTable{});
    FieldArray kept;
    std::optional<FieldTable> repeated;
    const FieldValue *previous = h.find("x-death");
    for (const FieldValue &e : previous ? previous->toArray() : FieldArray{}) {
        const FieldTable &t = e.toTable();
        if (t.find("queue") && *t.find("queue") == str(d.queue) && t.find("reason")
            && *t.find("reason") == str(deathReasonName(d.reason))) {
            if (!repeated) {
                repeated = t;
                repeated->insert("count", FieldValue::integer(t.find("count")->toInteger() + 1));
            }
        } else {
            kept.append(e);
        }
    }
    FieldTable entry = repeated.value_or(FieldTable{{"count", FieldValue::integer(1)}, {"exchange", str(d.exchange)}});
    if (!repeated) {
        if (p.expiration)
            entry.insert("original-expiration", str(*p.expiration));
        FieldArray keys;
        for (const QByteArray &k : d.routingKeys)
            keys.append(str(k));
        entry.insert("queue", str(d.queue));
        entry.insert("reason", str(deathReasonName(d.reason)));
        entry.insert("routing-keys", FieldValue::array(keys));
        entry.insert("time", FieldValue::integer(d.unixTime, VT::Timestamp));
    }
    kept.prepend(FieldValue::table(entry));
    h.insert("x-death", FieldValue::array(kept));
    if (!h.contains("x-first-death-reason")) {
        h.insert("x-first-death-reason", str(deathReasonName(d.reason)));
        h.insert("x-first-death-queue", str(d.queue));
        h.insert("x-first-death-exchange", str(d.exchange));
    }
    p.headers = h;
    p.expiration.reset();
    return p.encode();
}

} // namespace

void tst_DeadLettering::inPlaceMatchesDecoding()
{
    QRandomGenerator rng(20261207);
    const QByteArrayList queues{"a", "b", "work", "retry", "a-much-longer-queue-name"};
    const DeathReason reasons[] = {DeathReason::Rejected, DeathReason::Expired, DeathReason::MaxLen,
                                   DeathReason::DeliveryLimit};
    for (int run = 0; run < 50; ++run) {
        BasicProperties props;
        props.contentType = QByteArray("text/plain");
        props.headers = FieldTable{{"before", str("x")}, {"n", FieldValue::integer(run, VT::Int32)}};
        if (run % 3 == 0)
            props.headers->append("after", FieldValue::array(FieldArray{str("y"), FieldValue::integer(2)}));
        if (run % 2 == 0)
            props.expiration = QByteArray("1000");
        props.messageId = QByteArray("m") + QByteArray::number(run);
        props.timestamp = 1700000000 + run;
        props.appId = QByteArray("app");
        MessageRef m = makeMessage(props);
        for (int step = 0; step < 40; ++step) {
            const Death d = death(reasons[rng.bounded(4)], queues[rng.bounded(int(queues.size()))],
                                  1700000000 + step, step % 5 ? "dlx" : "orders", "key" + QByteArray::number(step % 3));
            const QByteArray expected = expectedAfterDeath(m->properties, d);
            m = recordDeath(*m, d, "dlx", "k");
            QCOMPARE(m->properties, expected);
        }
    }
}

// The bytes that announce a queue's entry may appear elsewhere in x-death (here inside a
// routing key): only a real entry of that queue counts.
void tst_DeadLettering::queueBytesElsewhere()
{
    const QByteArray lookalike = QByteArray("\x05queueS\0\0\0\x01q", 12);
    MessageRef m = makeMessage(BasicProperties{});
    m = recordDeath(*m, death(DeathReason::Expired, "other", 100, "orders", lookalike), "dlx", "k");
    QVERIFY(!warren::model::isDeathCycle(*m, "q"));
    m = recordDeath(*m, death(DeathReason::Expired, "q", 200, "dlx", lookalike), "dlx", "k");
    QCOMPARE(summary(*m), QByteArray("q:expired:1 other:expired:1"));
    QVERIFY(warren::model::isDeathCycle(*m, "q"));
    m = recordDeath(*m, death(DeathReason::Expired, "q", 300, "dlx", "k"), "dlx", "k");
    QCOMPARE(summary(*m), QByteArray("q:expired:2 other:expired:1"));
}

// rabbit_dead_letter:group_by_queue_and_reason keeps the first of a pair written twice.
void tst_DeadLettering::duplicateEntryFromClient()
{
    MessageRef m = withDeaths({{"q", "expired"}, {"p", "maxlen"}, {"q", "expired"}});
    m = recordDeath(*m, death(DeathReason::Expired, "p"), "dlx", "k");   // x-first-death-* added
    QCOMPARE(summary(*m), QByteArray("p:expired:1 q:expired:1 p:maxlen:1 q:expired:1"));
    m = recordDeath(*m, death(DeathReason::Expired, "q"), "dlx", "k");
    QCOMPARE(summary(*m), QByteArray("q:expired:2 p:expired:1 p:maxlen:1"));
}

void tst_DeadLettering::longRunOfDeaths()
{
    constexpr int kQueues = 2000;
    MessageRef m = makeMessage(BasicProperties{});
    for (int i = 0; i < kQueues; ++i) {
        const QByteArray q = "q" + QByteArray::number(i);
        QVERIFY(!warren::model::isDeathCycle(*m, q));
        m = recordDeath(*m, death(DeathReason::Expired, q, 1000 + i, "", q), "", "q" + QByteArray::number(i + 1));
    }
    const FieldArray deaths = deathsOf(*m);
    QCOMPARE(deaths.size(), kQueues);
    for (int i = 0; i < kQueues; ++i) {
        const FieldTable &e = deaths[i].toTable();
        const QByteArray q = "q" + QByteArray::number(kQueues - 1 - i);
        QCOMPARE(*e.find("queue"), str(q));
        QCOMPARE(e.find("count")->toInteger(), qint64(1));
        QCOMPARE(e.find("routing-keys")->toArray(), FieldArray{str(q)});
    }
    QVERIFY(warren::model::isDeathCycle(*m, "q0"));
    QVERIFY(warren::model::isDeathCycle(*m, "q1999"));
    QCOMPARE(*headersOf(*m).find("x-first-death-queue"), str("q0"));
}

QTEST_GUILESS_MAIN(tst_DeadLettering)
#include "tst_deadlettering.moc"
