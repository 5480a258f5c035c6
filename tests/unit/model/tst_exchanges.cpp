// Unit tests of model::Exchange and its direct, fanout, topic and headers subclasses.
//
// Concerns:
//  - Exchange::create / parseType / typeName: the four type names, case-sensitive, unknown
//    types refused; name and options carried over
//  - bind/unbind return values for every type: identical binding twice -> false, unknown
//    binding (other key, other arguments, other destination) -> false and nothing removed
//  - unbindAll() for every type: counts, removes the routing entries of that destination
//    only (queues and exchange destinations), 0 the second time
//  - direct: exact, case-sensitive keys; several queues per key; the same queue bound twice
//    with different arguments is routed to once, and unbinding one of the two bindings
//    keeps it routed
//  - fanout: every destination whatever the key, each once
//  - many bindings (300 queues, two bindings each, removed in a scrambled order, a
//    destination's all at once too): bindings(), hasBinding(), forEachBindingTo() and routing
//    agree after every removal; RouteSet keeps each of 100 destinations once when offered
//    three times, past its linear look
//  - headers: x-match all / any / all-with-x / any-with-x, x- arguments ignored unless
//    "-with-x", x-match never a condition, missing x-match = all, vacuous all / any, void
//    binding value = presence, numbers of different widths compare by value (also 64-bit
//    values beyond double precision), longstr vs bytes, strings vs numbers, booleans,
//    nested tables; routing without headers; headers decoded from the encoded properties
//    (with and without a headers property, malformed properties), a decoded table taking
//    precedence

#include "model/DirectExchange.h"
#include "model/Exchange.h"
#include "model/FanoutExchange.h"
#include "model/HeadersExchange.h"
#include "model/Queue.h"
#include "model/TopicExchange.h"
#include "protocol/BasicProperties.h"

#include <QtTest/QTest>

#include <QSet>

#include <limits>
#include <memory>

using namespace warren::model;
using warren::amqp::FieldTable;
using warren::amqp::FieldValue;
using VT = FieldValue::Type;

Q_DECLARE_METATYPE(warren::amqp::FieldTable)
Q_DECLARE_METATYPE(warren::model::Exchange::Type)

namespace {

FieldValue str(const char *s) { return FieldValue::string(s); }
FieldValue bytes(const char *s) { return FieldValue::string(s, VT::ByteArray); }
FieldValue num(qint64 v, VT t = VT::Int32) { return FieldValue::integer(v, t); }
FieldValue real(double v, VT t = VT::Double) { return FieldValue::floating(v, t); }
FieldValue voidValue() { return FieldValue(); }

struct Fixture {
    Queue q0{1, "q0", {}};
    Queue q1{2, "q1", {}};
    Queue q2{3, "q2", {}};
    Queue q3{4, "q3", {}};
    std::unique_ptr<Exchange> target = Exchange::create("target", "fanout", {});

    Destination dq(Queue &q) { return Destination{&q, nullptr}; }
    Destination dx() { return Destination{nullptr, target.get()}; }
};

RoutingInput input(const QByteArray &key, const FieldTable *headers = nullptr, QByteArrayView properties = {})
{
    RoutingInput in;
    in.routingKey = key;
    in.headers = headers;
    in.properties = properties;
    return in;
}

QByteArray routed(const Exchange &e, const RoutingInput &in)
{
    RouteSet out;
    e.route(in, out);
    QByteArrayList names;
    for (const Destination &d : out.queues())
        names.append(d.queue->name());
    std::sort(names.begin(), names.end());
    QByteArrayList exchanges;
    for (const Destination &d : out.exchanges())
        exchanges.append("x:" + d.exchange->name());
    std::sort(exchanges.begin(), exchanges.end());
    return (names + exchanges).join(' ');
}

// "q0 q1 x:target": the queue names sorted, then the exchanges (RouteSet holds each once).
QByteArray routed(const Exchange &e, const QByteArray &key, const FieldTable *headers = nullptr)
{
    return routed(e, input(key, headers));
}

QByteArray encodedProperties(std::optional<FieldTable> headers)
{
    warren::amqp::BasicProperties p;
    p.contentType = "text/plain";
    p.headers = std::move(headers);
    p.deliveryMode = 2;
    return p.encode();
}

} // namespace

class tst_Exchanges : public QObject {
    Q_OBJECT

private slots:
    void parseType_data();
    void parseType();
    void createCarriesOptions_data();
    void createCarriesOptions();
    void bindUnbindReturnValues_data();
    void bindUnbindReturnValues();
    void unbindAll_data();
    void unbindAll();
    void directExactKey();
    void directSameQueueTwice();
    void fanout();
    void manyBindingsStayIndexed_data();
    void manyBindingsStayIndexed();
    void routeSetDedupesManyDestinations();
    void topicThroughExchange();
    void headersMatch_data();
    void headersMatch();
    void headersRoute();
    void headersFromEncodedProperties();
};

void tst_Exchanges::parseType_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<bool>("known");
    QTest::addColumn<Exchange::Type>("type");

    QTest::newRow("direct") << QByteArray("direct") << true << Exchange::Type::Direct;
    QTest::newRow("fanout") << QByteArray("fanout") << true << Exchange::Type::Fanout;
    QTest::newRow("topic") << QByteArray("topic") << true << Exchange::Type::Topic;
    QTest::newRow("headers") << QByteArray("headers") << true << Exchange::Type::Headers;
    QTest::newRow("capitalised") << QByteArray("Direct") << false << Exchange::Type::Direct;
    QTest::newRow("upper case") << QByteArray("TOPIC") << false << Exchange::Type::Direct;
    QTest::newRow("empty") << QByteArray("") << false << Exchange::Type::Direct;
    QTest::newRow("plugin type") << QByteArray("x-delayed-message") << false << Exchange::Type::Direct;
    QTest::newRow("trailing space") << QByteArray("headers ") << false << Exchange::Type::Direct;
    QTest::newRow("prefix") << QByteArray("fan") << false << Exchange::Type::Direct;
    QTest::newRow("longer") << QByteArray("topics") << false << Exchange::Type::Direct;
}

void tst_Exchanges::parseType()
{
    QFETCH(QByteArray, name);
    QFETCH(bool, known);
    QFETCH(Exchange::Type, type);

    Exchange::Type parsed = Exchange::Type::Fanout;
    QCOMPARE(Exchange::parseType(name, &parsed), known);
    std::unique_ptr<Exchange> e = Exchange::create("ex", name, {});
    QCOMPARE(e != nullptr, known);
    if (!known) {
        QCOMPARE(parsed, Exchange::Type::Fanout);   // left alone
        return;
    }
    QCOMPARE(parsed, type);
    QCOMPARE(QByteArray(Exchange::typeName(type)), name);
    QCOMPARE(e->type(), type);
    QCOMPARE(QByteArray(e->typeName()), name);
}

void tst_Exchanges::createCarriesOptions_data()
{
    QTest::addColumn<QByteArray>("typeName");
    for (const char *t : {"direct", "fanout", "topic", "headers"})
        QTest::newRow(t) << QByteArray(t);
}

void tst_Exchanges::createCarriesOptions()
{
    QFETCH(QByteArray, typeName);
    const FieldTable args{{"alternate-exchange", str("ae")}};
    std::unique_ptr<Exchange> e = Exchange::create("my.ex", typeName, ExchangeOptions{true, true, true, args});
    QVERIFY(e);
    QCOMPARE(e->name(), QByteArray("my.ex"));
    QVERIFY(e->options().durable);
    QVERIFY(e->options().autoDelete);
    QVERIFY(e->options().internal);
    QVERIFY(e->options().arguments == args);
    QVERIFY(e->bindings().empty());
    QCOMPARE(e->publishedIn, std::uint64_t(0));

    std::unique_ptr<Exchange> plain = Exchange::create("p", typeName, {});
    QVERIFY(!plain->options().durable);
    QVERIFY(!plain->options().autoDelete);
    QVERIFY(!plain->options().internal);
}

void tst_Exchanges::bindUnbindReturnValues_data()
{
    createCarriesOptions_data();
}

void tst_Exchanges::bindUnbindReturnValues()
{
    QFETCH(QByteArray, typeName);
    Fixture f;
    std::unique_ptr<Exchange> e = Exchange::create("ex", typeName, {});
    const FieldTable args{{"x-match", str("all")}};

    const Binding b{f.dq(f.q0), "k", {}};
    QVERIFY(e->bind(b));
    QVERIFY(!e->bind(b));
    QVERIFY(e->bind(Binding{f.dq(f.q0), "k", args}));   // other arguments: another binding
    QVERIFY(e->bind(Binding{f.dq(f.q0), "k2", {}}));    // other key
    QVERIFY(e->bind(Binding{f.dq(f.q1), "k", {}}));     // other queue
    QVERIFY(e->bind(Binding{f.dx(), "k", {}}));         // an exchange
    QVERIFY(!e->bind(Binding{f.dx(), "k", {}}));
    QCOMPARE(e->bindings().size(), size_t(5));
    QCOMPARE(routed(*e, "k"), QByteArray("q0 q1 x:target"));

    // Nothing that is not bound exactly like this unbinds.
    QVERIFY(!e->unbind(Binding{f.dq(f.q2), "k", {}}));
    QVERIFY(!e->unbind(Binding{f.dq(f.q0), "k3", {}}));
    QVERIFY(!e->unbind(Binding{f.dq(f.q1), "k", args}));
    QVERIFY(!e->unbind(Binding{Destination{nullptr, nullptr}, "k", {}}));
    QCOMPARE(e->bindings().size(), size_t(5));
    QCOMPARE(routed(*e, "k"), QByteArray("q0 q1 x:target"));

    QVERIFY(e->unbind(Binding{f.dq(f.q1), "k", {}}));
    QVERIFY(!e->unbind(Binding{f.dq(f.q1), "k", {}}));
    QCOMPARE(routed(*e, "k"), QByteArray("q0 x:target"));
    QVERIFY(e->unbind(Binding{f.dx(), "k", {}}));
    QCOMPARE(routed(*e, "k"), QByteArray("q0"));
    QCOMPARE(e->bindings().size(), size_t(3));
    QVERIFY(e->bindings()[0] == b);   // the flat list keeps binding order
}

void tst_Exchanges::unbindAll_data()
{
    createCarriesOptions_data();
}

void tst_Exchanges::unbindAll()
{
    QFETCH(QByteArray, typeName);
    Fixture f;
    std::unique_ptr<Exchange> e = Exchange::create("ex", typeName, {});
    QVERIFY(e->bind(Binding{f.dq(f.q0), "k", {}}));
    QVERIFY(e->bind(Binding{f.dq(f.q0), "k2", {}}));
    QVERIFY(e->bind(Binding{f.dq(f.q0), "k", FieldTable{{"n", num(1)}}}));
    QVERIFY(e->bind(Binding{f.dq(f.q1), "k", {}}));
    QVERIFY(e->bind(Binding{f.dx(), "k", {}}));
    // Headers: only the argument-less bindings match a message without headers; the one
    // with n=1 does not, so q0 is reached through its other bindings.
    QCOMPARE(routed(*e, "k"), QByteArray("q0 q1 x:target"));

    QCOMPARE(e->unbindAll(f.dq(f.q0)), 3);
    QCOMPARE(e->bindings().size(), size_t(2));
    QCOMPARE(routed(*e, "k"), QByteArray("q1 x:target"));
    QCOMPARE(routed(*e, "k2"), typeName == "direct" || typeName == "topic" ? QByteArray() : QByteArray("q1 x:target"));
    QCOMPARE(e->unbindAll(f.dq(f.q0)), 0);
    QCOMPARE(e->unbindAll(f.dq(f.q2)), 0);

    QCOMPARE(e->unbindAll(f.dx()), 1);
    QCOMPARE(routed(*e, "k"), QByteArray("q1"));
    QCOMPARE(e->unbindAll(f.dq(f.q1)), 1);
    QVERIFY(e->bindings().empty());
    QCOMPARE(routed(*e, "k"), QByteArray());

    // Rebinding after everything went works as the first time.
    QVERIFY(e->bind(Binding{f.dq(f.q0), "k", {}}));
    QCOMPARE(routed(*e, "k"), QByteArray("q0"));
}

void tst_Exchanges::directExactKey()
{
    Fixture f;
    DirectExchange e("d", {});
    QVERIFY(e.bind(Binding{f.dq(f.q0), "k", {}}));
    QVERIFY(e.bind(Binding{f.dq(f.q1), "k", {}}));
    QVERIFY(e.bind(Binding{f.dq(f.q2), "other", {}}));
    QVERIFY(e.bind(Binding{f.dq(f.q3), "", {}}));

    QCOMPARE(routed(e, "k"), QByteArray("q0 q1"));
    QCOMPARE(routed(e, "other"), QByteArray("q2"));
    QCOMPARE(routed(e, ""), QByteArray("q3"));
    QCOMPARE(routed(e, "K"), QByteArray());
    QCOMPARE(routed(e, "k "), QByteArray());
    QCOMPARE(routed(e, "k.x"), QByteArray());
    QCOMPARE(routed(e, "#"), QByteArray());
    QCOMPARE(routed(e, "oth"), QByteArray());
}

void tst_Exchanges::directSameQueueTwice()
{
    Fixture f;
    DirectExchange e("d", {});
    const FieldTable a1{{"a", num(1)}};
    const FieldTable a2{{"a", num(2)}};
    QVERIFY(e.bind(Binding{f.dq(f.q0), "k", a1}));
    QVERIFY(e.bind(Binding{f.dq(f.q0), "k", a2}));
    QVERIFY(e.bind(Binding{f.dq(f.q1), "k", {}}));

    RouteSet out;
    e.route(input("k"), out);
    QCOMPARE(out.queues().size(), 2);   // q0 once
    QCOMPARE(routed(e, "k"), QByteArray("q0 q1"));

    QVERIFY(e.unbind(Binding{f.dq(f.q0), "k", a1}));
    QCOMPARE(routed(e, "k"), QByteArray("q0 q1"));   // still bound with a2
    QVERIFY(!e.unbind(Binding{f.dq(f.q0), "k", a1}));
    QCOMPARE(routed(e, "k"), QByteArray("q0 q1"));
    QVERIFY(e.unbind(Binding{f.dq(f.q0), "k", a2}));
    QCOMPARE(routed(e, "k"), QByteArray("q1"));
    QVERIFY(e.unbind(Binding{f.dq(f.q1), "k", {}}));
    QCOMPARE(routed(e, "k"), QByteArray());
}

void tst_Exchanges::fanout()
{
    Fixture f;
    FanoutExchange e("f", {});
    QCOMPARE(routed(e, "anything"), QByteArray());
    QVERIFY(e.bind(Binding{f.dq(f.q0), "x", {}}));
    QVERIFY(e.bind(Binding{f.dq(f.q1), "", {}}));
    QVERIFY(e.bind(Binding{f.dq(f.q0), "y", {}}));
    QVERIFY(e.bind(Binding{f.dx(), "z", {}}));

    for (const QByteArray &key : {QByteArray(""), QByteArray("x"), QByteArray("whatever.else"), QByteArray("#")})
        QCOMPARE(routed(e, key), QByteArray("q0 q1 x:target"));

    QVERIFY(e.unbind(Binding{f.dq(f.q0), "x", {}}));
    QCOMPARE(routed(e, "x"), QByteArray("q0 q1 x:target"));   // still bound by "y"
    QVERIFY(e.unbind(Binding{f.dq(f.q0), "y", {}}));
    QCOMPARE(routed(e, "x"), QByteArray("q1 x:target"));
}

void tst_Exchanges::topicThroughExchange()
{
    Fixture f;
    TopicExchange e("t", {});
    QVERIFY(e.bind(Binding{f.dq(f.q0), "a.*", {}}));
    QVERIFY(e.bind(Binding{f.dq(f.q1), "a.#", {}}));
    QVERIFY(e.bind(Binding{f.dq(f.q1), "#.b", {}}));
    QVERIFY(e.bind(Binding{f.dx(), "#", {}}));
    QCOMPARE(routed(e, "a.b"), QByteArray("q0 q1 x:target"));
    QCOMPARE(routed(e, "a"), QByteArray("q1 x:target"));
    QCOMPARE(routed(e, "c"), QByteArray("x:target"));
    QVERIFY(e.unbind(Binding{f.dq(f.q1), "a.#", {}}));
    QCOMPARE(routed(e, "a.b"), QByteArray("q0 q1 x:target"));
    QCOMPARE(routed(e, "a.c"), QByteArray("q0 x:target"));
}

void tst_Exchanges::headersMatch_data()
{
    QTest::addColumn<FieldTable>("binding");
    QTest::addColumn<FieldTable>("headers");
    QTest::addColumn<bool>("matches");

    const FieldValue all = str("all"), any = str("any");
    const FieldValue allX = str("all-with-x"), anyX = str("any-with-x");

    auto row = [](const char *name, FieldTable b, FieldTable h, bool m) {
        QTest::newRow(name) << b << h << m;
    };

    // x-match = all
    row("all: all equal", {{"x-match", all}, {"a", num(1)}, {"b", str("x")}}, {{"a", num(1)}, {"b", str("x")}}, true);
    row("all: other order", {{"x-match", all}, {"a", num(1)}, {"b", str("x")}}, {{"b", str("x")}, {"a", num(1)}}, true);
    row("all: extra headers", {{"x-match", all}, {"a", num(1)}}, {{"z", num(9)}, {"a", num(1)}, {"c", num(3)}}, true);
    row("all: one missing", {{"x-match", all}, {"a", num(1)}, {"b", str("x")}}, {{"a", num(1)}}, false);
    row("all: one differs", {{"x-match", all}, {"a", num(1)}, {"b", str("x")}}, {{"a", num(1)}, {"b", str("y")}}, false);
    row("all: no headers", {{"x-match", all}, {"a", num(1)}}, {}, false);
    row("all: x-match last", {{"a", num(1)}, {"x-match", all}}, {{"a", num(1)}}, true);
    // x-match = any
    row("any: first", {{"x-match", any}, {"a", num(1)}, {"b", num(2)}}, {{"a", num(1)}}, true);
    row("any: second", {{"x-match", any}, {"a", num(1)}, {"b", num(2)}}, {{"b", num(2)}}, true);
    row("any: none present", {{"x-match", any}, {"a", num(1)}, {"b", num(2)}}, {{"c", num(1)}}, false);
    row("any: wrong values", {{"x-match", any}, {"a", num(1)}, {"b", num(2)}}, {{"a", num(2)}, {"b", num(1)}}, false);
    row("any: no headers", {{"x-match", any}, {"a", num(1)}}, {}, false);
    // missing x-match and vacuous cases
    row("default all: match", {{"a", num(1)}, {"b", num(2)}}, {{"a", num(1)}, {"b", num(2)}}, true);
    row("default all: partial", {{"a", num(1)}, {"b", num(2)}}, {{"a", num(1)}}, false);
    row("empty binding, no headers", {}, {}, true);
    row("empty binding, headers", {}, {{"a", num(1)}}, true);
    row("all without conditions", {{"x-match", all}}, {}, true);
    row("any without conditions", {{"x-match", any}}, {{"a", num(1)}}, false);
    // x- arguments
    row("all ignores x- args", {{"x-match", all}, {"x-foo", num(1)}, {"a", num(1)}}, {{"a", num(1)}}, true);
    row("all with only x- args", {{"x-match", all}, {"x-foo", num(1)}}, {}, true);
    row("any ignores x- args", {{"x-match", any}, {"x-foo", num(1)}}, {{"x-foo", num(1)}}, false);
    row("any ignores x- args, has others", {{"x-match", any}, {"x-foo", num(1)}, {"a", num(1)}}, {{"x-foo", num(1)}}, false);
    row("all-with-x needs x- header", {{"x-match", allX}, {"x-foo", num(1)}, {"a", num(1)}}, {{"a", num(1)}}, false);
    row("all-with-x matched", {{"x-match", allX}, {"x-foo", num(1)}, {"a", num(1)}}, {{"a", num(1)}, {"x-foo", num(1)}}, true);
    row("any-with-x by x- header", {{"x-match", anyX}, {"x-foo", num(1)}, {"a", num(1)}}, {{"x-foo", num(1)}}, true);
    row("any-with-x none", {{"x-match", anyX}, {"x-foo", num(1)}, {"a", num(1)}}, {{"b", num(1)}}, false);
    row("all-with-x skips x-match itself", {{"x-match", allX}, {"a", num(1)}}, {{"a", num(1)}}, true);
    row("x-match header is no condition", {{"x-match", any}, {"a", num(1)}}, {{"x-match", str("any")}}, false);
    row("x-match header under any-with-x", {{"x-match", anyX}, {"a", num(1)}}, {{"x-match", str("any-with-x")}}, false);
    // void binding values: presence only
    row("void: present", {{"a", voidValue()}}, {{"a", str("anything")}}, true);
    row("void: absent", {{"a", voidValue()}}, {{"b", num(1)}}, false);
    row("void: void header", {{"a", voidValue()}}, {{"a", voidValue()}}, true);
    row("void under any", {{"x-match", any}, {"a", voidValue()}, {"b", num(1)}}, {{"a", num(5, VT::Int64)}}, true);
    row("value vs void header", {{"a", num(1)}}, {{"a", voidValue()}}, false);
    // numbers compare by value whatever their width
    row("int8 vs int64", {{"a", num(1, VT::Int8)}}, {{"a", num(1, VT::Int64)}}, true);
    row("uint16 vs int32", {{"a", num(300, VT::UInt16)}}, {{"a", num(300, VT::Int32)}}, true);
    row("uint8 vs int16", {{"a", num(255, VT::UInt8)}}, {{"a", num(255, VT::Int16)}}, true);
    row("uint8 255 vs int8 -1", {{"a", num(255, VT::UInt8)}}, {{"a", num(-1, VT::Int8)}}, false);
    row("uint32 max vs int32 -1", {{"a", num(4294967295LL, VT::UInt32)}}, {{"a", num(-1, VT::Int32)}}, false);
    row("negative across widths", {{"a", num(-5, VT::Int8)}}, {{"a", num(-5, VT::Int64)}}, true);
    row("different values", {{"a", num(1, VT::Int64)}}, {{"a", num(2, VT::Int64)}}, false);
    row("double vs int", {{"a", real(1.0)}}, {{"a", num(1)}}, true);
    row("double 1.5 vs int", {{"a", real(1.5)}}, {{"a", num(1)}}, false);
    row("float vs double", {{"a", real(1.5, VT::Float)}}, {{"a", real(1.5)}}, true);
    row("int64 2^53+1 vs 2^53",
        {{"a", num((qint64(1) << 53) + 1, VT::Int64)}}, {{"a", num(qint64(1) << 53, VT::Int64)}}, false);
    row("int64 max vs max-1", {{"a", num(std::numeric_limits<qint64>::max(), VT::Int64)}},
        {{"a", num(std::numeric_limits<qint64>::max() - 1, VT::Int64)}}, false);
    // strings
    row("longstr vs bytes", {{"a", str("x")}}, {{"a", bytes("x")}}, true);
    row("bytes vs longstr", {{"a", bytes("x")}}, {{"a", str("x")}}, true);
    row("string differs", {{"a", str("x")}}, {{"a", str("X")}}, false);
    row("empty string", {{"a", str("")}}, {{"a", str("")}}, true);
    row("empty string vs absent", {{"a", str("")}}, {}, false);
    row("string vs number", {{"a", str("1")}}, {{"a", num(1)}}, false);
    // other types
    row("bool equal", {{"a", FieldValue::boolean(true)}}, {{"a", FieldValue::boolean(true)}}, true);
    row("bool differs", {{"a", FieldValue::boolean(true)}}, {{"a", FieldValue::boolean(false)}}, false);
    row("bool vs int", {{"a", FieldValue::boolean(true)}}, {{"a", num(1, VT::Int8)}}, false);
    row("tables equal", {{"a", FieldValue::table({{"b", num(1)}})}}, {{"a", FieldValue::table({{"b", num(1)}})}}, true);
    row("tables differ", {{"a", FieldValue::table({{"b", num(1)}})}}, {{"a", FieldValue::table({{"b", num(2)}})}}, false);
    row("arrays equal", {{"a", FieldValue::array({num(1), str("s")})}}, {{"a", FieldValue::array({num(1), str("s")})}}, true);
}

void tst_Exchanges::headersMatch()
{
    QFETCH(FieldTable, binding);
    QFETCH(FieldTable, headers);
    QFETCH(bool, matches);

    QCOMPARE(HeadersExchange::matches(binding, headers), matches);

    // route() agrees with matches().
    Fixture f;
    HeadersExchange e("h", {});
    QVERIFY(e.bind(Binding{f.dq(f.q0), "ignored", binding}));
    const bool routedThere = routed(e, "any.key", &headers) == "q0";
    QCOMPARE(routedThere, matches);
}

void tst_Exchanges::headersRoute()
{
    Fixture f;
    HeadersExchange e("h", {});
    QVERIFY(e.bind(Binding{f.dq(f.q0), "", {{"x-match", str("any")}, {"a", num(1)}, {"b", num(2)}}}));
    QVERIFY(e.bind(Binding{f.dq(f.q0), "", {{"a", num(1)}}}));          // q0 twice: routed once
    QVERIFY(e.bind(Binding{f.dq(f.q1), "", {{"a", num(1)}, {"b", num(2)}}}));
    QVERIFY(e.bind(Binding{f.dq(f.q2), "", {}}));                        // everything
    QVERIFY(e.bind(Binding{f.dq(f.q3), "", {{"c", voidValue()}}}));

    const FieldTable ab{{"a", num(1, VT::Int64)}, {"b", num(2, VT::UInt8)}};
    const FieldTable b{{"b", num(2)}};
    const FieldTable c{{"c", str("")}};
    QCOMPARE(routed(e, "", &ab), QByteArray("q0 q1 q2"));
    QCOMPARE(routed(e, "", &b), QByteArray("q0 q2"));
    QCOMPARE(routed(e, "", &c), QByteArray("q2 q3"));
    QCOMPARE(routed(e, "whatever", nullptr), QByteArray("q2"));   // no headers at all
    const FieldTable none;
    QCOMPARE(routed(e, "", &none), QByteArray("q2"));

    QVERIFY(e.unbind(Binding{f.dq(f.q2), "", {}}));
    QCOMPARE(routed(e, "", nullptr), QByteArray());
}

void tst_Exchanges::headersFromEncodedProperties()
{
    Fixture f;
    HeadersExchange e("h", {});
    QVERIFY(e.bind(Binding{f.dq(f.q0), "", {{"a", num(1)}}}));
    QVERIFY(e.bind(Binding{f.dq(f.q1), "", {{"x-match", str("any")}, {"b", voidValue()}}}));
    QVERIFY(e.bind(Binding{f.dq(f.q2), "", {}}));

    const QByteArray withA = encodedProperties(FieldTable{{"a", num(1, VT::Int64)}});
    const QByteArray withB = encodedProperties(FieldTable{{"b", str("")}, {"a", num(2)}});
    const QByteArray noHeaders = encodedProperties(std::nullopt);
    const QByteArray emptyHeaders = encodedProperties(FieldTable{});
    QCOMPARE(routed(e, input("", nullptr, withA)), QByteArray("q0 q2"));
    QCOMPARE(routed(e, input("", nullptr, withB)), QByteArray("q1 q2"));
    QCOMPARE(routed(e, input("", nullptr, noHeaders)), QByteArray("q2"));
    QCOMPARE(routed(e, input("", nullptr, emptyHeaders)), QByteArray("q2"));
    QCOMPARE(routed(e, input("", nullptr, QByteArrayView())), QByteArray("q2"));
    // Properties that do not decode route like a message without headers.
    QCOMPARE(routed(e, input("", nullptr, withA.left(withA.size() - 3))), QByteArray("q2"));

    // A decoded table handed in takes precedence over the encoded properties.
    const FieldTable b{{"b", num(1)}};
    QCOMPARE(routed(e, input("", &b, withA)), QByteArray("q1 q2"));

    // One input routed twice (as through exchange-to-exchange bindings) gives the same.
    const RoutingInput in = input("", nullptr, withA);
    QCOMPARE(routed(e, in), QByteArray("q0 q2"));
    QCOMPARE(routed(e, in), QByteArray("q0 q2"));
    QCOMPARE(in.headerTable().size(), 1);
}

void tst_Exchanges::manyBindingsStayIndexed_data()
{
    createCarriesOptions_data();
}

void tst_Exchanges::manyBindingsStayIndexed()
{
    QFETCH(QByteArray, typeName);
    std::unique_ptr<Exchange> e = Exchange::create("ex", typeName, {});
    std::vector<std::unique_ptr<Queue>> queues;
    QSet<Queue *> bound;
    for (int i = 0; i < 300; ++i) {
        queues.push_back(std::make_unique<Queue>(i + 1, "q" + QByteArray::number(i), QueueOptions{}));
        Queue *q = queues.back().get();
        QVERIFY(e->bind(Binding{{q, nullptr}, "k", {}}));
        QVERIFY(e->bind(Binding{{q, nullptr}, "k." + q->name(), {}}));
        QVERIFY(!e->bind(Binding{{q, nullptr}, "k", {}}));
        bound.insert(q);
    }
    const auto check = [&] {
        QCOMPARE(e->bindings().size(), size_t(bound.size() * 2));
        QSet<Queue *> routedTo;
        RouteSet out;
        e->route(input("k"), out);
        for (const Destination &d : out.queues())
            routedTo.insert(d.queue);
        QCOMPARE(routedTo, bound);
        for (const auto &q : queues) {
            const bool expected = bound.contains(q.get());
            QCOMPARE(e->hasBinding(Binding{{q.get(), nullptr}, "k." + q->name(), {}}), expected);
            int count = 0;
            e->forEachBindingTo(Destination{q.get(), nullptr}, [&](const Binding &b) {
                QCOMPARE(b.destination.queue, q.get());
                ++count;
            });
            QCOMPARE(count, expected ? 2 : 0);
        }
    };
    check();
    // Every seventh queue one binding at a time, then every fifth all at once.
    for (size_t i = 0; i < queues.size(); i += 7) {
        Queue *q = queues[i].get();
        QVERIFY(e->unbind(Binding{{q, nullptr}, "k." + q->name(), {}}));
        QVERIFY(!e->unbind(Binding{{q, nullptr}, "k." + q->name(), {}}));
        QVERIFY(e->unbind(Binding{{q, nullptr}, "k", {}}));
        bound.remove(q);
    }
    check();
    for (size_t i = queues.size() - 1; i > 0; i -= 5) {
        Queue *q = queues[i].get();
        QCOMPARE(e->unbindAll(Destination{q, nullptr}), bound.remove(q) ? 2 : 0);
        if (i < 5)
            break;
    }
    check();
}

void tst_Exchanges::routeSetDedupesManyDestinations()
{
    Fixture f;
    std::vector<std::unique_ptr<Queue>> queues;
    for (int i = 0; i < 100; ++i)
        queues.push_back(std::make_unique<Queue>(i + 1, "q" + QByteArray::number(i), QueueOptions{}));
    RouteSet out;
    for (int round = 0; round < 3; ++round) {
        for (const auto &q : queues)
            out.add(Destination{q.get(), nullptr});
        out.add(f.dx());
    }
    QCOMPARE(out.queues().size(), qsizetype(100));
    QCOMPARE(out.exchanges().size(), qsizetype(1));
    QCOMPARE(out.matches(), qsizetype(303));
    out.clear();
    out.add(Destination{queues[0].get(), nullptr});
    QCOMPARE(out.queues().size(), qsizetype(1));   // cleared, its hash too
    out.add(Destination{queues[0].get(), nullptr});
    QCOMPARE(out.queues().size(), qsizetype(1));
}

QTEST_GUILESS_MAIN(tst_Exchanges)
#include "tst_exchanges.moc"
