// Unit tests of model::VHost as the queues' DeadLetterSink and of VHost::expireQueues():
// dead letters routed through the vhost's exchanges into queues, cycles broken the way
// RabbitMQ breaks them, and the clock's work. Time comes from a hand-moved clock.
//
// Concerns:
//  - a rejected message goes to the queue's dead-letter exchange with the dead-letter
//    routing key, or its own key without one (direct, topic, fanout DLX); the queue behind
//    it holds the x-death'd copy (reason, queue, original exchange and key, a current unix
//    time), published as from the DLX; the original message is left alone
//  - the default exchange as DLX (""), with a dead-letter routing key naming a queue
//  - a DLX that does not exist, or a DLX that routes nowhere: the message is dropped
//  - the DLX's own alternate exchange and exchange-to-exchange bindings are followed
//  - every reason through the vhost: expired (queue TTL, via expireQueues), maxlen
//    (drop-head and reject-publish-dlx), delivery_limit (quorum), rejected
//  - cycles: back into the same queue by expiry is dropped, by rejection is kept (and
//    counts up in x-death); a two-queue expiry loop ends after one round; a rejection in
//    the loop keeps the message going; a DLX fanning out to the origin and another queue
//    drops only the origin's copy
//  - a dead letter reaches a waiting consumer at once
//  - expireQueues(): unused x-expires queues go (with their bindings), used ones, ones with
//    consumers and ones without x-expires stay; messages past their TTL leave every queue
//    and are dead-lettered; a queue emptied by expiry is not removed for that

#include "model/DeadLettering.h"
#include "model/QueuePolicy.h"
#include "model/VHost.h"
#include "protocol/BasicProperties.h"

#include <QDateTime>
#include <QtTest/QTest>


using namespace warren::model;
using warren::amqp::BasicProperties;
using warren::amqp::FieldArray;
using warren::amqp::FieldTable;
using warren::amqp::FieldValue;

namespace {

class ManualClock : public Clock {
public:
    qint64 nowMs() const override { return now; }
    void advance(qint64 ms) { now += ms; }
    qint64 now = 5000;
};

class FakeConsumer : public Consumer {
public:
    explicit FakeConsumer(QByteArray tag) : tag_(std::move(tag)) {}
    const QByteArray &tag() const override { return tag_; }
    bool noAck() const override { return false; }
    bool exclusive() const override { return false; }
    bool canTakeMessage() const override { return canTake; }
    void deliver(Queue &, QueueEntry &&entry) override { received.push_back(entry); }
    void queueDeleted(Queue &) override { ++queueDeletedCalls; }

    QByteArray tag_;
    bool canTake = true;
    std::vector<QueueEntry> received;
    int queueDeletedCalls = 0;
};

FieldValue str(const char *s) { return FieldValue::string(s); }
FieldValue num(qint64 v) { return FieldValue::integer(v); }

// queue.declare as the channel does it: arguments parsed into the policy.
Queue *declare(VHost &vh, const QByteArray &name, const FieldTable &args, bool durable = false)
{
    const PolicyOrError parsed = parseQueuePolicy(args, durable, false, false, "queue '" + name + "'");
    if (!parsed.policy) {
        qWarning("refused: %s %s", parsed.error.key.constData(), parsed.error.reason.constData());
        return nullptr;
    }
    QueueOptions options;
    options.durable = durable;
    options.arguments = args;
    options.policy = *parsed.policy;
    return vh.addQueue(name, options);
}

Exchange *addExchange(VHost &vh, const char *name, const char *type, const char *alternate = nullptr)
{
    FieldTable args;
    if (alternate)
        args.append("alternate-exchange", str(alternate));
    return vh.addExchange(Exchange::create(name, type, ExchangeOptions{false, false, false, args}));
}

Destination to(Queue *q) { return Destination{q, nullptr}; }
Destination to(Exchange *e) { return Destination{nullptr, e}; }

MessageRef makeMessage(const QByteArray &body, const QByteArray &exchange = "orders",
                       const QByteArray &key = "order.created")
{
    MessageRef m(new Message);
    m->exchange = exchange;
    m->routingKey = key;
    m->body = body;
    return m;
}

FieldArray deathsOf(const Message &m)
{
    const std::optional<BasicProperties> p = BasicProperties::decode(m.properties);
    if (!p || !p->headers)
        return {};
    const FieldValue *d = p->headers->find("x-death");
    return d ? d->toArray() : FieldArray{};
}

// "queue:reason:count ..." of a message's x-death, most recent first.
QByteArray deaths(const Message &m)
{
    QByteArrayList out;
    for (const FieldValue &d : deathsOf(m)) {
        const FieldTable &t = d.toTable();
        out.append(t.find("queue")->toBytes() + ":" + t.find("reason")->toBytes() + ":"
                   + QByteArray::number(t.find("count")->toInteger()));
    }
    return out.join(' ');
}

// Delivers and rejects the head of `q` (basic.get + basic.reject requeue=false).
void rejectHead(Queue &q)
{
    std::optional<QueueEntry> e = q.fetch(false);
    QVERIFY(e);
    q.reject(std::move(*e));
}

// Body and x-death summary of everything ready in `q`, fetched without ack.
QByteArray drain(Queue &q)
{
    QByteArrayList out;
    while (std::optional<QueueEntry> e = q.fetch(true))
        out.append(e->message->body + "[" + deaths(*e->message) + "]");
    return out.join(' ');
}

} // namespace

class tst_DeadLetterRouting : public QObject {
    Q_OBJECT

private slots:
    void rejectedToDlx_data();
    void rejectedToDlx();
    void defaultExchangeAsDlx();
    void missingOrUnroutableDlx();
    void dlxFollowsAlternateAndExchangeBindings();
    void everyReasonThroughTheVhost();
    void expiryCycleIsDropped();
    void rejectionCycleIsKept();
    void twoQueueExpiryLoop();
    void rejectionKeepsLoopGoing();
    void fanoutBackToOrigin();
    void deadLetterReachesConsumer();
    void expireQueuesRemovesUnused();
    void expireQueuesExpiresMessages();
};

void tst_DeadLetterRouting::rejectedToDlx_data()
{
    QTest::addColumn<QByteArray>("dlxType");
    QTest::addColumn<QByteArray>("dlrk");          // empty: no x-dead-letter-routing-key
    QTest::addColumn<QByteArray>("expectedKey");   // of the dead letter
    QTest::addColumn<QByteArray>("expectedQueues");

    // dlx bindings: "by-dlrk" with key "dead" (topic: "dead.#"), "by-orig" with "order.created"
    // (topic: "order.*").
    QTest::newRow("direct, dead-letter key") << QByteArray("direct") << QByteArray("dead") << QByteArray("dead")
                                             << QByteArray("by-dlrk");
    QTest::newRow("direct, original key") << QByteArray("direct") << QByteArray() << QByteArray("order.created")
                                          << QByteArray("by-orig");
    QTest::newRow("topic, dead-letter key") << QByteArray("topic") << QByteArray("dead.letter")
                                            << QByteArray("dead.letter") << QByteArray("by-dlrk");
    QTest::newRow("topic, original key") << QByteArray("topic") << QByteArray() << QByteArray("order.created")
                                         << QByteArray("by-orig");
    QTest::newRow("fanout") << QByteArray("fanout") << QByteArray("dead") << QByteArray("dead")
                            << QByteArray("by-dlrk by-orig");
}

void tst_DeadLetterRouting::rejectedToDlx()
{
    QFETCH(QByteArray, dlxType);
    QFETCH(QByteArray, dlrk);
    QFETCH(QByteArray, expectedKey);
    QFETCH(QByteArray, expectedQueues);

    ManualClock clock;
    VHost vh("/", clock);
    FieldTable args{{"x-dead-letter-exchange", str("dlx")}};
    if (!dlrk.isEmpty())
        args.append("x-dead-letter-routing-key", FieldValue::string(dlrk));
    Queue *work = declare(vh, "work", args);
    QVERIFY(work);
    Queue *byDlrk = declare(vh, "by-dlrk", {});
    Queue *byOrig = declare(vh, "by-orig", {});
    Exchange *dlx = addExchange(vh, "dlx", dlxType.constData());
    const bool topic = dlxType == "topic";
    QVERIFY(dlx->bind(Binding{to(byDlrk), topic ? "dead.#" : "dead", {}}));
    QVERIFY(dlx->bind(Binding{to(byOrig), topic ? "order.*" : "order.created", {}}));

    BasicProperties props;
    props.headers = FieldTable{{"app", str("shop")}};
    props.contentType = QByteArray("text/plain");
    const MessageRef original = makeMessage("hello");
    original->properties = props.encode();
    work->enqueue(original);

    const qint64 before = QDateTime::currentSecsSinceEpoch();
    rejectHead(*work);
    const qint64 after = QDateTime::currentSecsSinceEpoch();
    QCOMPARE(work->readyCount(), 0);
    QCOMPARE(work->unackedCount(), 0);

    QByteArrayList reached;
    for (Queue *q : {byDlrk, byOrig}) {
        if (q->readyCount() > 0)
            reached.append(q->name());
    }
    QCOMPARE(reached.join(' '), expectedQueues);

    Queue *target = vh.findQueue(expectedQueues.split(' ').first());
    QCOMPARE(target->readyCount(), 1);
    std::optional<QueueEntry> e = target->fetch(true);
    QVERIFY(e);
    const Message &dead = *e->message;
    QCOMPARE(dead.body, QByteArray("hello"));
    QCOMPARE(dead.body.constData(), original->body.constData());
    QCOMPARE(dead.exchange, QByteArray("dlx"));
    QCOMPARE(dead.routingKey, expectedKey);
    QCOMPARE(deaths(dead), QByteArray("work:rejected:1"));

    const BasicProperties p = *BasicProperties::decode(dead.properties);
    QCOMPARE(p.contentType, std::optional<QByteArray>("text/plain"));
    QCOMPARE(*p.headers->find("app"), str("shop"));
    const FieldArray list = deathsOf(dead);
    const FieldTable &x = list[0].toTable();
    QCOMPARE(*x.find("exchange"), str("orders"));
    QCOMPARE(x.find("routing-keys")->toArray(), FieldArray{str("order.created")});
    QVERIFY(x.find("time")->toInteger() >= before);
    QVERIFY(x.find("time")->toInteger() <= after);

    // The original, still referenced here, was not changed.
    QCOMPARE(original->exchange, QByteArray("orders"));
    QCOMPARE(original->properties, props.encode());
}

void tst_DeadLetterRouting::defaultExchangeAsDlx()
{
    ManualClock clock;
    VHost vh("/", clock);
    Queue *work = declare(vh, "work", {{"x-dead-letter-exchange", str("")}, {"x-dead-letter-routing-key", str("dlq")}});
    Queue *dlq = declare(vh, "dlq", {});
    work->enqueue(makeMessage("m"));
    rejectHead(*work);
    QCOMPARE(dlq->readyCount(), 1);
    std::optional<QueueEntry> e = dlq->fetch(true);
    QCOMPARE(e->message->exchange, QByteArray());
    QCOMPARE(e->message->routingKey, QByteArray("dlq"));
    QCOMPARE(deaths(*e->message), QByteArray("work:rejected:1"));
    // The routing graph's counters: one dead letter, one edge from the default exchange.
    QCOMPARE(work->deadLettered(), 1u);
    QCOMPARE(dlq->routedIn().edges().size(), 1u);
    QCOMPARE(dlq->routedIn().edges().front().sourceName, QByteArray());
    QCOMPARE(dlq->routedIn().edges().front().routed, 1u);
}

void tst_DeadLetterRouting::missingOrUnroutableDlx()
{
    ManualClock clock;
    VHost vh("/", clock);
    Queue *missing = declare(vh, "missing", {{"x-dead-letter-exchange", str("nope")}});
    Queue *nowhere = declare(vh, "nowhere", {{"x-dead-letter-exchange", str("amq.direct")},
                                             {"x-dead-letter-routing-key", str("unbound")}});
    Queue *other = declare(vh, "other", {});
    QVERIFY(vh.findExchange("amq.direct")->bind(Binding{to(other), "bound", {}}));
    missing->enqueue(makeMessage("a"));
    nowhere->enqueue(makeMessage("b"));
    rejectHead(*missing);
    rejectHead(*nowhere);
    QCOMPARE(missing->readyCount(), 0);
    QCOMPARE(nowhere->readyCount(), 0);
    QCOMPARE(other->readyCount(), 0);

    // Created later, the DLX is found by name when the next message dies.
    Exchange *nope = addExchange(vh, "nope", "fanout");
    QVERIFY(nope->bind(Binding{to(other), "", {}}));
    missing->enqueue(makeMessage("c"));
    rejectHead(*missing);
    QCOMPARE(drain(*other), QByteArray("c[missing:rejected:1]"));
    // Counted when handed to an existing dead-letter exchange, whether or not it routes.
    QCOMPARE(missing->deadLettered(), 1u);
    QCOMPARE(nowhere->deadLettered(), 1u);
}

void tst_DeadLetterRouting::dlxFollowsAlternateAndExchangeBindings()
{
    ManualClock clock;
    VHost vh("/", clock);
    Queue *work = declare(vh, "work", {{"x-dead-letter-exchange", str("dlx")}});
    Queue *viaAe = declare(vh, "via-ae", {});
    Queue *viaE2e = declare(vh, "via-e2e", {});
    Exchange *dlx = addExchange(vh, "dlx", "direct", "dlx-ae");
    Exchange *ae = addExchange(vh, "dlx-ae", "fanout");
    Exchange *downstream = addExchange(vh, "downstream", "topic");
    QVERIFY(ae->bind(Binding{to(viaAe), "", {}}));
    QVERIFY(dlx->bind(Binding{to(downstream), "special", {}}));
    QVERIFY(downstream->bind(Binding{to(viaE2e), "#", {}}));

    work->enqueue(makeMessage("plain", "orders", "anything"));
    rejectHead(*work);
    QCOMPARE(drain(*viaAe), QByteArray("plain[work:rejected:1]"));
    QCOMPARE(viaE2e->readyCount(), 0);

    work->enqueue(makeMessage("special", "orders", "special"));
    rejectHead(*work);
    QCOMPARE(drain(*viaE2e), QByteArray("special[work:rejected:1]"));
    QCOMPARE(viaAe->readyCount(), 0);
}

void tst_DeadLetterRouting::everyReasonThroughTheVhost()
{
    ManualClock clock;
    VHost vh("/", clock);
    const FieldTable toDlq{{"x-dead-letter-exchange", str("")}, {"x-dead-letter-routing-key", str("dlq")}};
    Queue *dlq = declare(vh, "dlq", {});

    FieldTable ttlArgs = toDlq;
    ttlArgs.append("x-message-ttl", num(100));
    Queue *ttl = declare(vh, "ttl", ttlArgs);
    FieldTable dropArgs = toDlq;
    dropArgs.append("x-max-length", num(1));
    Queue *drop = declare(vh, "drop", dropArgs);
    FieldTable rejectArgs = toDlq;
    rejectArgs.append("x-max-length", num(1));
    rejectArgs.append("x-overflow", str("reject-publish-dlx"));
    Queue *full = declare(vh, "full", rejectArgs);
    FieldTable quorumArgs = toDlq;
    quorumArgs.append("x-queue-type", str("quorum"));
    quorumArgs.append("x-delivery-limit", num(0));
    Queue *quorum = declare(vh, "quorum", quorumArgs, true);
    QVERIFY(ttl && drop && full && quorum);

    ttl->enqueue(makeMessage("t"));
    clock.advance(101);
    vh.expireQueues();
    QCOMPARE(drain(*dlq), QByteArray("t[ttl:expired:1]"));

    drop->enqueue(makeMessage("d1"));
    drop->enqueue(makeMessage("d2"));
    QCOMPARE(drain(*dlq), QByteArray("d1[drop:maxlen:1]"));
    QCOMPARE(drain(*drop), QByteArray("d2[]"));

    QCOMPARE(full->enqueue(makeMessage("f1")), Queue::EnqueueResult::Enqueued);
    QCOMPARE(full->enqueue(makeMessage("f2")), Queue::EnqueueResult::Rejected);
    QCOMPARE(drain(*dlq), QByteArray("f2[full:maxlen:1]"));

    quorum->enqueue(makeMessage("q"));
    std::optional<QueueEntry> e = quorum->fetch(false);
    quorum->requeue(std::move(*e));
    QCOMPARE(drain(*dlq), QByteArray("q[quorum:delivery_limit:1]"));
}

void tst_DeadLetterRouting::expiryCycleIsDropped()
{
    ManualClock clock;
    VHost vh("/", clock);
    // Dead letters go to the default exchange with the original key: the queue's own name.
    Queue *q = declare(vh, "loop", {{"x-message-ttl", num(10)}, {"x-dead-letter-exchange", str("")}});
    q->enqueue(makeMessage("m", "", "loop"));
    clock.advance(11);
    vh.expireQueues();
    QCOMPARE(q->readyCount(), 0);
    clock.advance(1000);
    vh.expireQueues();
    QCOMPARE(q->readyCount(), 0);

    // The same for maxlen: the dropped head does not come back.
    Queue *m = declare(vh, "maxloop", {{"x-max-length", num(1)}, {"x-dead-letter-exchange", str("")}});
    m->enqueue(makeMessage("1", "", "maxloop"));
    m->enqueue(makeMessage("2", "", "maxloop"));
    QCOMPARE(drain(*m), QByteArray("2[]"));
}

void tst_DeadLetterRouting::rejectionCycleIsKept()
{
    ManualClock clock;
    VHost vh("/", clock);
    Queue *q = declare(vh, "self", {{"x-dead-letter-exchange", str("")}});
    q->enqueue(makeMessage("m", "", "self"));
    rejectHead(*q);
    QCOMPARE(q->readyCount(), 1);
    rejectHead(*q);
    rejectHead(*q);
    QCOMPARE(q->readyCount(), 1);
    QCOMPARE(drain(*q), QByteArray("m[self:rejected:3]"));
}

void tst_DeadLetterRouting::twoQueueExpiryLoop()
{
    ManualClock clock;
    VHost vh("/", clock);
    Queue *a = declare(vh, "a", {{"x-message-ttl", num(10)},
                                 {"x-dead-letter-exchange", str("")},
                                 {"x-dead-letter-routing-key", str("b")}});
    Queue *b = declare(vh, "b", {{"x-message-ttl", num(10)},
                                 {"x-dead-letter-exchange", str("")},
                                 {"x-dead-letter-routing-key", str("a")}});
    a->enqueue(makeMessage("m", "", "a"));
    clock.advance(11);
    vh.expireQueues();
    QCOMPARE(a->readyCount(), 0);
    QCOMPARE(b->readyCount(), 1);
    clock.advance(11);
    vh.expireQueues();   // back to a would close the loop: dropped
    QCOMPARE(a->readyCount(), 0);
    QCOMPARE(b->readyCount(), 0);
}

void tst_DeadLetterRouting::rejectionKeepsLoopGoing()
{
    ManualClock clock;
    VHost vh("/", clock);
    Queue *a = declare(vh, "a", {{"x-dead-letter-exchange", str("")}, {"x-dead-letter-routing-key", str("b")}});
    Queue *b = declare(vh, "b", {{"x-message-ttl", num(10)},
                                 {"x-dead-letter-exchange", str("")},
                                 {"x-dead-letter-routing-key", str("a")}});
    a->enqueue(makeMessage("m", "", "a"));
    for (int round = 1; round <= 3; ++round) {
        rejectHead(*a);   // a consumer's choice: a -> b
        QCOMPARE(b->readyCount(), 1);
        clock.advance(11);
        vh.expireQueues();   // b -> a: a rejection is on the way, so no cycle
        QCOMPARE(b->readyCount(), 0);
        QCOMPARE(a->readyCount(), 1);
    }
    QCOMPARE(drain(*a), QByteArray("m[b:expired:3 a:rejected:3]"));
}

void tst_DeadLetterRouting::fanoutBackToOrigin()
{
    ManualClock clock;
    VHost vh("/", clock);
    Queue *src = declare(vh, "src", {{"x-message-ttl", num(10)}, {"x-dead-letter-exchange", str("fan")}});
    Queue *dlq = declare(vh, "dlq", {});
    Exchange *fan = addExchange(vh, "fan", "fanout");
    QVERIFY(fan->bind(Binding{to(src), "", {}}));
    QVERIFY(fan->bind(Binding{to(dlq), "", {}}));
    src->enqueue(makeMessage("m"));
    clock.advance(11);
    vh.expireQueues();
    QCOMPARE(src->readyCount(), 0);   // its own copy would be a cycle
    QCOMPARE(drain(*dlq), QByteArray("m[src:expired:1]"));
}

void tst_DeadLetterRouting::deadLetterReachesConsumer()
{
    ManualClock clock;
    VHost vh("/", clock);
    Queue *work = declare(vh, "work", {{"x-dead-letter-exchange", str("")}, {"x-dead-letter-routing-key", str("dlq")}});
    Queue *dlq = declare(vh, "dlq", {});
    FakeConsumer c("C");
    dlq->addConsumer(&c);
    work->enqueue(makeMessage("m"));
    rejectHead(*work);
    QCOMPARE(c.received.size(), size_t(1));
    QCOMPARE(deaths(*c.received[0].message), QByteArray("work:rejected:1"));
    QCOMPARE(dlq->readyCount(), 0);
    QCOMPARE(dlq->unackedCount(), 1);
}

void tst_DeadLetterRouting::expireQueuesRemovesUnused()
{
    ManualClock clock;
    VHost vh("/", clock);
    Queue *unused = declare(vh, "unused", {{"x-expires", num(1000)}});
    Queue *withMessages = declare(vh, "with-messages", {{"x-expires", num(1000)}});
    Queue *consumed = declare(vh, "consumed", {{"x-expires", num(1000)}});
    Queue *redeclared = declare(vh, "redeclared", {{"x-expires", num(1000)}});
    Queue *permanent = declare(vh, "forever", {});
    Queue *longer = declare(vh, "longer", {{"x-expires", num(5000)}});
    QVERIFY(unused && withMessages && consumed && redeclared && permanent && longer);
    QVERIFY(vh.findExchange("amq.direct")->bind(Binding{to(unused), "k", {}}));
    withMessages->enqueue(makeMessage("m"));
    FakeConsumer c("C");
    c.canTake = false;
    consumed->addConsumer(&c);

    clock.advance(500);
    redeclared->markUsed();
    clock.advance(499);
    vh.expireQueues();
    QCOMPARE(vh.queues().size(), 6);

    clock.advance(1);   // 1000 ms since declaration
    vh.expireQueues();
    QVERIFY(!vh.findQueue("unused"));
    QVERIFY(!vh.findQueue("with-messages"));   // messages are no use
    QVERIFY(vh.findQueue("consumed"));
    QVERIFY(vh.findQueue("redeclared"));
    QVERIFY(vh.findQueue("forever"));
    QVERIFY(vh.findQueue("longer"));
    QVERIFY(vh.findExchange("amq.direct")->bindings().empty());
    QCOMPARE(c.queueDeletedCalls, 0);

    clock.advance(500);   // 1000 ms after the redeclaration
    vh.expireQueues();
    QVERIFY(!vh.findQueue("redeclared"));

    consumed->removeConsumer(&c);
    clock.advance(999);
    vh.expireQueues();
    QVERIFY(vh.findQueue("consumed"));
    clock.advance(1);
    vh.expireQueues();
    QVERIFY(!vh.findQueue("consumed"));

    clock.advance(1000000);
    vh.expireQueues();
    QVERIFY(!vh.findQueue("longer"));
    QCOMPARE(vh.queues().size(), 1);
    QCOMPARE(vh.findQueue("forever"), permanent);
}

void tst_DeadLetterRouting::expireQueuesExpiresMessages()
{
    ManualClock clock;
    VHost vh("/", clock);
    Queue *ttl = declare(vh, "ttl", {{"x-message-ttl", num(100)},
                                     {"x-dead-letter-exchange", str("")},
                                     {"x-dead-letter-routing-key", str("dlq")}});
    Queue *perMessage = declare(vh, "per-message", {});
    Queue *dlq = declare(vh, "dlq", {});
    Queue *expiring = declare(vh, "expiring", {{"x-message-ttl", num(100)}, {"x-expires", num(100000)}});
    // t0: a, e (both 100 ms); t0+50: b (100 ms), p (80 ms: due t0+130), one without TTL.
    ttl->enqueue(makeMessage("a"));
    expiring->enqueue(makeMessage("e"));
    clock.advance(50);
    ttl->enqueue(makeMessage("b"));
    perMessage->enqueue(makeMessage("p"), 80);
    perMessage->enqueue(makeMessage("forever"));

    clock.advance(51);   // t0+101: a and e are past due
    vh.expireQueues();
    QCOMPARE(ttl->readyCount(), 1);
    QCOMPARE(perMessage->readyCount(), 2);
    QCOMPARE(expiring->readyCount(), 0);
    QCOMPARE(dlq->readyCount(), 1);

    clock.advance(30);   // t0+131: p
    vh.expireQueues();
    QCOMPARE(perMessage->readyCount(), 1);
    QCOMPARE(ttl->readyCount(), 1);
    clock.advance(20);   // t0+151: b
    vh.expireQueues();
    QCOMPARE(ttl->readyCount(), 0);
    QCOMPARE(drain(*dlq), QByteArray("a[ttl:expired:1] b[ttl:expired:1]"));
    QCOMPARE(drain(*perMessage), QByteArray("forever[]"));
    QVERIFY(vh.findQueue("expiring"));   // emptied, not unused
}

QTEST_GUILESS_MAIN(tst_DeadLetterRouting)
#include "tst_deadletterrouting.moc"
