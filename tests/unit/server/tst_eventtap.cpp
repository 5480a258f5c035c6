// The event tap, driven through the server's connection code without sockets (clients of
// ConnectionTestSupport.h), one test per kind of event, and the tap's own bookkeeping.
//
// Concerns:
//  - the tap off (the default, and after being on) records nothing and follows no message
//  - published: connection, channel, exchange, routing key; flags persistent, mandatory and
//    in_transaction (a transaction's publish is routed at tx.commit)
//  - routed: a topic exchange to two queues (two events, each with its binding key), the
//    default exchange (cause default_exchange, the queue name as binding key), an alternate
//    exchange (cause alternate_exchange), an exchange-to-exchange binding (exchange_binding);
//    every event of one message carries the trace id of its published event
//  - unroutable: mandatory → returned (and basic.return), not mandatory → unroutable
//  - refused: x-overflow reject-publish → refused, and that publish's confirm is a nack
//    (confirmed, cause nack) while the one before it is an ack
//  - confirmed for a persistent message in a durable queue: only once the store's fsync
//    is done, flagged on_disk
//  - dead_lettered for each reason (rejected, expired, maxlen, delivery_limit): the cause,
//    the dead-letter exchange, a linked trace id, and the copy's routed events under it,
//    naming the binding that matched a CC key when the copy was routed by one
//  - expired and dropped (maxlen, delivery_limit) without a dead-letter exchange
//  - delivered (consumer tag, delivery tag, no_ack) and got (no_ack; redelivered after recover)
//  - acked / rejected / requeued with the cause: ack, nack, reject, recover, channel_closed
//  - a connection lost with unacked messages: connection_lost, consumer_cancelled, requeued
//    (cause connection_lost), then delivered, redelivered, to another connection's consumer
//  - consumer_added / consumer_cancelled; connection_opened (user, peer, connection_name),
//    connection_closed (code and text), connection_lost, and none after a clean close
//  - queue, exchange and binding declared and deleted (an exchange-to-exchange binding too)
//  - the sampler: within the budget every message is traced, past it 1 in K, and `untraced`
//    counts the events of the others exactly; a new window traces every message again
//  - a full ring counts `lost`, keeps the oldest in order, and takes events again once
//    drained, also around its end
#include "ConnectionTestSupport.h"

#include "observe/EventTap.h"
#include "store/MessageStore.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <iterator>

using namespace warren;
using namespace warren::amqp;
using observe::Cause;
using observe::EventKind;
using observe::TraceEvent;
using testing::Client;
using testing::methodsOf;
using testing::Received;

namespace {

QList<TraceEvent> takeEvents(server::ServerContext &context)
{
    return context.tap.takeBatch().events;
}

// The kinds of the events in order, as the JSON lines name them: "published routed ...".
QByteArray kinds(const QList<TraceEvent> &events)
{
    QByteArrayList names;
    for (const TraceEvent &e : events)
        names.append(observe::eventKindName(e.kind));
    return names.join(' ');
}

QList<TraceEvent> only(const QList<TraceEvent> &events, EventKind kind)
{
    QList<TraceEvent> out;
    std::copy_if(events.begin(), events.end(), std::back_inserter(out), [&](const TraceEvent &e) { return e.kind == kind; });
    return out;
}

// The events about one message.
QList<TraceEvent> ofMessage(const QList<TraceEvent> &events, std::uint64_t traceId)
{
    QList<TraceEvent> out;
    std::copy_if(events.begin(), events.end(), std::back_inserter(out),
                 [&](const TraceEvent &e) { return e.traceId == traceId; });
    return out;
}

// Sends what the client has queued; the methods the broker answered with.
QList<MethodId> run(Client &c)
{
    c.flush();
    return methodsOf(c.replies());
}

bool noErrors(const QList<MethodId> &answered)
{
    return !answered.contains(ChannelClose::id) && !answered.contains(ConnectionClose::id);
}

// Connects with the tap on; the events of the handshake are dropped.
void connectTapped(Client &c, const FieldTable &clientProperties = {})
{
    c.context.setTapEnabled(true);
    c.handshake(clientProperties);
    takeEvents(c.context);
}

FieldValue text(const char *s)
{
    return FieldValue::string(s);
}

void declareQueue(Client &c, const QByteArray &name, const FieldTable &arguments = {}, bool durable = false)
{
    c.send(1, QueueDeclare{0, name, false, durable, false, false, false, arguments});
}

void declareExchange(Client &c, const QByteArray &name, const QByteArray &type, const FieldTable &arguments = {})
{
    c.send(1, ExchangeDeclare{0, name, type, false, false, false, false, false, arguments});
}

void bindQueue(Client &c, const QByteArray &queue, const QByteArray &exchange, const QByteArray &key)
{
    c.send(1, QueueBind{0, queue, exchange, key, false, {}});
}

void consume(Client &c, const QByteArray &queue, const QByteArray &tag, bool noAck = false)
{
    c.send(1, BasicConsume{0, queue, tag, false, noAck, false, false, {}});
}

BasicProperties persistent()
{
    BasicProperties p;
    p.deliveryMode = 2;
    return p;
}

} // namespace

class EventTapTest : public QObject {
    Q_OBJECT
private slots:
    void tapOffRecordsNothing();
    void publishedFlags();
    void topicRoutesToTwoQueues();
    void defaultExchangeRoute();
    void mandatoryUnroutableIsReturned();
    void unroutableIsDropped();
    void alternateExchangeRoute();
    void exchangeToExchangeRoute();
    void overflowRefusesAndNacks();
    void persistentConfirmWaitsForTheDisk();
    void deadLetteredRejected();
    void deadLetteredExpired();
    void deadLetteredMaxLength();
    void deadLetteredDeliveryLimit();
    void deadLetteredCopyRoutedByItsCcKey();
    void expiredAndDroppedWithoutDeadLetterExchange();
    void deliveredAndGot();
    void settlementCauses_data();
    void settlementCauses();
    void connectionLostRequeuesToTheOtherConsumer();
    void consumerAddedAndCancelled();
    void connectionEvents();
    void topologyEvents();
    void samplerTracesOneInKPastTheBudget();
    void fullRingCountsLost();

private:
    void checkDeadLettered(const QList<TraceEvent> &events, Cause cause, Client &c);
};

void EventTapTest::tapOffRecordsNothing()
{
    Client c;
    c.handshake();
    QVERIFY(!c.context.tap.isEnabled());
    declareQueue(c, "q");
    c.publish(1, "", "q", "m");
    c.publish(1, "", "nowhere", "m", {}, true);
    consume(c, "q", "tag");
    QVERIFY(noErrors(run(c)));
    QVERIFY(c.context.tap.takeBatch().isEmpty());

    // On, then off again: the virtual host's observer goes too, and messages are not followed.
    c.context.setTapEnabled(true);
    c.context.setTapEnabled(false);
    declareQueue(c, "later");
    c.publish(1, "", "later", "m");
    QVERIFY(noErrors(run(c)));
    QVERIFY(c.context.tap.takeBatch().isEmpty());
    const auto entry = c.queue("later")->fetch(true);
    QVERIFY(entry);
    QCOMPARE(entry->message->traceId, std::uint64_t(0));
}

void EventTapTest::publishedFlags()
{
    Client c;
    connectTapped(c);
    declareQueue(c, "q");
    c.publish(1, "", "q", "plain");
    c.publish(1, "", "q", "both", persistent(), true);
    QVERIFY(noErrors(run(c)));
    QList<TraceEvent> published = only(takeEvents(c.context), EventKind::Published);
    QCOMPARE(published.size(), 2);
    QCOMPARE(published[0].connection, c.connection.id());
    QCOMPARE(published[0].channel, std::uint16_t(1));
    QCOMPARE(published[0].vhost, QByteArray("/"));
    QCOMPARE(published[0].exchange, QByteArray(""));
    QCOMPARE(published[0].routingKey, QByteArray("q"));
    QCOMPARE(published[0].flags, std::uint16_t(0));
    QCOMPARE(published[1].flags, std::uint16_t(observe::Persistent | observe::Mandatory));
    QVERIFY(published[0].traceId != 0 && published[1].traceId != published[0].traceId);

    // In a transaction: published now, routed only when committed.
    c.send(1, TxSelect{});
    c.publish(1, "", "q", "tx");
    QVERIFY(noErrors(run(c)));
    QList<TraceEvent> events = takeEvents(c.context);
    QCOMPARE(kinds(events), QByteArray("published"));
    QCOMPARE(events[0].flags, std::uint16_t(observe::InTransaction));
    const std::uint64_t traceId = events[0].traceId;
    c.send(1, TxCommit{});
    QVERIFY(noErrors(run(c)));
    events = takeEvents(c.context);
    QCOMPARE(kinds(events), QByteArray("routed"));
    QCOMPARE(events[0].traceId, traceId);
}

void EventTapTest::topicRoutesToTwoQueues()
{
    Client c;
    connectTapped(c);
    declareExchange(c, "logs", "topic");
    declareQueue(c, "errors");
    declareQueue(c, "disk");
    declareQueue(c, "other");
    bindQueue(c, "errors", "logs", "*.error");
    bindQueue(c, "disk", "logs", "disk.#");
    bindQueue(c, "other", "logs", "net.*");
    QVERIFY(noErrors(run(c)));
    takeEvents(c.context);

    c.publish(1, "logs", "disk.error", "full");
    QVERIFY(noErrors(run(c)));
    const QList<TraceEvent> events = takeEvents(c.context);
    QCOMPARE(kinds(events), QByteArray("published routed routed"));
    const std::uint64_t traceId = events[0].traceId;
    QList<TraceEvent> routed = only(events, EventKind::Routed);
    std::sort(routed.begin(), routed.end(), [](const TraceEvent &a, const TraceEvent &b) { return a.queue < b.queue; });
    QCOMPARE(routed[0].queue, QByteArray("disk"));
    QCOMPARE(routed[0].detail, QByteArray("disk.#"));
    QCOMPARE(routed[1].queue, QByteArray("errors"));
    QCOMPARE(routed[1].detail, QByteArray("*.error"));
    for (const TraceEvent &e : routed) {
        QCOMPARE(e.traceId, traceId);
        QCOMPARE(e.exchange, QByteArray("logs"));
        QCOMPARE(e.routingKey, QByteArray("disk.error"));
        QCOMPARE(e.cause, Cause::Binding);
    }
    QCOMPARE(c.queue("other")->readyCount(), 0);
}

void EventTapTest::defaultExchangeRoute()
{
    Client c;
    connectTapped(c);
    declareQueue(c, "tasks");
    c.publish(1, "", "tasks", "m");
    QVERIFY(noErrors(run(c)));
    const QList<TraceEvent> routed = only(takeEvents(c.context), EventKind::Routed);
    QCOMPARE(routed.size(), 1);
    QCOMPARE(routed[0].exchange, QByteArray(""));
    QCOMPARE(routed[0].queue, QByteArray("tasks"));
    QCOMPARE(routed[0].detail, QByteArray("tasks"));   // the implicit binding's key
    QCOMPARE(routed[0].cause, Cause::DefaultExchange);
}

void EventTapTest::mandatoryUnroutableIsReturned()
{
    Client c;
    connectTapped(c);
    declareExchange(c, "x", "direct");
    QVERIFY(noErrors(run(c)));
    takeEvents(c.context);

    c.publish(1, "x", "nobody", "m", {}, true);
    const QList<MethodId> answered = run(c);
    QCOMPARE(answered, QList<MethodId>{BasicReturn::id});
    const QList<TraceEvent> events = takeEvents(c.context);
    QCOMPARE(kinds(events), QByteArray("published returned"));
    const TraceEvent &returned = events[1];
    QCOMPARE(returned.traceId, events[0].traceId);
    QCOMPARE(returned.exchange, QByteArray("x"));
    QCOMPARE(returned.routingKey, QByteArray("nobody"));
    QCOMPARE(returned.connection, c.connection.id());
    QCOMPARE(returned.channel, std::uint16_t(1));
    QCOMPARE(c.context.vhost("/")->fates().returned, std::uint64_t(1));
}

void EventTapTest::unroutableIsDropped()
{
    Client c;
    connectTapped(c);
    c.publish(1, "amq.direct", "nobody", "m");
    QVERIFY(run(c).isEmpty());
    const QList<TraceEvent> events = takeEvents(c.context);
    QCOMPARE(kinds(events), QByteArray("published unroutable"));
    QCOMPARE(events[1].exchange, QByteArray("amq.direct"));
    QCOMPARE(events[1].routingKey, QByteArray("nobody"));
    QCOMPARE(c.context.vhost("/")->fates().unroutable, std::uint64_t(1));
}

void EventTapTest::alternateExchangeRoute()
{
    Client c;
    connectTapped(c);
    declareExchange(c, "ae", "fanout");
    declareExchange(c, "main", "direct", {{"alternate-exchange", text("ae")}});
    declareQueue(c, "known");
    declareQueue(c, "unrouted");
    bindQueue(c, "known", "main", "known");
    bindQueue(c, "unrouted", "ae", "");
    QVERIFY(noErrors(run(c)));
    takeEvents(c.context);

    c.publish(1, "main", "stranger", "m", {}, true);   // mandatory, but the AE takes it
    QVERIFY(noErrors(run(c)));
    QList<TraceEvent> events = takeEvents(c.context);
    QCOMPARE(kinds(events), QByteArray("published routed"));
    QCOMPARE(events[1].exchange, QByteArray("ae"));
    QCOMPARE(events[1].queue, QByteArray("unrouted"));
    QCOMPARE(events[1].routingKey, QByteArray("stranger"));
    QCOMPARE(events[1].cause, Cause::AlternateExchange);

    // A message its own exchange routes does not go to the alternate exchange.
    c.publish(1, "main", "known", "m");
    QVERIFY(noErrors(run(c)));
    events = takeEvents(c.context);
    QCOMPARE(kinds(events), QByteArray("published routed"));
    QCOMPARE(events[1].queue, QByteArray("known"));
    QCOMPARE(events[1].cause, Cause::Binding);
}

void EventTapTest::exchangeToExchangeRoute()
{
    Client c;
    connectTapped(c);
    declareExchange(c, "front", "topic");
    declareExchange(c, "back", "direct");
    declareQueue(c, "orders");
    c.send(1, ExchangeBind{0, "back", "front", "orders.#", false, {}});
    bindQueue(c, "orders", "back", "orders.new");
    QVERIFY(noErrors(run(c)));
    takeEvents(c.context);

    c.publish(1, "front", "orders.new", "m");
    QVERIFY(noErrors(run(c)));
    const QList<TraceEvent> events = takeEvents(c.context);
    QCOMPARE(kinds(events), QByteArray("published routed"));
    QCOMPARE(events[1].exchange, QByteArray("back"));    // whose binding reached the queue
    QCOMPARE(events[1].queue, QByteArray("orders"));
    QCOMPARE(events[1].detail, QByteArray("orders.new"));
    QCOMPARE(events[1].cause, Cause::ExchangeBinding);
}

void EventTapTest::overflowRefusesAndNacks()
{
    Client c;
    connectTapped(c);
    declareQueue(c, "small", {{"x-max-length", FieldValue::integer(1)}, {"x-overflow", text("reject-publish")}});
    c.send(1, ConfirmSelect{false});
    QVERIFY(noErrors(run(c)));
    takeEvents(c.context);

    c.publish(1, "", "small", "fits");
    c.publish(1, "", "small", "too many");
    c.flush();
    const QList<Received> r = c.replies();
    QCOMPARE(methodsOf(r), (QList<MethodId>{BasicAck::id, BasicNack::id}));
    QCOMPARE(c.decode<BasicNack>(r[1]).deliveryTag, std::uint64_t(2));

    const QList<TraceEvent> events = takeEvents(c.context);
    QCOMPARE(kinds(events), QByteArray("published routed confirmed published routed refused confirmed"));
    const TraceEvent &refused = events[5];
    QCOMPARE(refused.traceId, events[3].traceId);
    QCOMPARE(refused.queue, QByteArray("small"));
    QCOMPARE(refused.connection, c.connection.id());
    QCOMPARE(events[2].cause, Cause::Ack);
    QCOMPARE(events[2].deliveryTag, std::uint64_t(1));
    QCOMPARE(events[6].cause, Cause::Nack);
    QCOMPARE(events[6].deliveryTag, std::uint64_t(2));
    QCOMPARE(events[6].traceId, events[3].traceId);
    QVERIFY(!events[6].has(observe::OnDisk));
    QCOMPARE(c.context.vhost("/")->fates().overflowDropped, std::uint64_t(1));
}

void EventTapTest::persistentConfirmWaitsForTheDisk()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Client c;
    c.context.setMessageStore(std::make_unique<store::MessageStore>(dir.filePath(QStringLiteral("messages"))), 5);
    QString error;
    QVERIFY2(c.context.recoverMessages(&error), qPrintable(error));
    connectTapped(c);
    declareQueue(c, "durable", {}, true);
    c.send(1, ConfirmSelect{false});
    QVERIFY(noErrors(run(c)));
    takeEvents(c.context);

    c.publish(1, "", "durable", "kept", persistent());
    QVERIFY(run(c).isEmpty());   // no confirm before the fsync
    QList<TraceEvent> events = takeEvents(c.context);
    QCOMPARE(kinds(events), QByteArray("published routed"));
    const std::uint64_t traceId = events[0].traceId;

    const auto confirmedYet = [&] {
        events += takeEvents(c.context);
        return !only(events, EventKind::Confirmed).isEmpty();
    };
    QTRY_VERIFY_WITH_TIMEOUT(confirmedYet(), 5000);   // the group commit's fsync, on its thread
    const QList<TraceEvent> confirmed = only(events, EventKind::Confirmed);
    QCOMPARE(confirmed.size(), 1);
    QCOMPARE(confirmed[0].traceId, traceId);
    QCOMPARE(confirmed[0].cause, Cause::Ack);
    QCOMPARE(confirmed[0].deliveryTag, std::uint64_t(1));
    QVERIFY(confirmed[0].has(observe::OnDisk));
    QCOMPARE(methodsOf(c.replies()), QList<MethodId>{BasicAck::id});
}

// The dead-lettering tests: queue "work" dead-letters to the fanout exchange "dlx", which
// leads to queue "dead". `events` are those of one message that died in "work".
void EventTapTest::checkDeadLettered(const QList<TraceEvent> &events, Cause cause, Client &c)
{
    const QList<TraceEvent> dead = only(events, EventKind::DeadLettered);
    QCOMPARE(dead.size(), 1);
    const TraceEvent &d = dead[0];
    QCOMPARE(d.cause, cause);
    QCOMPARE(d.vhost, QByteArray("/"));
    QCOMPARE(d.queue, QByteArray("work"));
    QCOMPARE(d.exchange, QByteArray("dlx"));
    QCOMPARE(d.routingKey, QByteArray("work"));
    QVERIFY(d.traceId != 0);
    QVERIFY(d.linkedTraceId != 0);
    QVERIFY(d.linkedTraceId != d.traceId);
    // The copy is followed under the linked id, from the dead-letter exchange on.
    const QList<TraceEvent> copy = ofMessage(events, d.linkedTraceId);
    QCOMPARE(kinds(copy), QByteArray("routed"));
    QCOMPARE(copy[0].exchange, QByteArray("dlx"));
    QCOMPARE(copy[0].queue, QByteArray("dead"));
    QCOMPARE(copy[0].cause, Cause::Binding);
    QVERIFY(copy[0].seq > d.seq);
    QCOMPARE(c.queue("dead")->readyCount(), 1);
    QCOMPARE(c.context.vhost("/")->fates().deadLettered, std::uint64_t(1));
}

namespace {
// "work" with these arguments and a dead-letter exchange, "dlx" and "dead" as above.
void declareDeadLetterSetup(Client &c, FieldTable workArguments, bool durable = false)
{
    declareExchange(c, "dlx", "fanout");
    declareQueue(c, "dead");
    bindQueue(c, "dead", "dlx", "");
    workArguments.insert("x-dead-letter-exchange", text("dlx"));
    declareQueue(c, "work", workArguments, durable);
}
} // namespace

void EventTapTest::deadLetteredRejected()
{
    Client c;
    connectTapped(c);
    declareDeadLetterSetup(c, {});
    consume(c, "work", "worker");
    QVERIFY(noErrors(run(c)));
    takeEvents(c.context);

    c.publish(1, "", "work", "m");
    c.send(1, BasicReject{1, false});
    QVERIFY(noErrors(run(c)));
    const QList<TraceEvent> events = takeEvents(c.context);
    QCOMPARE(kinds(ofMessage(events, events[0].traceId)), QByteArray("published routed delivered rejected dead_lettered"));
    QCOMPARE(only(events, EventKind::Rejected)[0].cause, Cause::Reject);
    checkDeadLettered(events, Cause::Rejected, c);
}

void EventTapTest::deadLetteredExpired()
{
    Client c;
    connectTapped(c);
    declareDeadLetterSetup(c, {{"x-message-ttl", FieldValue::integer(0)}});   // delivered at once or never
    QVERIFY(noErrors(run(c)));
    takeEvents(c.context);

    c.publish(1, "", "work", "m");
    QVERIFY(noErrors(run(c)));
    const QList<TraceEvent> events = takeEvents(c.context);
    QCOMPARE(kinds(ofMessage(events, events[0].traceId)), QByteArray("published routed expired dead_lettered"));
    QCOMPARE(only(events, EventKind::Expired)[0].queue, QByteArray("work"));
    checkDeadLettered(events, Cause::Expired, c);
}

void EventTapTest::deadLetteredMaxLength()
{
    Client c;
    connectTapped(c);
    declareDeadLetterSetup(c, {{"x-max-length", FieldValue::integer(1)}});
    QVERIFY(noErrors(run(c)));
    takeEvents(c.context);

    c.publish(1, "", "work", "first");
    c.publish(1, "", "work", "second");   // drop-head: the first makes room
    QVERIFY(noErrors(run(c)));
    const QList<TraceEvent> events = takeEvents(c.context);
    const std::uint64_t first = events[0].traceId;
    QCOMPARE(kinds(ofMessage(events, first)), QByteArray("published routed dropped dead_lettered"));
    QCOMPARE(only(events, EventKind::Dropped)[0].cause, Cause::MaxLength);
    QCOMPARE(only(events, EventKind::DeadLettered)[0].traceId, first);
    checkDeadLettered(events, Cause::MaxLength, c);
}

void EventTapTest::deadLetteredDeliveryLimit()
{
    Client c;
    connectTapped(c);
    declareDeadLetterSetup(c, {{"x-queue-type", text("quorum")}, {"x-delivery-limit", FieldValue::integer(0)}}, true);
    QVERIFY(noErrors(run(c)));
    takeEvents(c.context);

    c.publish(1, "", "work", "m");
    c.send(1, BasicGet{0, "work", false});
    c.send(1, BasicNack{1, false, true});   // returned once: past a limit of 0
    QVERIFY(noErrors(run(c)));
    const QList<TraceEvent> events = takeEvents(c.context);
    QCOMPARE(kinds(ofMessage(events, events[0].traceId)),
             QByteArray("published routed got requeued dropped dead_lettered"));
    QCOMPARE(only(events, EventKind::Requeued)[0].cause, Cause::Nack);
    QCOMPARE(only(events, EventKind::Dropped)[0].cause, Cause::DeliveryLimit);
    checkDeadLettered(events, Cause::DeliveryLimit, c);
    QCOMPARE(c.queue("work")->readyCount(), 0);
}

void EventTapTest::deadLetteredCopyRoutedByItsCcKey()
{
    // Without x-dead-letter-routing-key the copy is routed by the keys it was published
    // with, CC included; its routed event names the binding that matched the CC key.
    Client c;
    connectTapped(c);
    declareExchange(c, "dlx", "direct");
    declareQueue(c, "audit-log");
    bindQueue(c, "audit-log", "dlx", "audit");
    declareQueue(c, "work", {{"x-dead-letter-exchange", text("dlx")}});
    QVERIFY(noErrors(run(c)));
    takeEvents(c.context);

    BasicProperties withCc;
    withCc.headers = FieldTable{{"CC", FieldValue::array({FieldValue::string("audit")})}};
    c.publish(1, "", "work", "m", withCc);
    c.send(1, BasicGet{0, "work", false});
    c.send(1, BasicReject{1, false});
    QVERIFY(noErrors(run(c)));
    const QList<TraceEvent> events = takeEvents(c.context);
    const QList<TraceEvent> dead = only(events, EventKind::DeadLettered);
    QCOMPARE(dead.size(), 1);
    const QList<TraceEvent> copy = ofMessage(events, dead[0].linkedTraceId);
    QCOMPARE(kinds(copy), QByteArray("routed"));
    QCOMPARE(copy[0].exchange, QByteArray("dlx"));
    QCOMPARE(copy[0].queue, QByteArray("audit-log"));
    QCOMPARE(copy[0].routingKey, QByteArray("work"));
    QCOMPARE(copy[0].detail, QByteArray("audit"));
    QCOMPARE(c.queue("audit-log")->readyCount(), 1);
}

void EventTapTest::expiredAndDroppedWithoutDeadLetterExchange()
{
    Client c;
    connectTapped(c);
    declareQueue(c, "short", {{"x-message-ttl", FieldValue::integer(0)}});
    declareQueue(c, "one", {{"x-max-length", FieldValue::integer(1)}});
    declareQueue(c, "limited", {{"x-queue-type", text("quorum")}, {"x-delivery-limit", FieldValue::integer(0)}}, true);
    QVERIFY(noErrors(run(c)));
    takeEvents(c.context);

    c.publish(1, "", "short", "m");
    QVERIFY(noErrors(run(c)));
    QList<TraceEvent> events = takeEvents(c.context);
    QCOMPARE(kinds(events), QByteArray("published routed expired"));
    QCOMPARE(events[2].queue, QByteArray("short"));
    QCOMPARE(events[2].vhost, QByteArray("/"));
    QCOMPARE(events[2].traceId, events[0].traceId);

    c.publish(1, "", "one", "first");
    c.publish(1, "", "one", "second");
    QVERIFY(noErrors(run(c)));
    events = takeEvents(c.context);
    QCOMPARE(kinds(events), QByteArray("published routed published routed dropped"));
    QCOMPARE(events[4].traceId, events[0].traceId);   // the head made room
    QCOMPARE(events[4].queue, QByteArray("one"));
    QCOMPARE(events[4].cause, Cause::MaxLength);

    c.publish(1, "", "limited", "m");
    c.send(1, BasicGet{0, "limited", false});
    c.send(1, BasicReject{1, true});
    QVERIFY(noErrors(run(c)));
    events = takeEvents(c.context);
    QCOMPARE(kinds(events), QByteArray("published routed got requeued dropped"));
    QCOMPARE(events[3].cause, Cause::Reject);
    QCOMPARE(events[4].cause, Cause::DeliveryLimit);
    QCOMPARE(events[4].queue, QByteArray("limited"));
    QCOMPARE(c.context.vhost("/")->fates().deadLettered, std::uint64_t(0));
}

void EventTapTest::deliveredAndGot()
{
    Client c;
    connectTapped(c);
    declareQueue(c, "pushed");
    declareQueue(c, "pulled");
    c.publish(1, "", "pushed", "1");
    c.publish(1, "", "pushed", "2");
    c.publish(1, "", "pulled", "3");
    QVERIFY(noErrors(run(c)));
    takeEvents(c.context);

    consume(c, "pushed", "fast", true);
    QVERIFY(noErrors(run(c)));
    QList<TraceEvent> delivered = only(takeEvents(c.context), EventKind::Delivered);
    QCOMPARE(delivered.size(), 2);
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(delivered[i].queue, QByteArray("pushed"));
        QCOMPARE(delivered[i].consumerTag, QByteArray("fast"));
        QCOMPARE(delivered[i].deliveryTag, std::uint64_t(i + 1));
        QCOMPARE(delivered[i].flags, std::uint16_t(observe::NoAck));
        QCOMPARE(delivered[i].connection, c.connection.id());
        QCOMPARE(delivered[i].channel, std::uint16_t(1));
    }
    QVERIFY(delivered[0].traceId != delivered[1].traceId);

    c.send(1, BasicGet{0, "pulled", false});
    c.send(1, BasicRecover{true});
    c.send(1, BasicGet{0, "pulled", true});
    QVERIFY(noErrors(run(c)));
    const QList<TraceEvent> events = takeEvents(c.context);
    QCOMPARE(kinds(events), QByteArray("got requeued got"));
    QCOMPARE(events[0].queue, QByteArray("pulled"));
    QCOMPARE(events[0].consumerTag, QByteArray());
    QCOMPARE(events[0].deliveryTag, std::uint64_t(3));
    QCOMPARE(events[0].flags, std::uint16_t(0));
    QCOMPARE(events[1].cause, Cause::Recover);
    QCOMPARE(events[2].deliveryTag, std::uint64_t(4));
    QCOMPARE(events[2].flags, std::uint16_t(observe::Redelivered | observe::NoAck));
    QCOMPARE(events[2].traceId, events[0].traceId);
}

namespace {
enum class Settle { Ack, NackDrop, RejectDrop, NackRequeue, RejectRequeue, Recover, CloseChannel };
}

void EventTapTest::settlementCauses_data()
{
    QTest::addColumn<int>("how");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("cause");
    const auto row = [](const char *name, Settle how, EventKind kind, Cause cause) {
        QTest::newRow(name) << int(how) << int(kind) << int(cause);
    };
    row("basic.ack", Settle::Ack, EventKind::Acked, Cause::Ack);
    row("basic.nack, dropped", Settle::NackDrop, EventKind::Rejected, Cause::Nack);
    row("basic.reject, dropped", Settle::RejectDrop, EventKind::Rejected, Cause::Reject);
    row("basic.nack, requeued", Settle::NackRequeue, EventKind::Requeued, Cause::Nack);
    row("basic.reject, requeued", Settle::RejectRequeue, EventKind::Requeued, Cause::Reject);
    row("basic.recover", Settle::Recover, EventKind::Requeued, Cause::Recover);
    row("channel.close", Settle::CloseChannel, EventKind::Requeued, Cause::ChannelClosed);
}

void EventTapTest::settlementCauses()
{
    QFETCH(int, how);
    QFETCH(int, kind);
    QFETCH(int, cause);
    Client c;
    connectTapped(c);
    declareQueue(c, "q");
    c.publish(1, "", "q", "m");
    c.send(1, BasicGet{0, "q", false});
    QVERIFY(noErrors(run(c)));
    const std::uint64_t traceId = only(takeEvents(c.context), EventKind::Published).first().traceId;

    switch (Settle(how)) {
    case Settle::Ack: c.send(1, BasicAck{1, false}); break;
    case Settle::NackDrop: c.send(1, BasicNack{1, false, false}); break;
    case Settle::RejectDrop: c.send(1, BasicReject{1, false}); break;
    case Settle::NackRequeue: c.send(1, BasicNack{1, false, true}); break;
    case Settle::RejectRequeue: c.send(1, BasicReject{1, true}); break;
    case Settle::Recover: c.send(1, BasicRecover{true}); break;
    case Settle::CloseChannel: c.send(1, ChannelClose{200, "bye", 0, 0}); break;
    }
    QVERIFY(noErrors(run(c)));
    const QList<TraceEvent> events = takeEvents(c.context);
    QCOMPARE(events.size(), 1);
    const TraceEvent &e = events[0];
    QCOMPARE(int(e.kind), kind);
    QCOMPARE(int(e.cause), cause);
    QCOMPARE(e.traceId, traceId);
    QCOMPARE(e.queue, QByteArray("q"));
    QCOMPARE(e.deliveryTag, std::uint64_t(1));
    QCOMPARE(e.connection, c.connection.id());
    QCOMPARE(e.channel, std::uint16_t(1));
}

void EventTapTest::connectionLostRequeuesToTheOtherConsumer()
{
    server::ServerContext broker;
    broker.setTapEnabled(true);
    Client first(broker), second(broker);
    first.handshake({{"connection_name", text("worker 1")}});
    second.handshake({{"connection_name", text("worker 2")}});
    declareQueue(first, "tasks");
    consume(first, "tasks", "w1");
    QVERIFY(noErrors(run(first)));
    second.publish(1, "", "tasks", "job");
    QVERIFY(noErrors(run(second)));
    QCOMPARE(methodsOf(first.replies()), QList<MethodId>{BasicDeliver::id});
    consume(second, "tasks", "w2");
    QVERIFY(noErrors(run(second)));
    const QList<TraceEvent> before = takeEvents(broker);
    const std::uint64_t traceId = only(before, EventKind::Published).first().traceId;
    QCOMPARE(only(before, EventKind::Delivered).first().connection, first.connection.id());

    first.connection.transportClosed();   // killed before its ack
    const QList<TraceEvent> events = takeEvents(broker);
    QCOMPARE(kinds(events), QByteArray("connection_lost consumer_cancelled requeued delivered"));
    QCOMPARE(events[0].connection, first.connection.id());
    QCOMPARE(events[1].consumerTag, QByteArray("w1"));
    const TraceEvent &requeued = events[2];
    QCOMPARE(requeued.traceId, traceId);
    QCOMPARE(requeued.cause, Cause::ConnectionLost);
    QCOMPARE(requeued.connection, first.connection.id());
    QCOMPARE(requeued.queue, QByteArray("tasks"));
    QCOMPARE(requeued.deliveryTag, std::uint64_t(1));
    const TraceEvent &delivered = events[3];
    QCOMPARE(delivered.traceId, traceId);
    QCOMPARE(delivered.connection, second.connection.id());
    QCOMPARE(delivered.consumerTag, QByteArray("w2"));
    QVERIFY(delivered.has(observe::Redelivered));

    const QList<Received> r = second.replies();
    QCOMPARE(methodsOf(r), QList<MethodId>{BasicDeliver::id});
    QVERIFY(second.decode<BasicDeliver>(r[0]).redelivered);
}

void EventTapTest::consumerAddedAndCancelled()
{
    Client c;
    connectTapped(c);
    declareQueue(c, "q");
    QVERIFY(noErrors(run(c)));
    takeEvents(c.context);

    consume(c, "q", "acking");
    consume(c, "q", "careless", true);
    c.send(1, BasicCancel{"acking", false});
    QVERIFY(noErrors(run(c)));
    QList<TraceEvent> events = takeEvents(c.context);
    QCOMPARE(kinds(events), QByteArray("consumer_added consumer_added consumer_cancelled"));
    QCOMPARE(events[0].consumerTag, QByteArray("acking"));
    QCOMPARE(events[0].queue, QByteArray("q"));
    QCOMPARE(events[0].flags, std::uint16_t(0));
    QCOMPARE(events[0].connection, c.connection.id());
    QCOMPARE(events[1].consumerTag, QByteArray("careless"));
    QCOMPARE(events[1].flags, std::uint16_t(observe::NoAck));
    QCOMPARE(events[2].consumerTag, QByteArray("acking"));
    QCOMPARE(events[2].queue, QByteArray("q"));

    // Deleting its queue cancels a consumer too.
    c.send(1, QueueDelete{0, "q", false, false, false});
    QVERIFY(noErrors(run(c)));
    events = takeEvents(c.context);
    QCOMPARE(only(events, EventKind::ConsumerCancelled).size(), 1);
    QCOMPARE(only(events, EventKind::ConsumerCancelled)[0].consumerTag, QByteArray("careless"));
}

void EventTapTest::connectionEvents()
{
    server::ServerContext broker;
    broker.setTapEnabled(true);
    Client named(broker);
    named.handshake({{"connection_name", text("orders producer")}});
    QList<TraceEvent> events = takeEvents(broker);
    QCOMPARE(kinds(events), QByteArray("connection_opened"));
    QCOMPARE(events[0].connection, named.connection.id());
    QCOMPARE(events[0].vhost, QByteArray("/"));
    QCOMPARE(events[0].user, QByteArray("guest"));
    QVERIFY2(events[0].peer.startsWith("127.0.0.1:"), events[0].peer.constData());
    QCOMPARE(events[0].detail, QByteArray("orders producer"));

    named.send(0, ConnectionClose{200, "Normal shutdown", 0, 0});
    QCOMPARE(run(named), QList<MethodId>{ConnectionCloseOk::id});
    named.connection.transportClosed();   // the socket closes after close-ok: not a loss
    events = takeEvents(broker);
    QCOMPARE(kinds(events), QByteArray("connection_closed"));
    QCOMPARE(events[0].connection, named.connection.id());
    QCOMPARE(events[0].detail, QByteArray("200 Normal shutdown"));

    Client anonymous(broker);
    anonymous.handshake();
    events = takeEvents(broker);
    QCOMPARE(kinds(events), QByteArray("connection_opened"));
    QCOMPARE(events[0].detail, QByteArray());
    anonymous.connection.transportClosed();
    events = takeEvents(broker);
    QCOMPARE(kinds(events), QByteArray("connection_lost"));
    QCOMPARE(events[0].connection, anonymous.connection.id());
    QCOMPARE(events[0].vhost, QByteArray("/"));
    QVERIFY(!events[0].detail.isEmpty());

    // A hard error closes the connection: closed, with the error's code.
    Client clumsy(broker);
    clumsy.handshake();
    takeEvents(broker);
    clumsy.send(1, ChannelOpen{});   // a second channel.open
    QCOMPARE(run(clumsy), QList<MethodId>{ConnectionClose::id});
    events = takeEvents(broker);
    QCOMPARE(kinds(events), QByteArray("connection_closed"));
    QVERIFY2(events[0].detail.startsWith("504 "), events[0].detail.constData());
}

void EventTapTest::topologyEvents()
{
    Client c;
    connectTapped(c);
    declareExchange(c, "x", "direct");
    declareExchange(c, "y", "fanout");
    declareQueue(c, "q");
    bindQueue(c, "q", "x", "k");
    c.send(1, ExchangeBind{0, "y", "x", "k2", false, {}});
    QVERIFY(noErrors(run(c)));
    QList<TraceEvent> events = takeEvents(c.context);
    QCOMPARE(kinds(events), QByteArray("exchange_declared exchange_declared queue_declared binding_added binding_added"));
    QCOMPARE(events[0].exchange, QByteArray("x"));
    QCOMPARE(events[0].detail, QByteArray("direct"));
    QCOMPARE(events[1].detail, QByteArray("fanout"));
    QCOMPARE(events[2].queue, QByteArray("q"));
    QCOMPARE(events[2].vhost, QByteArray("/"));
    QCOMPARE(events[3].exchange, QByteArray("x"));
    QCOMPARE(events[3].queue, QByteArray("q"));
    QCOMPARE(events[3].routingKey, QByteArray("k"));
    QVERIFY(!events[3].has(observe::ToExchange));
    QCOMPARE(events[4].exchange, QByteArray("x"));
    QCOMPARE(events[4].detail, QByteArray("y"));
    QCOMPARE(events[4].routingKey, QByteArray("k2"));
    QVERIFY(events[4].has(observe::ToExchange));
    for (const TraceEvent &e : events)
        QCOMPARE(e.traceId, std::uint64_t(0));   // about the broker, not a message

    // Declaring what exists changes nothing and tells nothing.
    declareQueue(c, "q");
    declareExchange(c, "x", "direct");
    QVERIFY(noErrors(run(c)));
    QCOMPARE(kinds(takeEvents(c.context)), QByteArray());

    c.send(1, QueueUnbind{0, "q", "x", "k", {}});
    c.send(1, ExchangeDelete{0, "x", false, false});   // its binding to y goes with it
    c.send(1, QueueDelete{0, "q", false, false, false});
    QVERIFY(noErrors(run(c)));
    events = takeEvents(c.context);
    QCOMPARE(kinds(events), QByteArray("binding_removed binding_removed exchange_deleted queue_deleted"));
    QCOMPARE(events[0].queue, QByteArray("q"));
    QCOMPARE(events[0].routingKey, QByteArray("k"));
    QCOMPARE(events[1].detail, QByteArray("y"));
    QVERIFY(events[1].has(observe::ToExchange));
    QCOMPARE(events[2].exchange, QByteArray("x"));
    QCOMPARE(events[3].queue, QByteArray("q"));
}

void EventTapTest::samplerTracesOneInKPastTheBudget()
{
    // A budget of 3 messages a window, then 1 in 4; every message makes two events.
    observe::EventTap tap(1024, observe::TraceSampler(3, 4));
    tap.setEnabled(true);
    const auto publishMessages = [&](int count) {
        QList<std::uint64_t> traced;
        for (int i = 0; i < count; ++i) {
            const std::uint64_t id = tap.sampleMessage();
            for (EventKind kind : {EventKind::Published, EventKind::Routed}) {
                tap.message(id, [&] {
                    TraceEvent e;
                    e.kind = kind;
                    e.detail = QByteArray::number(i);
                    return e;
                });
            }
            if (id)
                traced.append(i);
        }
        return traced;
    };

    QCOMPARE(publishMessages(3), (QList<std::uint64_t>{0, 1, 2}));
    observe::TraceBatch batch = tap.takeBatch();
    QCOMPARE(batch.events.size(), 6);
    QCOMPARE(batch.untraced, std::uint64_t(0));

    // Past the budget: the 4th, 8th, 12th and 16th of the next 17.
    QCOMPARE(publishMessages(17), (QList<std::uint64_t>{3, 7, 11, 15}));
    batch = tap.takeBatch();
    QCOMPARE(batch.sampleEvery, 4);
    QCOMPARE(batch.events.size(), 8);
    QCOMPARE(batch.untraced, std::uint64_t(13 * 2));
    for (const TraceEvent &e : batch.events)
        QVERIFY(e.traceId != 0);
    // Broker events (not about a message) are never sampled.
    tap.event([] { return TraceEvent{}; });
    QCOMPARE(tap.takeBatch().events.size(), 1);

    tap.newWindow();
    QCOMPARE(publishMessages(3), (QList<std::uint64_t>{0, 1, 2}));
    batch = tap.takeBatch();
    QCOMPARE(batch.sampleEvery, 4);   // the budget of this window is used up too
    QCOMPARE(batch.events.size(), 6);
    QCOMPARE(batch.untraced, std::uint64_t(0));
    tap.newWindow();
    QCOMPARE(tap.takeBatch().sampleEvery, 1);
}

void EventTapTest::fullRingCountsLost()
{
    observe::EventTap tap(4);
    tap.setEnabled(true);
    const auto record = [&](int count) {
        for (int i = 0; i < count; ++i)
            tap.message(tap.sampleMessage(), [] { return TraceEvent{}; });
    };
    record(10);
    observe::TraceBatch batch = tap.takeBatch();
    QCOMPARE(batch.events.size(), 4);
    QCOMPARE(batch.lost, std::uint64_t(6));
    QCOMPARE(batch.untraced, std::uint64_t(0));
    QCOMPARE(batch.events.first().seq, std::uint64_t(1));   // the oldest kept, in order
    QCOMPARE(batch.events.last().seq, std::uint64_t(4));

    record(3);
    batch = tap.takeBatch();
    QCOMPARE(batch.events.size(), 3);
    QCOMPARE(batch.lost, std::uint64_t(0));
    QCOMPARE(batch.events.first().seq, std::uint64_t(5));
    QVERIFY(tap.takeBatch().isEmpty());

    // Around the end of the ring: four fit again, the fifth is lost.
    record(5);
    batch = tap.takeBatch();
    QCOMPARE(batch.lost, std::uint64_t(1));
    QList<std::uint64_t> seqs;
    for (const TraceEvent &e : batch.events)
        seqs.append(e.seq);
    QCOMPARE(seqs, (QList<std::uint64_t>{8, 9, 10, 11}));
}

QTEST_GUILESS_MAIN(EventTapTest)
#include "tst_eventtap.moc"
