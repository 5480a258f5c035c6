// Unit tests of model::explainRoute: why a message goes where it goes, held to the router's
// own answers.
//
// Concerns:
//  - randomized (fixed seeds, a few thousand messages): random topologies in one VHost with
//    all four exchange types, alternate exchanges (missing ones and cycles too),
//    exchange-to-exchange bindings (cycles and self-bindings included), some bindings
//    removed again, headers bindings over integers of every width, timestamps, strings and
//    void with the four x-match modes, topic keys with '*', '#' and empty words; random
//    messages (routing key, CC/BCC keys as extra keys, headers decoded or still encoded):
//    - the explanation's queues are the queues VHost::route reaches;
//    - at every exchange visited, the bindings judged matched lead to exactly the queues and
//      exchanges that exchange's own route() offers, and matchedAny is whether route()
//      matched anything, i.e. whether the router passed the message to the alternate exchange;
//    - the visits are the walk: the first is where it was published, every other names an
//      earlier visit it came from, an alternate exchange is visited only from an exchange
//      that matched nothing, and every such exchange's existing alternate exchange is visited;
//    - the router's trail (which exchange took the message to each queue) agrees
//  - hand cases: a headers binding n = 1 as int32 matches a header n = 1 as int64 (the
//    bind dialog's old preview said no); the default exchange's implicit binding; a
//    proposed binding to an existing queue, to a queue not declared yet, to an exchange that
//    leads on, and on the default exchange (ignored); an unroutable message with its missing
//    alternate exchange; the topology version grows on declare, bind, unbind and delete,
//    and an explanation says which version it saw

#include "model/RouteExplainer.h"
#include "model/VHost.h"
#include "protocol/BasicProperties.h"

#include <QRandomGenerator>
#include <QtTest/QTest>

#include <algorithm>
#include <memory>
#include <utility>

using namespace warren::model;
using warren::amqp::BasicProperties;
using warren::amqp::FieldTable;
using warren::amqp::FieldValue;
using warren::observe::BindingRule;
using warren::observe::BindingVerdict;
using warren::observe::Cause;
using warren::observe::ExchangeVisit;
using warren::observe::RouteExplanation;

namespace {

Exchange *addExchange(VHost &vh, const QByteArray &name, const char *type, FieldTable arguments = {})
{
    return vh.addExchange(Exchange::create(name, type, ExchangeOptions{false, false, false, std::move(arguments)}));
}

Binding toQueue(Queue *q, const QByteArray &key, FieldTable arguments = {})
{
    return Binding{Destination{q, nullptr}, key, std::move(arguments)};
}

Binding toExchange(Exchange *x, const QByteArray &key, FieldTable arguments = {})
{
    return Binding{Destination{nullptr, x}, key, std::move(arguments)};
}

QByteArrayList sortedUnique(QByteArrayList names)
{
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

template <class List> QByteArrayList namesOf(const List &destinations)
{
    QByteArrayList names;
    for (const Destination &d : destinations)
        names.append(d.queue ? d.queue->name() : d.exchange->name());
    return sortedUnique(names);
}

QByteArrayList routerQueues(const VHost &vh, const Exchange &start, const RoutingInput &input)
{
    RouteSet out;
    vh.route(start, input, out);
    return namesOf(out.queues());
}

// ---- random topologies and messages ---------------------------------------------------

class Random {
public:
    explicit Random(quint32 seed) : rng_(seed) {}

    int below(int n) { return int(rng_.bounded(n)); }
    bool chance(int percent) { return below(100) < percent; }
    template <class T> const T &pick(const QList<T> &from) { return from[below(int(from.size()))]; }

    // Up to `maxWords` words from the alphabet, joined by dots ("" has no words at all).
    QByteArray words(const QByteArrayList &alphabet, int maxWords)
    {
        QByteArrayList out;
        for (int n = below(maxWords + 1); n > 0; --n)
            out.append(pick(alphabet));
        return out.join('.');
    }

    // Header values that compare in interesting ways: 1 in every integer width and as a
    // timestamp, other numbers, strings that look like numbers, void.
    FieldValue value()
    {
        using T = FieldValue::Type;
        switch (below(13)) {
        case 0: return FieldValue::integer(1, T::Int8);
        case 1: return FieldValue::integer(1, T::Int16);
        case 2: return FieldValue::integer(1, T::Int32);
        case 3: return FieldValue::integer(1, T::Int64);
        case 4: return FieldValue::integer(1, T::UInt8);
        case 5: return FieldValue::integer(1, T::Timestamp);
        case 6: return FieldValue::integer(2, T::Int32);
        case 7: return FieldValue::integer(-1, T::Int64);
        case 8: return FieldValue::string("1");
        case 9: return FieldValue::string("a");
        case 10: return FieldValue::string("a", T::ByteArray);
        case 11: return FieldValue::boolean(true);
        default: return FieldValue();   // void: in a binding, "present"
        }
    }

    FieldTable headers(int maxEntries)
    {
        static const QByteArrayList names{"n", "m", "x-k"};
        FieldTable t;
        for (int n = below(maxEntries + 1); n > 0; --n)
            t.append(pick(names), value());   // duplicates too: the first one counts
        return t;
    }

    FieldTable headersBinding()
    {
        static const QByteArrayList modes{"all", "any", "all-with-x", "any-with-x"};
        FieldTable args = headers(3);
        if (!chance(20))   // without x-match: "all"
            args.append("x-match", FieldValue::string(pick(modes)));
        return args;
    }

private:
    QRandomGenerator rng_;
};

const QByteArrayList kKeyWords{"a", "b", "c", "", "q0"};
const QByteArrayList kPatternWords{"a", "b", "c", "", "*", "#", "q0"};

struct Topology {
    std::unique_ptr<VHost> vhost = std::make_unique<VHost>("/");
    QList<Exchange *> exchanges;
    QList<Queue *> queues;
    QList<QByteArray> queueNames;
};

Topology randomTopology(Random &r)
{
    static const QList<const char *> types{"direct", "fanout", "topic", "headers"};
    Topology t;
    VHost &vh = *t.vhost;
    const int exchanges = 2 + r.below(5);
    QByteArrayList names;
    for (int i = 0; i < exchanges; ++i)
        names.append("e" + QByteArray::number(i));
    for (const QByteArray &name : names) {
        FieldTable args;
        if (r.chance(40))   // any of them, itself included, or one that does not exist
            args.append("alternate-exchange", FieldValue::string(r.chance(15) ? "missing" : r.pick(names)));
        t.exchanges.append(addExchange(vh, name, r.pick(types), args));
    }
    for (int i = 0, n = 1 + r.below(5); i < n; ++i) {
        t.queues.append(vh.addQueue("q" + QByteArray::number(i), QueueOptions{}));
        t.queueNames.append(t.queues.last()->name());
    }
    for (int i = 0, n = r.below(4 * exchanges); i < n; ++i) {
        Exchange *source = r.pick(t.exchanges);
        Destination destination;
        if (r.chance(70))
            destination.queue = r.pick(t.queues);
        else
            destination.exchange = r.pick(t.exchanges);   // itself too: cycles
        QByteArray key;
        FieldTable args;
        switch (source->type()) {
        case Exchange::Type::Topic: key = r.words(kPatternWords, 4); break;
        case Exchange::Type::Headers: args = r.headersBinding(); break;
        default: key = r.words(kKeyWords, 3); break;
        }
        if (source->type() != Exchange::Type::Headers && r.chance(15))
            args.append("k", FieldValue::integer(r.below(2)));   // the same key bound twice
        vh.bind(*source, Binding{destination, key, args});
    }
    // Some bindings go again: the routing tables must forget them exactly.
    for (Exchange *x : std::as_const(t.exchanges)) {
        const std::vector<Binding> bindings = x->bindings();
        for (const Binding &b : bindings) {
            if (r.chance(15))
                vh.unbind(*x, b);
        }
    }
    return t;
}

struct RandomMessage {
    QByteArray routingKey;
    QList<QByteArray> extraKeys;
    FieldTable headers;
    QByteArray encoded;   // the properties holding the headers
    bool decoded = false; // headers handed in decoded rather than read from `encoded`

    RoutingInput input() const { return RoutingInput{routingKey, decoded ? &headers : nullptr, encoded, extraKeys}; }
};

RandomMessage randomMessage(Random &r, const Topology &t)
{
    const auto key = [&] { return r.chance(25) ? r.pick(t.queueNames) : r.words(kKeyWords, 4); };
    RandomMessage m;
    m.routingKey = key();
    if (r.chance(25)) {
        for (int n = 1 + r.below(2); n > 0; --n)
            m.extraKeys.append(key());
    }
    m.headers = r.headers(3);
    BasicProperties p;
    if (!m.headers.isEmpty())
        p.headers = m.headers;
    m.encoded = p.encode();
    m.decoded = r.chance(50);
    return m;
}

QByteArray describe(const VHost &vh, const Exchange &start, const RandomMessage &m)
{
    QByteArray text = "publish to '" + start.name() + "' key '" + m.routingKey + "'";
    if (!m.extraKeys.isEmpty())
        text += " CC " + QByteArrayList(m.extraKeys).join(',');
    text += " headers {";
    for (const auto &[name, value] : m.headers)
        text += name + ':' + char(value.type()) + QByteArray::number(value.toInteger()) + value.toBytes() + ' ';
    text += "}\n";
    for (const auto &x : vh.exchanges()) {
        if (x->name().startsWith("amq."))
            continue;
        text += "  " + x->name() + " (" + x->typeName() + ", ae " + x->alternateExchange().value_or("-") + "):";
        for (const Binding &b : x->bindings())
            text += " ->" + (b.destination.queue ? b.destination.queue->name() : b.destination.exchange->name())
                + "[" + b.routingKey + "]";
        text += '\n';
    }
    return text;
}

} // namespace

class RouteExplainerTest : public QObject {
    Q_OBJECT
private slots:
    void randomTopologiesAgreeWithTheRouter();
    void headersInt32BindingMatchesInt64Header();
    void defaultExchangeVerdict();
    void proposedBindingToExistingQueue();
    void proposedBindingToQueueNotYetDeclared();
    void proposedBindingToExchangeThatLeadsOn();
    void proposedBindingOnDefaultExchangeIsIgnored();
    void unroutable();
    void topologyVersionGrows();

private:
    void checkAgainstRouter(const VHost &vh, const Exchange &start, const RandomMessage &m);
};

void RouteExplainerTest::checkAgainstRouter(const VHost &vh, const Exchange &start, const RandomMessage &m)
{
    const RouteExplanation explained = explainRoute(vh, start, m.input());
    RouteSet routed;
    RouteTrail trail;
    {
        const RoutingInput input = m.input();
        vh.route(start, input, routed, &trail);
    }
    const QByteArray what = describe(vh, start, m);
    QVERIFY2(QByteArrayList(explained.queues) == namesOf(routed.queues()),
             (what + "explained " + QByteArrayList(explained.queues).join(',') + ", routed "
              + namesOf(routed.queues()).join(','))
                 .constData());

    QVERIFY2(!explained.visits.isEmpty(), what.constData());
    QCOMPARE(explained.visits[0].exchange, start.name());
    QCOMPARE(explained.visits[0].how, Cause::None);
    QByteArrayList visited;
    for (const ExchangeVisit &v : explained.visits) {
        const Exchange *x = vh.findExchange(v.exchange);
        QVERIFY2(x, what.constData());
        QVERIFY2(!visited.contains(v.exchange), what.constData());   // each exchange once
        // This exchange's own routing step, alone.
        RouteSet single;
        x->route(m.input(), single);
        const QByteArray here = what + "at '" + v.exchange + "'";
        QVERIFY2(v.matchedAny == (single.matches() > 0), here.constData());
        QByteArrayList queues, exchanges;
        for (const BindingVerdict &b : v.bindings) {
            if (b.matched)
                (b.toExchange ? exchanges : queues).append(b.destination);
        }
        QVERIFY2(sortedUnique(queues) == namesOf(single.queues()), here.constData());
        QVERIFY2(sortedUnique(exchanges) == namesOf(single.exchanges()), here.constData());
        if (&v != &explained.visits[0]) {
            QVERIFY2(visited.contains(v.from), here.constData());   // came from an earlier visit
            const ExchangeVisit &from = explained.visits[visited.indexOf(v.from)];
            if (v.how == Cause::AlternateExchange) {
                QVERIFY2(!from.matchedAny && from.alternateExchange == v.exchange, here.constData());
            } else {
                QCOMPARE(v.how, Cause::ExchangeBinding);
                const bool ledHere = std::any_of(from.bindings.begin(), from.bindings.end(), [&](const BindingVerdict &b) {
                    return b.matched && b.toExchange && b.destination == v.exchange;
                });
                QVERIFY2(ledHere, here.constData());
            }
        }
        visited.append(v.exchange);
    }
    // Every exchange that matched nothing passed the message to its alternate exchange.
    for (const ExchangeVisit &v : explained.visits) {
        if (!v.matchedAny && !v.alternateExchange.isEmpty()) {
            QCOMPARE(v.alternateMissing, vh.findExchange(v.alternateExchange) == nullptr);
            QVERIFY2(v.alternateMissing || visited.contains(v.alternateExchange), what.constData());
        }
    }
    // The router's trail: each queue reached through a binding the explanation saw match.
    for (const RouteStep &step : trail) {
        const qsizetype at = visited.indexOf(step.exchange->name());
        QVERIFY2(at >= 0, what.constData());
        const ExchangeVisit &v = explained.visits[at];
        QCOMPARE(v.how, step.how);
        QVERIFY2(std::any_of(v.bindings.begin(), v.bindings.end(),
                             [&](const BindingVerdict &b) {
                                 return b.matched && !b.toExchange && b.destination == step.queue->name();
                             }),
                 what.constData());
    }
    QCOMPARE(qsizetype(trail.size()), explained.queues.size());
}

void RouteExplainerTest::randomTopologiesAgreeWithTheRouter()
{
    int routedSomewhere = 0, viaAlternate = 0, viaExchange = 0, headerMatches = 0, topicMatches = 0, cases = 0;
    for (quint32 seed : {11u, 12u, 13u, 14u}) {
        Random r(seed);
        for (int topology = 0; topology < 60; ++topology) {
            const Topology t = randomTopology(r);
            for (int message = 0; message < 20; ++message) {
                const Exchange *start = r.chance(10) ? t.vhost->defaultExchange() : r.pick(t.exchanges);
                const RandomMessage m = randomMessage(r, t);
                checkAgainstRouter(*t.vhost, *start, m);
                if (QTest::currentTestFailed()) {
                    qWarning("seed %u, topology %d, message %d", seed, topology, message);
                    return;
                }
                const RouteExplanation e = explainRoute(*t.vhost, *start, m.input());
                ++cases;
                routedSomewhere += !e.isUnroutable();
                for (const ExchangeVisit &v : e.visits) {
                    viaAlternate += v.how == Cause::AlternateExchange;
                    viaExchange += v.how == Cause::ExchangeBinding;
                    for (const BindingVerdict &b : v.bindings) {
                        headerMatches += b.matched && b.rule == BindingRule::HeaderMatch && !b.headers.isEmpty();
                        topicMatches += b.matched && b.rule == BindingRule::TopicPattern;
                    }
                }
            }
        }
    }
    // The random topologies exercise what they are meant to.
    QCOMPARE(cases, 4 * 60 * 20);
    QVERIFY2(routedSomewhere > cases / 5, QByteArray::number(routedSomewhere).constData());
    QVERIFY2(viaAlternate > 100, QByteArray::number(viaAlternate).constData());
    QVERIFY2(viaExchange > 100, QByteArray::number(viaExchange).constData());
    QVERIFY2(headerMatches > 100, QByteArray::number(headerMatches).constData());
    QVERIFY2(topicMatches > 100, QByteArray::number(topicMatches).constData());
}

void RouteExplainerTest::headersInt32BindingMatchesInt64Header()
{
    VHost vh("/");
    Exchange *h = addExchange(vh, "h", "headers");
    Queue *q = vh.addQueue("q", QueueOptions{});
    vh.bind(*h, toQueue(q, "", FieldTable{{"x-match", FieldValue::string("all")},
                                          {"n", FieldValue::integer(1, FieldValue::Type::Int32)}}));
    const FieldTable headers{{"n", FieldValue::integer(1, FieldValue::Type::Int64)}};
    const RoutingInput input{"", &headers, {}, {}};

    const RouteExplanation e = explainRoute(vh, *h, input);
    QCOMPARE(e.queues, QList<QByteArray>{"q"});
    QCOMPARE(e.visits.size(), 1);
    const BindingVerdict &v = e.visits[0].bindings.at(0);
    QCOMPARE(v.rule, BindingRule::HeaderMatch);
    QCOMPARE(v.matchMode, QByteArray("all"));
    QVERIFY(v.matched);
    QCOMPARE(v.headers.size(), 1);
    QCOMPARE(v.headers[0].name, QByteArray("n"));
    QVERIFY(v.headers[0].present);
    QVERIFY(v.headers[0].held);
    QCOMPARE(v.headers[0].actual.type(), FieldValue::Type::Int64);
    QCOMPARE(routerQueues(vh, *h, input), QByteArrayList{"q"});

    // 2 is not 1 in any width.
    const FieldTable two{{"n", FieldValue::integer(2, FieldValue::Type::Int64)}};
    const RoutingInput other{"", &two, {}, {}};
    QVERIFY(explainRoute(vh, *h, other).isUnroutable());
    QVERIFY(routerQueues(vh, *h, other).isEmpty());
}

void RouteExplainerTest::defaultExchangeVerdict()
{
    VHost vh("/");
    vh.addQueue("tasks", QueueOptions{});
    const RoutingInput toTasks{"tasks", nullptr, {}, {}};
    RouteExplanation e = explainRoute(vh, *vh.defaultExchange(), toTasks);
    QCOMPARE(e.queues, QList<QByteArray>{"tasks"});
    QCOMPARE(e.visits.size(), 1);
    QCOMPARE(e.visits[0].exchange, QByteArray());
    QVERIFY(e.visits[0].matchedAny);
    QCOMPARE(e.visits[0].bindings.size(), 1);
    const BindingVerdict &v = e.visits[0].bindings[0];
    QCOMPARE(v.rule, BindingRule::DefaultQueue);
    QCOMPARE(v.destination, QByteArray("tasks"));
    QCOMPARE(v.bindingKey, QByteArray("tasks"));
    QVERIFY(v.destinationExists);
    QVERIFY(v.matched);
    QCOMPARE(v.matchedKey, QByteArray("tasks"));

    // A key that names no queue: the implicit binding it would use does not exist.
    const RoutingInput toNobody{"nobody", nullptr, {}, {}};
    e = explainRoute(vh, *vh.defaultExchange(), toNobody);
    QVERIFY(e.isUnroutable());
    QVERIFY(!e.visits[0].matchedAny);
    QCOMPARE(e.visits[0].bindings.size(), 1);
    QCOMPARE(e.visits[0].bindings[0].destination, QByteArray("nobody"));
    QVERIFY(!e.visits[0].bindings[0].destinationExists);
    QVERIFY(!e.visits[0].bindings[0].matched);

    // CC keys reach the queues they name too.
    const RoutingInput withCc{"nobody", nullptr, {}, {"tasks"}};
    e = explainRoute(vh, *vh.defaultExchange(), withCc);
    QCOMPARE(e.queues, QList<QByteArray>{"tasks"});
    QCOMPARE(routerQueues(vh, *vh.defaultExchange(), withCc), QByteArrayList{"tasks"});
}

void RouteExplainerTest::proposedBindingToExistingQueue()
{
    VHost vh("/");
    Exchange *logs = addExchange(vh, "logs", "topic");
    vh.addQueue("errors", QueueOptions{});
    const RoutingInput input{"disk.error", nullptr, {}, {}};
    QVERIFY(explainRoute(vh, *logs, input).isUnroutable());

    const ProposedBinding proposed{"logs", "errors", false, "*.error", {}};
    const RouteExplanation e = explainRoute(vh, *logs, input, &proposed);
    QCOMPARE(e.queues, QList<QByteArray>{"errors"});
    const BindingVerdict &v = e.visits[0].bindings.at(0);
    QVERIFY(v.proposed);
    QVERIFY(v.destinationExists);
    QVERIFY(v.matched);
    QCOMPARE(v.rule, BindingRule::TopicPattern);
    QCOMPARE(v.topic.size(), 2);
    QCOMPARE(v.topic[0].keyWords, QByteArray("disk"));
    // Only asked about: the broker's routing has not changed.
    QVERIFY(routerQueues(vh, *logs, input).isEmpty());
    QVERIFY(logs->bindings().empty());
}

void RouteExplainerTest::proposedBindingToQueueNotYetDeclared()
{
    VHost vh("/");
    Exchange *x = addExchange(vh, "x", "direct");
    const RoutingInput input{"k", nullptr, {}, {}};
    const ProposedBinding proposed{"x", "future", false, "k", {}};
    const RouteExplanation e = explainRoute(vh, *x, input, &proposed);
    QCOMPARE(e.queues, QList<QByteArray>{"future"});
    const BindingVerdict &v = e.visits[0].bindings.at(0);
    QVERIFY(v.proposed);
    QVERIFY(!v.destinationExists);
    QVERIFY(v.matched);

    const ProposedBinding otherKey{"x", "future", false, "other", {}};
    QVERIFY(explainRoute(vh, *x, input, &otherKey).isUnroutable());
}

void RouteExplainerTest::proposedBindingToExchangeThatLeadsOn()
{
    VHost vh("/");
    Exchange *front = addExchange(vh, "front", "direct");
    Exchange *back = addExchange(vh, "back", "fanout");
    Queue *q = vh.addQueue("q", QueueOptions{});
    vh.bind(*back, toQueue(q, ""));
    const RoutingInput input{"k", nullptr, {}, {}};

    const ProposedBinding proposed{"front", "back", true, "k", {}};
    const RouteExplanation e = explainRoute(vh, *front, input, &proposed);
    QCOMPARE(e.queues, QList<QByteArray>{"q"});
    QCOMPARE(e.visits.size(), 2);
    QVERIFY(e.visits[0].matchedAny);
    QVERIFY(e.visits[0].bindings.at(0).toExchange);
    QCOMPARE(e.visits[1].exchange, QByteArray("back"));
    QCOMPARE(e.visits[1].how, Cause::ExchangeBinding);
    QCOMPARE(e.visits[1].from, QByteArray("front"));
    QVERIFY(routerQueues(vh, *front, input).isEmpty());

    // To an exchange that does not exist (yet): it matches, and leads nowhere.
    const ProposedBinding nowhere{"front", "later", true, "k", {}};
    const RouteExplanation n = explainRoute(vh, *front, input, &nowhere);
    QVERIFY(n.isUnroutable());
    QCOMPARE(n.visits.size(), 1);
    QVERIFY(!n.visits[0].bindings.at(0).destinationExists);
    QVERIFY(n.visits[0].bindings.at(0).matched);
}

void RouteExplainerTest::proposedBindingOnDefaultExchangeIsIgnored()
{
    VHost vh("/");
    vh.addQueue("q", QueueOptions{});
    const RoutingInput input{"k", nullptr, {}, {}};
    const ProposedBinding proposed{"", "q", false, "k", {}};   // nobody may bind to it
    const RouteExplanation e = explainRoute(vh, *vh.defaultExchange(), input, &proposed);
    QVERIFY(e.isUnroutable());
    for (const BindingVerdict &v : e.visits[0].bindings)
        QVERIFY(!v.proposed);
}

void RouteExplainerTest::unroutable()
{
    VHost vh("/");
    Exchange *x = addExchange(vh, "x", "direct", {{"alternate-exchange", FieldValue::string("gone")}});
    Queue *q = vh.addQueue("q", QueueOptions{});
    vh.bind(*x, toQueue(q, "a"));
    const RoutingInput input{"b", nullptr, {}, {}};
    const RouteExplanation e = explainRoute(vh, *x, input);
    QVERIFY(e.isUnroutable());
    QCOMPARE(e.routingKey, QByteArray("b"));
    QCOMPARE(e.visits.size(), 1);
    QVERIFY(!e.visits[0].matchedAny);
    QCOMPARE(e.visits[0].alternateExchange, QByteArray("gone"));
    QVERIFY(e.visits[0].alternateMissing);
    QCOMPARE(e.visits[0].bindings.size(), 1);
    QVERIFY(!e.visits[0].bindings[0].matched);
    QCOMPARE(e.visits[0].bindings[0].rule, BindingRule::DirectKey);
    QVERIFY(routerQueues(vh, *x, input).isEmpty());

    // Once the alternate exchange exists, it takes what x does not route.
    Exchange *gone = addExchange(vh, "gone", "fanout");
    vh.bind(*gone, toQueue(q, ""));
    const RouteExplanation later = explainRoute(vh, *x, input);
    QCOMPARE(later.queues, QList<QByteArray>{"q"});
    QCOMPARE(later.visits.size(), 2);
    QVERIFY(!later.visits[0].alternateMissing);
    QCOMPARE(later.visits[1].how, Cause::AlternateExchange);
}

void RouteExplainerTest::topologyVersionGrows()
{
    VHost vh("/");
    std::uint64_t last = vh.topologyVersion();
    const auto grew = [&] {
        const std::uint64_t now = vh.topologyVersion();
        return now > std::exchange(last, now);
    };
    Exchange *x = addExchange(vh, "x", "direct");
    QVERIFY(grew());
    Queue *q = vh.addQueue("q", QueueOptions{});
    QVERIFY(grew());
    QVERIFY(vh.bind(*x, toQueue(q, "k")));
    QVERIFY(grew());
    QVERIFY(!vh.bind(*x, toQueue(q, "k")));   // already bound: nothing changed
    QVERIFY(!grew());
    QVERIFY(vh.unbind(*x, toQueue(q, "k")));
    QVERIFY(grew());
    Exchange *y = addExchange(vh, "y", "fanout");
    QVERIFY(grew());
    QVERIFY(vh.bind(*x, toExchange(y, "k")));
    QVERIFY(grew());

    const RoutingInput input{"k", nullptr, {}, {}};
    QCOMPARE(explainRoute(vh, *x, input).topologyVersion, vh.topologyVersion());

    vh.removeQueue(q);
    QVERIFY(grew());
    vh.removeExchange(y);
    QVERIFY(grew());
    vh.removeExchange(x);
    QVERIFY(grew());
}

QTEST_GUILESS_MAIN(RouteExplainerTest)
#include "tst_routeexplainer.moc"
