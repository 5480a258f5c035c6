// Unit tests of alternate exchanges in model::VHost::route(): an exchange whose own bindings
// match nothing passes the message to the exchange named by its `alternate-exchange`
// argument, as RabbitMQ's rabbit_exchange:route1 does. Also RouteSet::matches(), which
// tells routing whether an exchange matched anything.
//
// Concerns:
//  - Exchange::alternateExchange() from the argument (longstr; absent or not a string: none)
//  - the AE is used only when the exchange matches nothing, for every exchange type
//    (direct, topic, headers, fanout without bindings)
//  - a matching exchange-to-exchange binding is a match: the source's AE is not used even
//    when the downstream exchange routes nowhere; a downstream exchange that matches
//    nothing uses its own AE; a match and a downstream AE together
//  - the AE's own bindings, its exchange-to-exchange bindings and its headers routing
//  - chains of AEs (each used only while nothing matches); cycles of AEs (self, two,
//    through exchange bindings) end, also when a queue is reached on the way
//  - an AE that does not exist routes nothing; it is looked up at routing time (declared
//    later: used; removed again: nothing)
//  - a queue reached directly and via an AE is routed to once
//  - RouteSet: matches() counts every add, repeats included; queues and exchanges kept
//    apart and de-duplicated; clear()

#include "model/VHost.h"

#include <QtTest/QTest>

#include <algorithm>

using namespace warren::model;
using warren::amqp::FieldTable;
using warren::amqp::FieldValue;

namespace {

Exchange *addExchange(VHost &vh, const char *name, const char *type, const char *alternate = nullptr)
{
    FieldTable args;
    if (alternate)
        args.append("alternate-exchange", FieldValue::string(alternate));
    return vh.addExchange(Exchange::create(name, type, ExchangeOptions{false, false, false, args}));
}

Destination to(Queue *q) { return Destination{q, nullptr}; }
Destination to(Exchange *e) { return Destination{nullptr, e}; }

// Sorted names of the queues a message reaches.
QByteArray routed(const VHost &vh, const Exchange *e, const QByteArray &key, const FieldTable *headers = nullptr)
{
    RoutingInput in;
    in.routingKey = key;
    in.headers = headers;
    RouteSet out;
    vh.route(*e, in, out);
    QByteArrayList names;
    for (const Destination &d : out.queues())
        names.append(d.queue->name());
    std::sort(names.begin(), names.end());
    return names.join(' ');
}

} // namespace

class tst_AlternateExchange : public QObject {
    Q_OBJECT

private slots:
    void alternateExchangeArgument();
    void usedOnlyWhenNothingMatches_data();
    void usedOnlyWhenNothingMatches();
    void exchangeBindingIsAMatch();
    void downstreamAlternate();
    void alternateFollowsItsOwnBindings();
    void alternateHeaders();
    void chain();
    void cycles_data();
    void cycles();
    void missingAlternate();
    void queueReachedTwiceOnce();
    void routeSetMatches();
};

void tst_AlternateExchange::alternateExchangeArgument()
{
    const auto make = [](FieldTable args) {
        return Exchange::create("e", "direct", ExchangeOptions{false, false, false, std::move(args)});
    };
    QCOMPARE(make({})->alternateExchange(), std::optional<QByteArray>());
    QCOMPARE(make({{"alternate-exchange", FieldValue::string("ae")}})->alternateExchange(),
             std::optional<QByteArray>("ae"));
    QCOMPARE(make({{"x-other", FieldValue::string("ae")}})->alternateExchange(), std::optional<QByteArray>());
    QCOMPARE(make({{"alternate-exchange", FieldValue::integer(1)}})->alternateExchange(),
             std::optional<QByteArray>());
    QCOMPARE(make({{"alternate-exchange", FieldValue::string("")}})->alternateExchange(),
             std::optional<QByteArray>(""));
}

void tst_AlternateExchange::usedOnlyWhenNothingMatches_data()
{
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("bindingKey");   // src -> q1; empty for fanout: no binding
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("direct, match") << QByteArray("direct") << QByteArray("k") << QByteArray("k") << QByteArray("q1");
    QTest::newRow("direct, no match") << QByteArray("direct") << QByteArray("k") << QByteArray("x")
                                      << QByteArray("qae");
    QTest::newRow("direct, case differs") << QByteArray("direct") << QByteArray("k") << QByteArray("K")
                                          << QByteArray("qae");
    QTest::newRow("topic, match") << QByteArray("topic") << QByteArray("a.*") << QByteArray("a.b")
                                  << QByteArray("q1");
    QTest::newRow("topic, no match") << QByteArray("topic") << QByteArray("a.*") << QByteArray("a.b.c")
                                     << QByteArray("qae");
    QTest::newRow("fanout without bindings") << QByteArray("fanout") << QByteArray() << QByteArray("k")
                                             << QByteArray("qae");
    QTest::newRow("fanout with a binding") << QByteArray("fanout") << QByteArray("whatever") << QByteArray("k")
                                           << QByteArray("q1");
}

void tst_AlternateExchange::usedOnlyWhenNothingMatches()
{
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, bindingKey);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, expected);

    VHost vh("/");
    Queue *q1 = vh.addQueue("q1", {});
    Queue *qae = vh.addQueue("qae", {});
    Exchange *src = addExchange(vh, "src", type.constData(), "ae");
    Exchange *ae = addExchange(vh, "ae", "fanout");
    QVERIFY(ae->bind(Binding{to(qae), "", {}}));
    if (!bindingKey.isEmpty())
        QVERIFY(src->bind(Binding{to(q1), bindingKey, {}}));
    QCOMPARE(src->alternateExchange(), std::optional<QByteArray>("ae"));
    QCOMPARE(routed(vh, src, key), expected);
    // Published to the AE directly, it routes as any exchange.
    QCOMPARE(routed(vh, ae, key), QByteArray("qae"));
}

void tst_AlternateExchange::exchangeBindingIsAMatch()
{
    VHost vh("/");
    Queue *qae = vh.addQueue("qae", {});
    Exchange *src = addExchange(vh, "src", "direct", "ae");
    Exchange *mid = addExchange(vh, "mid", "direct");   // routes nowhere, no AE
    Exchange *ae = addExchange(vh, "ae", "fanout");
    QVERIFY(ae->bind(Binding{to(qae), "", {}}));
    QVERIFY(src->bind(Binding{to(mid), "k", {}}));

    // src matched (the binding to mid): its AE is not used, though mid routes nowhere.
    QCOMPARE(routed(vh, src, "k"), QByteArray());
    // Nothing in src matches "x": the AE.
    QCOMPARE(routed(vh, src, "x"), QByteArray("qae"));
}

void tst_AlternateExchange::downstreamAlternate()
{
    VHost vh("/");
    Queue *q1 = vh.addQueue("q1", {});
    Queue *qae = vh.addQueue("qae", {});
    Queue *qmid = vh.addQueue("qmid", {});
    Queue *qmidae = vh.addQueue("qmidae", {});
    Exchange *src = addExchange(vh, "src", "direct", "ae");
    Exchange *mid = addExchange(vh, "mid", "direct", "midae");
    Exchange *ae = addExchange(vh, "ae", "fanout");
    Exchange *midae = addExchange(vh, "midae", "fanout");
    QVERIFY(ae->bind(Binding{to(qae), "", {}}));
    QVERIFY(midae->bind(Binding{to(qmidae), "", {}}));
    QVERIFY(src->bind(Binding{to(mid), "k", {}}));
    QVERIFY(src->bind(Binding{to(mid), "m", {}}));
    QVERIFY(src->bind(Binding{to(q1), "m", {}}));
    QVERIFY(mid->bind(Binding{to(qmid), "m", {}}));

    // mid is reached but matches nothing: mid's AE, not src's.
    QCOMPARE(routed(vh, src, "k"), QByteArray("qmidae"));
    // Everything matches: no AE at all.
    QCOMPARE(routed(vh, src, "m"), QByteArray("q1 qmid"));
    // src matches nothing: src's AE only (mid is never reached).
    QCOMPARE(routed(vh, src, "z"), QByteArray("qae"));

    // A direct match next to a downstream exchange that needs its AE.
    QVERIFY(src->bind(Binding{to(q1), "k", {}}));
    QCOMPARE(routed(vh, src, "k"), QByteArray("q1 qmidae"));
}

void tst_AlternateExchange::alternateFollowsItsOwnBindings()
{
    VHost vh("/");
    Queue *qa = vh.addQueue("qa", {});
    Queue *q3 = vh.addQueue("q3", {});
    Exchange *src = addExchange(vh, "src", "direct", "ae");
    Exchange *ae = addExchange(vh, "ae", "topic");
    Exchange *e3 = addExchange(vh, "e3", "fanout");
    QVERIFY(ae->bind(Binding{to(qa), "a.#", {}}));
    QVERIFY(ae->bind(Binding{to(e3), "*.b", {}}));
    QVERIFY(e3->bind(Binding{to(q3), "", {}}));

    QCOMPARE(routed(vh, src, "a.b"), QByteArray("q3 qa"));
    QCOMPARE(routed(vh, src, "a.c"), QByteArray("qa"));
    QCOMPARE(routed(vh, src, "x.b"), QByteArray("q3"));
    QCOMPARE(routed(vh, src, "x.c"), QByteArray());   // the AE has no AE of its own
}

void tst_AlternateExchange::alternateHeaders()
{
    VHost vh("/");
    Queue *q = vh.addQueue("q", {});
    Exchange *src = addExchange(vh, "src", "direct", "hdr");
    Exchange *hdr = addExchange(vh, "hdr", "headers");
    QVERIFY(hdr->bind(Binding{to(q), "", {{"kind", FieldValue::string("x")}}}));
    const FieldTable x{{"kind", FieldValue::string("x")}};
    const FieldTable y{{"kind", FieldValue::string("y")}};
    QCOMPARE(routed(vh, src, "k", &x), QByteArray("q"));
    QCOMPARE(routed(vh, src, "k", &y), QByteArray());
    QCOMPARE(routed(vh, src, "k", nullptr), QByteArray());

    // And a headers exchange that matches nothing uses its AE.
    Queue *fallback = vh.addQueue("fallback", {});
    Exchange *hdr2 = addExchange(vh, "hdr2", "headers", "amq.fanout");
    QVERIFY(hdr2->bind(Binding{to(q), "", {{"kind", FieldValue::string("x")}}}));
    QVERIFY(vh.findExchange("amq.fanout")->bind(Binding{to(fallback), "", {}}));
    QCOMPARE(routed(vh, hdr2, "", &x), QByteArray("q"));
    QCOMPARE(routed(vh, hdr2, "", &y), QByteArray("fallback"));
}

void tst_AlternateExchange::chain()
{
    VHost vh("/");
    Queue *q1 = vh.addQueue("q1", {});
    Queue *q2 = vh.addQueue("q2", {});
    Queue *q3 = vh.addQueue("q3", {});
    Exchange *src = addExchange(vh, "src", "direct", "ae1");
    Exchange *ae1 = addExchange(vh, "ae1", "direct", "ae2");
    Exchange *ae2 = addExchange(vh, "ae2", "direct", "ae3");
    Exchange *ae3 = addExchange(vh, "ae3", "fanout");
    QVERIFY(src->bind(Binding{to(q1), "a", {}}));
    QVERIFY(ae1->bind(Binding{to(q2), "b", {}}));
    QVERIFY(ae2->bind(Binding{to(q3), "c", {}}));
    QVERIFY(ae3->bind(Binding{to(q1), "", {}}));
    QVERIFY(ae3->bind(Binding{to(q3), "", {}}));

    QCOMPARE(routed(vh, src, "a"), QByteArray("q1"));
    QCOMPARE(routed(vh, src, "b"), QByteArray("q2"));
    QCOMPARE(routed(vh, src, "c"), QByteArray("q3"));
    QCOMPARE(routed(vh, src, "d"), QByteArray("q1 q3"));   // all the way to the end
    QCOMPARE(routed(vh, ae1, "a"), QByteArray("q1 q3"));   // entering in the middle
}

void tst_AlternateExchange::cycles_data()
{
    QTest::addColumn<QByteArray>("shape");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("self") << QByteArray("self") << QByteArray("x") << QByteArray();
    QTest::newRow("two, nothing anywhere") << QByteArray("two") << QByteArray("x") << QByteArray();
    QTest::newRow("two, the second matches") << QByteArray("two") << QByteArray("k") << QByteArray("q");
    QTest::newRow("three") << QByteArray("three") << QByteArray("x") << QByteArray();
    QTest::newRow("three, the last matches") << QByteArray("three") << QByteArray("k") << QByteArray("q");
    QTest::newRow("ae bound back to the source") << QByteArray("bound back") << QByteArray("x") << QByteArray("q");
}

void tst_AlternateExchange::cycles()
{
    QFETCH(QByteArray, shape);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, expected);

    VHost vh("/");
    Queue *q = vh.addQueue("q", {});
    Exchange *start = nullptr;
    if (shape == "self") {
        start = addExchange(vh, "a", "direct", "a");
    } else if (shape == "two") {
        start = addExchange(vh, "a", "direct", "b");
        Exchange *b = addExchange(vh, "b", "direct", "a");
        QVERIFY(b->bind(Binding{to(q), "k", {}}));
    } else if (shape == "three") {
        start = addExchange(vh, "a", "direct", "b");
        addExchange(vh, "b", "topic", "c");
        Exchange *c = addExchange(vh, "c", "direct", "a");
        QVERIFY(c->bind(Binding{to(q), "k", {}}));
    } else {
        // a's AE is b; b is bound back to a (and to q): a is not visited twice.
        start = addExchange(vh, "a", "direct", "b");
        Exchange *b = addExchange(vh, "b", "fanout", "a");
        QVERIFY(b->bind(Binding{to(start), "", {}}));
        QVERIFY(b->bind(Binding{to(q), "", {}}));
    }
    QCOMPARE(routed(vh, start, key), expected);
}

void tst_AlternateExchange::missingAlternate()
{
    VHost vh("/");
    Queue *q = vh.addQueue("q", {});
    Queue *bound = vh.addQueue("bound", {});
    Exchange *src = addExchange(vh, "src", "direct", "later");
    QVERIFY(src->bind(Binding{to(bound), "k", {}}));
    QCOMPARE(routed(vh, src, "x"), QByteArray());
    QCOMPARE(routed(vh, src, "k"), QByteArray("bound"));

    // Looked up by name when routing: declared later, it is used.
    Exchange *later = addExchange(vh, "later", "fanout");
    QVERIFY(later->bind(Binding{to(q), "", {}}));
    QCOMPARE(routed(vh, src, "x"), QByteArray("q"));

    vh.removeExchange(later);
    QCOMPARE(routed(vh, src, "x"), QByteArray());
    QCOMPARE(src->alternateExchange(), std::optional<QByteArray>("later"));

    // A missing AE in the middle of a chain ends it there.
    Exchange *first = addExchange(vh, "first", "direct", "src");
    QCOMPARE(routed(vh, first, "x"), QByteArray());
    QCOMPARE(routed(vh, first, "k"), QByteArray("bound"));
}

void tst_AlternateExchange::queueReachedTwiceOnce()
{
    VHost vh("/");
    Queue *q = vh.addQueue("q", {});
    Exchange *src = addExchange(vh, "src", "direct", "ae");
    Exchange *mid = addExchange(vh, "mid", "direct", "ae");
    Exchange *ae = addExchange(vh, "ae", "fanout");
    QVERIFY(src->bind(Binding{to(mid), "k", {}}));
    QVERIFY(src->bind(Binding{to(q), "k", {}}));
    QVERIFY(ae->bind(Binding{to(q), "", {}}));

    RoutingInput in;
    in.routingKey = "k";
    RouteSet out;
    vh.route(*src, in, out);   // q directly, and via mid's AE
    QCOMPARE(out.queues().size(), 1);
    QCOMPARE(out.queues()[0].queue, q);
}

void tst_AlternateExchange::routeSetMatches()
{
    Queue q1(1, "q1", {}), q2(2, "q2", {});
    const std::unique_ptr<Exchange> e = Exchange::create("e", "fanout", {});
    RouteSet set;
    QVERIFY(set.isEmpty());
    QCOMPARE(set.matches(), 0);
    set.add(to(&q1));
    set.add(to(&q1));
    set.add(to(e.get()));
    set.add(to(e.get()));
    set.add(to(&q2));
    QCOMPARE(set.matches(), 5);
    QCOMPARE(set.queues().size(), 2);
    QCOMPARE(set.exchanges().size(), 1);
    QVERIFY(!set.isEmpty());
    set.clear();
    QCOMPARE(set.matches(), 0);
    QVERIFY(set.isEmpty());
    QVERIFY(set.exchanges().isEmpty());

    // Only exchanges: still "empty" of queues, but matched.
    set.add(to(e.get()));
    QVERIFY(set.isEmpty());
    QCOMPARE(set.matches(), 1);
}

QTEST_GUILESS_MAIN(tst_AlternateExchange)
#include "tst_alternateexchange.moc"
