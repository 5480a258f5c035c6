// Unit tests of model::VHost: its exchanges, queues, bindings and routing between them.
//
// Concerns:
//  - the predefined exchanges (amq.direct, amq.fanout, amq.topic, amq.headers, amq.match,
//    internal amq.rabbitmq.trace) with their types and flags, and nothing else
//  - the default exchange: found by the empty name, routes by queue name, follows queue
//    removal, has no bindings
//  - addQueue / findQueue / queueById, distinct ids
//  - removeQueue: its bindings disappear from every exchange (others' stay), each of its
//    consumers is told once (also when queueDeleted() removes the consumer from the queue,
//    as the channel's does), the queue is still whole during the callbacks
//  - exchange-to-exchange bindings: routing follows them, chains, a queue reached by several
//    paths gets the message once, cycles (including self-binding) terminate, headers (given
//    decoded or as encoded properties) reach downstream headers exchanges
//  - removeExchange drops bindings to it everywhere
//  - auto-delete exchanges go when their last binding goes: via removeQueue (cascading
//    through exchange-to-exchange bindings), via removeExchange, via
//    removeIfUnusedAutoDelete; never-bound, still-bound and non-auto-delete exchanges stay
//  - queuesOwnedBy()
//  - the routing graph's edge counters (RouteTally): per source exchange into each queue
//    and exchange, through bindings, exchange-to-exchange bindings, an alternate exchange
//    and the default exchange; a deleted exchange's edges are forgotten

#include "model/VHost.h"
#include "protocol/BasicProperties.h"

#include <QtTest/QTest>

#include <algorithm>
#include <functional>

using namespace warren::model;
using warren::amqp::FieldTable;
using warren::amqp::FieldValue;

namespace {

class FakeConsumer : public Consumer {
public:
    explicit FakeConsumer(QByteArray tag) : tag_(std::move(tag)) {}
    const QByteArray &tag() const override { return tag_; }
    bool noAck() const override { return false; }
    bool exclusive() const override { return false; }
    bool canTakeMessage() const override { return false; }
    void deliver(Queue &, QueueEntry &&) override {}
    void queueDeleted(Queue &queue) override
    {
        ++queueDeletedCalls;
        deletedQueueName = queue.name();
        readyAtDeletion = queue.readyCount();
        if (onQueueDeleted)
            onQueueDeleted(queue);
    }

    QByteArray tag_;
    int queueDeletedCalls = 0;
    QByteArray deletedQueueName;
    qsizetype readyAtDeletion = -1;
    std::function<void(Queue &)> onQueueDeleted;
};

Exchange *addExchange(VHost &vh, const char *name, const char *type, bool autoDelete = false)
{
    return vh.addExchange(Exchange::create(name, type, ExchangeOptions{false, autoDelete, false, {}}));
}

Destination to(Queue *q) { return Destination{q, nullptr}; }
Destination to(Exchange *e) { return Destination{nullptr, e}; }

RoutingInput input(const QByteArray &key, const FieldTable *headers = nullptr, QByteArrayView properties = {})
{
    RoutingInput in;
    in.routingKey = key;
    in.headers = headers;
    in.properties = properties;
    return in;
}

// Sorted names of the queues a message reaches (RouteSet holds each once).
QByteArray routed(const VHost &vh, const Exchange *e, const RoutingInput &in)
{
    RouteSet out;
    vh.route(*e, in, out);
    QByteArrayList names;
    for (const Destination &d : out.queues()) {
        Q_ASSERT(d.queue);
        names.append(d.queue->name());
    }
    std::sort(names.begin(), names.end());
    return names.join(' ');
}

QByteArray routed(const VHost &vh, const Exchange *e, const QByteArray &key, const FieldTable *headers = nullptr)
{
    return routed(vh, e, input(key, headers));
}

bool isBoundAnywhere(const VHost &vh, const Destination &d)
{
    for (const auto &e : vh.exchanges()) {
        for (const Binding &b : e->bindings())
            if (b.destination == d)
                return true;
    }
    return false;
}

} // namespace

class tst_VHost : public QObject {
    Q_OBJECT

private slots:
    void predefinedExchanges_data();
    void predefinedExchanges();
    void onlyPredefinedExchanges();
    void defaultExchangeRoutesByQueueName();
    void queues();
    void removeQueueRemovesBindings();
    void removeQueueTellsConsumers();
    void exchangeToExchange();
    void exchangeCycles_data();
    void exchangeCycles();
    void headersDownstream();
    void removeExchangeRemovesBindingsToIt();
    void autoDeleteViaRemoveQueue();
    void autoDeleteCascades();
    void autoDeleteViaRemoveExchange();
    void removeIfUnusedAutoDelete();
    void queuesOwnedBy();
    void routeTallies();
};

void tst_VHost::predefinedExchanges_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<bool>("internal");

    QTest::newRow("amq.direct") << QByteArray("amq.direct") << QByteArray("direct") << false;
    QTest::newRow("amq.fanout") << QByteArray("amq.fanout") << QByteArray("fanout") << false;
    QTest::newRow("amq.topic") << QByteArray("amq.topic") << QByteArray("topic") << false;
    QTest::newRow("amq.headers") << QByteArray("amq.headers") << QByteArray("headers") << false;
    QTest::newRow("amq.match") << QByteArray("amq.match") << QByteArray("headers") << false;
    QTest::newRow("amq.rabbitmq.trace") << QByteArray("amq.rabbitmq.trace") << QByteArray("topic") << true;
}

void tst_VHost::predefinedExchanges()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, type);
    QFETCH(bool, internal);

    VHost vh("/");
    QCOMPARE(vh.name(), QByteArray("/"));
    Exchange *e = vh.findExchange(name);
    QVERIFY(e);
    QCOMPARE(e->name(), name);
    QCOMPARE(QByteArray(e->typeName()), type);
    QVERIFY(e->options().durable);
    QVERIFY(!e->options().autoDelete);
    QCOMPARE(e->options().internal, internal);
    QVERIFY(e->bindings().empty());
    QCOMPARE(vh.exchanges().value(name).get(), e);
}

void tst_VHost::onlyPredefinedExchanges()
{
    VHost vh("v");
    QCOMPARE(vh.exchanges().size(), 6);
    QVERIFY(!vh.findExchange("amq.nope"));
    QVERIFY(!vh.findExchange("direct"));
    QVERIFY(vh.queues().isEmpty());
    // The default exchange is not in the list and is found by the empty name.
    QVERIFY(!vh.exchanges().contains(QByteArray()));
    QCOMPARE(vh.findExchange(QByteArray()), vh.defaultExchange());
    QCOMPARE(vh.defaultExchange()->name(), QByteArray());
    QCOMPARE(vh.defaultExchange()->type(), Exchange::Type::Direct);
    QVERIFY(vh.defaultExchange()->options().durable);

    // Predefined exchanges of one vhost are not another's.
    VHost other("w");
    QVERIFY(other.findExchange("amq.direct") != vh.findExchange("amq.direct"));
}

void tst_VHost::defaultExchangeRoutesByQueueName()
{
    VHost vh("/");
    Queue *q1 = vh.addQueue("q1", {});
    vh.addQueue("q2", {});
    Exchange *def = vh.defaultExchange();
    QCOMPARE(routed(vh, def, "q1"), QByteArray("q1"));
    QCOMPARE(routed(vh, def, "q2"), QByteArray("q2"));
    QCOMPARE(routed(vh, def, "q3"), QByteArray());
    QCOMPARE(routed(vh, def, "Q1"), QByteArray());
    QCOMPARE(routed(vh, def, ""), QByteArray());
    QVERIFY(def->bindings().empty());

    vh.removeQueue(q1);
    QCOMPARE(routed(vh, def, "q1"), QByteArray());
    vh.addQueue("q1", {});
    QCOMPARE(routed(vh, def, "q1"), QByteArray("q1"));
}

void tst_VHost::queues()
{
    VHost vh("/");
    Queue *a = vh.addQueue("a", QueueOptions{true, false, 0, {}});
    Queue *b = vh.addQueue("b", {});
    QVERIFY(a && b);
    QVERIFY(a->id() != b->id());
    QCOMPARE(vh.findQueue("a"), a);
    QCOMPARE(vh.findQueue("b"), b);
    QVERIFY(!vh.findQueue("c"));
    QCOMPARE(vh.queueById(a->id()), a);
    QCOMPARE(vh.queueById(b->id()), b);
    QVERIFY(!vh.queueById(9999));
    QVERIFY(a->isDurable());
    QCOMPARE(vh.queues().size(), 2);

    const std::uint64_t oldId = a->id();
    vh.removeQueue(a);
    QVERIFY(!vh.findQueue("a"));
    QVERIFY(!vh.queueById(oldId));
    QCOMPARE(vh.queues().size(), 1);
    // A new queue of the same name is a new queue with a new id.
    Queue *a2 = vh.addQueue("a", {});
    QVERIFY(a2->id() != oldId);
    QVERIFY(a2->id() != b->id());
    QVERIFY(!vh.queueById(oldId));
}

void tst_VHost::removeQueueRemovesBindings()
{
    VHost vh("/");
    Queue *q = vh.addQueue("q", {});
    Queue *keep = vh.addQueue("keep", {});
    Exchange *direct = vh.findExchange("amq.direct");
    Exchange *topic = vh.findExchange("amq.topic");
    Exchange *fanout = vh.findExchange("amq.fanout");
    Exchange *headers = addExchange(vh, "h", "headers");

    QVERIFY(direct->bind(Binding{to(q), "k", {}}));
    QVERIFY(direct->bind(Binding{to(q), "k2", {}}));
    QVERIFY(direct->bind(Binding{to(keep), "k", {}}));
    QVERIFY(topic->bind(Binding{to(q), "#", {}}));
    QVERIFY(topic->bind(Binding{to(keep), "k.#", {}}));
    QVERIFY(fanout->bind(Binding{to(q), "", {}}));
    QVERIFY(headers->bind(Binding{to(q), "", {}}));
    QVERIFY(headers->bind(Binding{to(keep), "", {{"a", FieldValue()}}}));

    QCOMPARE(routed(vh, direct, "k"), QByteArray("keep q"));
    vh.removeQueue(q);

    QVERIFY(!isBoundAnywhere(vh, to(q)));
    QCOMPARE(direct->bindings().size(), size_t(1));
    QCOMPARE(topic->bindings().size(), size_t(1));
    QVERIFY(fanout->bindings().empty());
    QCOMPARE(headers->bindings().size(), size_t(1));
    QVERIFY(vh.findExchange("h"));   // not auto-delete: stays without bindings to q

    // Routing tables were updated, not just the binding lists.
    QCOMPARE(routed(vh, direct, "k"), QByteArray("keep"));
    QCOMPARE(routed(vh, direct, "k2"), QByteArray());
    QCOMPARE(routed(vh, topic, "k.x"), QByteArray("keep"));
    QCOMPARE(routed(vh, topic, "x"), QByteArray());
    QCOMPARE(routed(vh, fanout, "x"), QByteArray());
    const FieldTable withA{{"a", FieldValue::integer(1)}};
    QCOMPARE(routed(vh, headers, "", &withA), QByteArray("keep"));
}

void tst_VHost::removeQueueTellsConsumers()
{
    VHost vh("/");
    Queue *q = vh.addQueue("doomed", {});
    Queue *other = vh.addQueue("other", {});
    FakeConsumer plain("plain"), selfRemoving("self"), elsewhere("elsewhere");
    // Like the channel: the consumer leaves the queue when told it is deleted.
    selfRemoving.onQueueDeleted = [&](Queue &queue) { queue.removeConsumer(&selfRemoving); };
    q->addConsumer(&selfRemoving);
    q->addConsumer(&plain);
    other->addConsumer(&elsewhere);
    q->enqueue(MessageRef(new Message));   // nobody can take it
    q->enqueue(MessageRef(new Message));

    vh.removeQueue(q);
    QCOMPARE(plain.queueDeletedCalls, 1);
    QCOMPARE(selfRemoving.queueDeletedCalls, 1);
    QCOMPARE(elsewhere.queueDeletedCalls, 0);
    QCOMPARE(plain.deletedQueueName, QByteArray("doomed"));
    QCOMPARE(selfRemoving.readyAtDeletion, 2);
    QCOMPARE(plain.readyAtDeletion, 2);
    QVERIFY(!vh.findQueue("doomed"));
    QCOMPARE(other->consumerCount(), 1);
}

void tst_VHost::exchangeToExchange()
{
    VHost vh("/");
    Queue *q1 = vh.addQueue("q1", {});
    Queue *q2 = vh.addQueue("q2", {});
    Queue *q3 = vh.addQueue("q3", {});
    Exchange *e1 = addExchange(vh, "e1", "direct");
    Exchange *e2 = addExchange(vh, "e2", "fanout");
    Exchange *e3 = addExchange(vh, "e3", "topic");

    QVERIFY(e1->bind(Binding{to(e2), "k", {}}));
    QVERIFY(e1->bind(Binding{to(q1), "k", {}}));
    QVERIFY(e2->bind(Binding{to(q1), "", {}}));   // q1 reached directly and through e2
    QVERIFY(e2->bind(Binding{to(q2), "", {}}));
    QVERIFY(e2->bind(Binding{to(e3), "", {}}));
    QVERIFY(e3->bind(Binding{to(q3), "k", {}}));
    QVERIFY(e3->bind(Binding{to(q1), "#", {}}));   // and a third path

    QCOMPARE(routed(vh, e1, "k"), QByteArray("q1 q2 q3"));
    RouteSet out;
    vh.route(*e1, input("k"), out);
    QCOMPARE(out.queues().size(), 3);
    QCOMPARE(routed(vh, e1, "other"), QByteArray());
    QCOMPARE(routed(vh, e2, "x"), QByteArray("q1 q2"));   // e3 routes "x" to q1 only
    QCOMPARE(routed(vh, e3, "k"), QByteArray("q1 q3"));

    QVERIFY(e1->unbind(Binding{to(e2), "k", {}}));
    QCOMPARE(routed(vh, e1, "k"), QByteArray("q1"));
}

void tst_VHost::exchangeCycles_data()
{
    QTest::addColumn<QByteArray>("shape");
    QTest::newRow("self") << QByteArray("self");
    QTest::newRow("two-cycle") << QByteArray("two");
    QTest::newRow("three-cycle") << QByteArray("three");
    QTest::newRow("cycle back to source") << QByteArray("back");
}

void tst_VHost::exchangeCycles()
{
    QFETCH(QByteArray, shape);
    VHost vh("/");
    Queue *q = vh.addQueue("q", {});
    Queue *r = vh.addQueue("r", {});
    Exchange *a = addExchange(vh, "a", "fanout");
    Exchange *b = addExchange(vh, "b", "fanout");
    Exchange *c = addExchange(vh, "c", "topic");

    QByteArray expected;
    if (shape == "self") {
        QVERIFY(a->bind(Binding{to(a), "", {}}));
        QVERIFY(a->bind(Binding{to(q), "", {}}));
        expected = "q";
    } else if (shape == "two") {
        QVERIFY(a->bind(Binding{to(b), "", {}}));
        QVERIFY(b->bind(Binding{to(a), "", {}}));
        QVERIFY(b->bind(Binding{to(q), "", {}}));
        QVERIFY(a->bind(Binding{to(q), "", {}}));
        expected = "q";
    } else if (shape == "three") {
        QVERIFY(a->bind(Binding{to(b), "", {}}));
        QVERIFY(b->bind(Binding{to(c), "", {}}));
        QVERIFY(c->bind(Binding{to(a), "#", {}}));
        QVERIFY(c->bind(Binding{to(b), "#", {}}));
        QVERIFY(c->bind(Binding{to(q), "x.#", {}}));
        QVERIFY(b->bind(Binding{to(r), "", {}}));
        expected = "q r";
    } else {
        QVERIFY(a->bind(Binding{to(b), "", {}}));
        QVERIFY(b->bind(Binding{to(c), "", {}}));
        QVERIFY(c->bind(Binding{to(a), "#", {}}));
        QVERIFY(a->bind(Binding{to(q), "", {}}));
        expected = "q";
    }
    // Termination is the test; the result must still be right from every starting point.
    QCOMPARE(routed(vh, a, "x.y"), expected);
    if (shape != "self")
        QCOMPARE(routed(vh, b, "x.y"), expected);
}

void tst_VHost::headersDownstream()
{
    VHost vh("/");
    Queue *q = vh.addQueue("q", {});
    Exchange *fan = addExchange(vh, "fan", "fanout");
    Exchange *hdr = addExchange(vh, "hdr", "headers");
    QVERIFY(fan->bind(Binding{to(hdr), "", {}}));
    QVERIFY(hdr->bind(Binding{to(q), "", {{"kind", FieldValue::string("x")}}}));
    const FieldTable x{{"kind", FieldValue::string("x")}};
    const FieldTable y{{"kind", FieldValue::string("y")}};
    QCOMPARE(routed(vh, fan, "", &x), QByteArray("q"));
    QCOMPARE(routed(vh, fan, "", &y), QByteArray());
    QCOMPARE(routed(vh, fan, "", nullptr), QByteArray());

    // Headers decoded from the encoded properties, two exchanges downstream.
    Exchange *hdr2 = addExchange(vh, "hdr2", "headers");
    Queue *q2 = vh.addQueue("q2", {});
    QVERIFY(fan->bind(Binding{to(hdr2), "", {}}));
    QVERIFY(hdr2->bind(Binding{to(q2), "", {{"x-match", FieldValue::string("any")}, {"kind", FieldValue()}}}));
    warren::amqp::BasicProperties p;
    p.headers = x;
    const QByteArray encoded = p.encode();
    QCOMPARE(routed(vh, fan, input("", nullptr, encoded)), QByteArray("q q2"));
    p.headers = y;
    const QByteArray encodedY = p.encode();
    QCOMPARE(routed(vh, fan, input("", nullptr, encodedY)), QByteArray("q2"));
}

void tst_VHost::removeExchangeRemovesBindingsToIt()
{
    VHost vh("/");
    Queue *q = vh.addQueue("q", {});
    Exchange *src = vh.findExchange("amq.direct");
    Exchange *mid = addExchange(vh, "mid", "fanout");
    QVERIFY(src->bind(Binding{to(mid), "k", {}}));
    QVERIFY(src->bind(Binding{to(mid), "k2", {}}));
    QVERIFY(src->bind(Binding{to(q), "k", {}}));
    QVERIFY(mid->bind(Binding{to(q), "", {}}));
    QCOMPARE(routed(vh, src, "k2"), QByteArray("q"));

    vh.removeExchange(mid);
    QVERIFY(!vh.findExchange("mid"));
    QVERIFY(!vh.exchanges().contains("mid"));
    QCOMPARE(src->bindings().size(), size_t(1));
    QCOMPARE(routed(vh, src, "k2"), QByteArray());
    QCOMPARE(routed(vh, src, "k"), QByteArray("q"));
    QVERIFY(vh.findQueue("q"));
}

void tst_VHost::autoDeleteViaRemoveQueue()
{
    VHost vh("/");
    Queue *q1 = vh.addQueue("q1", {});
    Queue *q2 = vh.addQueue("q2", {});
    Exchange *ad = addExchange(vh, "ad", "direct", true);
    Exchange *neverBound = addExchange(vh, "never", "direct", true);
    Exchange *plain = addExchange(vh, "plain", "direct", false);
    QVERIFY(neverBound);
    QVERIFY(ad->bind(Binding{to(q1), "a", {}}));
    QVERIFY(ad->bind(Binding{to(q1), "b", {}}));
    QVERIFY(ad->bind(Binding{to(q2), "a", {}}));
    QVERIFY(plain->bind(Binding{to(q1), "a", {}}));

    vh.removeQueue(q1);
    QCOMPARE(vh.findExchange("ad"), ad);   // still bound to q2
    QCOMPARE(ad->bindings().size(), size_t(1));
    vh.removeQueue(q2);
    QVERIFY(!vh.findExchange("ad"));
    QVERIFY(vh.findExchange("never"));   // auto-delete, but never had a binding
    QVERIFY(vh.findExchange("plain"));   // lost its binding, but not auto-delete
}

void tst_VHost::autoDeleteCascades()
{
    VHost vh("/");
    Queue *q = vh.addQueue("q", {});
    Queue *other = vh.addQueue("other", {});
    Exchange *outer = addExchange(vh, "outer", "fanout", true);
    Exchange *inner = addExchange(vh, "inner", "topic", true);
    Exchange *sibling = addExchange(vh, "sibling", "fanout", true);
    QVERIFY(outer->bind(Binding{to(inner), "", {}}));
    QVERIFY(inner->bind(Binding{to(q), "#", {}}));
    QVERIFY(sibling->bind(Binding{to(inner), "", {}}));
    QVERIFY(sibling->bind(Binding{to(other), "", {}}));
    QCOMPARE(routed(vh, outer, "x"), QByteArray("q"));

    // q goes -> inner has no bindings left -> inner goes -> outer has none left -> outer goes.
    // sibling loses its binding to inner but keeps the one to `other`.
    vh.removeQueue(q);
    QVERIFY(!vh.findExchange("inner"));
    QVERIFY(!vh.findExchange("outer"));
    QCOMPARE(vh.findExchange("sibling"), sibling);
    QCOMPARE(sibling->bindings().size(), size_t(1));
    QCOMPARE(routed(vh, sibling, "x"), QByteArray("other"));
    QCOMPARE(vh.exchanges().size(), 7);   // 6 predefined + sibling
}

void tst_VHost::autoDeleteViaRemoveExchange()
{
    VHost vh("/");
    Exchange *src = addExchange(vh, "src", "direct", true);
    Exchange *dst = addExchange(vh, "dst", "fanout", false);
    QVERIFY(src->bind(Binding{to(dst), "k", {}}));
    vh.removeExchange(dst);
    QVERIFY(!vh.findExchange("dst"));
    QVERIFY(!vh.findExchange("src"));
}

void tst_VHost::removeIfUnusedAutoDelete()
{
    VHost vh("/");
    Queue *q = vh.addQueue("q", {});
    Exchange *ad = addExchange(vh, "ad", "topic", true);
    Exchange *plain = addExchange(vh, "plain", "topic", false);
    QVERIFY(ad->bind(Binding{to(q), "a", {}}));
    QVERIFY(ad->bind(Binding{to(q), "b", {}}));
    QVERIFY(plain->bind(Binding{to(q), "a", {}}));

    QVERIFY(ad->unbind(Binding{to(q), "a", {}}));
    vh.removeIfUnusedAutoDelete(ad);
    QCOMPARE(vh.findExchange("ad"), ad);   // one binding left

    QVERIFY(plain->unbind(Binding{to(q), "a", {}}));
    vh.removeIfUnusedAutoDelete(plain);
    QCOMPARE(vh.findExchange("plain"), plain);   // not auto-delete

    QVERIFY(ad->unbind(Binding{to(q), "b", {}}));
    vh.removeIfUnusedAutoDelete(ad);
    QVERIFY(!vh.findExchange("ad"));
    QVERIFY(vh.findQueue("q"));
}

void tst_VHost::queuesOwnedBy()
{
    VHost vh("/");
    Queue *a = vh.addQueue("a", QueueOptions{false, false, 7, {}});
    Queue *b = vh.addQueue("b", QueueOptions{false, true, 7, {}});
    Queue *c = vh.addQueue("c", QueueOptions{false, false, 8, {}});
    vh.addQueue("d", QueueOptions{true, false, 0, {}});

    auto names = [](std::vector<Queue *> qs) {
        QByteArrayList out;
        for (Queue *q : qs)
            out.append(q->name());
        std::sort(out.begin(), out.end());
        return out.join(' ');
    };
    QCOMPARE(names(vh.queuesOwnedBy(7)), QByteArray("a b"));
    QCOMPARE(names(vh.queuesOwnedBy(8)), QByteArray("c"));
    QCOMPARE(names(vh.queuesOwnedBy(9)), QByteArray());
    QVERIFY(a->isExclusive() && b->isExclusive() && c->isExclusive());

    vh.removeQueue(a);
    QCOMPARE(names(vh.queuesOwnedBy(7)), QByteArray("b"));
}


namespace {
// "source:count" for each edge into a destination, in the order first used.
QByteArray edges(const RouteTally &tally)
{
    QByteArrayList out;
    for (const RouteTally::Edge &e : tally.edges())
        out.append(e.sourceName + ':' + QByteArray::number(e.routed));
    return out.join(' ');
}
} // namespace

void tst_VHost::routeTallies()
{
    VHost vh("/");
    Queue *q1 = vh.addQueue("q1", {});
    Queue *q2 = vh.addQueue("q2", {});
    Exchange *e1 = addExchange(vh, "e1", "direct");
    Exchange *e2 = addExchange(vh, "e2", "fanout");
    Exchange *e3 = vh.addExchange(Exchange::create("e3", "direct",
                                                   ExchangeOptions{false, false, false,
                                                                   {{"alternate-exchange", FieldValue::string("e2")}}}));
    QVERIFY(e1->bind(Binding{to(q1), "k", {}}));
    QVERIFY(e1->bind(Binding{to(q1), "k2", {}}));   // a second binding between the same two
    QVERIFY(e1->bind(Binding{to(e2), "k", {}}));
    QVERIFY(e2->bind(Binding{to(q2), "", {}}));

    for (int i = 0; i < 3; ++i)
        QCOMPARE(routed(vh, e1, "k"), QByteArray("q1 q2"));
    QCOMPARE(routed(vh, e1, "other"), QByteArray());
    QCOMPARE(edges(q1->routedIn()), QByteArray("e1:3"));
    QCOMPARE(edges(q2->routedIn()), QByteArray("e2:3"));
    QCOMPARE(edges(e2->routedIn), QByteArray("e1:3"));

    QCOMPARE(routed(vh, e2, "x"), QByteArray("q2"));            // published to e2 itself
    QCOMPARE(routed(vh, e3, "nomatch"), QByteArray("q2"));      // e3's alternate exchange
    QCOMPARE(routed(vh, vh.defaultExchange(), "q1"), QByteArray("q1"));
    QCOMPARE(edges(q1->routedIn()), QByteArray("e1:3 :1"));
    QCOMPARE(edges(q2->routedIn()), QByteArray("e2:5"));
    QCOMPARE(edges(e2->routedIn), QByteArray("e1:3 e3:1"));

    vh.removeExchange(e1);
    QCOMPARE(edges(q1->routedIn()), QByteArray(":1"));
    QCOMPARE(edges(e2->routedIn), QByteArray("e3:1"));
}

QTEST_GUILESS_MAIN(tst_VHost)
#include "tst_vhost.moc"
