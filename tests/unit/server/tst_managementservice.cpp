// The explorer's commands against a broker without sockets or threads: ManagementService
// on a ServerContext, its AMQP commands going through the in-process client.
// - declarations answer as a client would be answered (406 inequivalent, 403 for amq.*,
//   404 for a missing vhost), and the next command works after a refusal;
// - the snapshot's routing-graph edges (exchange to queue, exchange to exchange, the
//   default exchange) count exactly what was routed; alternate and dead-letter exchanges;
// - a routing preview names the queues a publish then really reaches;
// - get with requeue leaves the queue as it was (redelivered), get with ack empties it,
//   and properties and body come back as published;
// - move, purge and delete-if-empty count and refuse as RabbitMQ does;
// - virtual hosts and users: permissions are set exactly (an invalid pattern is refused) and
//   cleared, a new password keeps them, a deleted vhost takes its queues and permissions along;
// - the snapshot lists bindings, the default exchange, consumers-free queues, vhosts and users
//   with their permissions.
#include "SnapshotBuilder.h"
#include "management/ManagementService.h"
#include "server/ServerContext.h"

#include <QtTest>

using namespace warren;
using namespace warren::management;

class ManagementServiceTest : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void declareAnswersLikeAmqp();
    void previewMatchesRouting();
    void getRequeueAndAck();
    void moveAndPurge();
    void vhostsAndUsers();
    void snapshotShowsTopology();
    void snapshotCountsRouteEdges();

private:
    QueueSpec queue(const QString &name) const
    {
        QueueSpec q;
        q.name = name;
        q.durable = false;
        return q;
    }
    PublishSpec message(const QString &exchange, const QString &key, const QByteArray &body) const
    {
        PublishSpec p;
        p.exchange = exchange;
        p.routingKey = key;
        p.body = body;
        return p;
    }
    qint64 ready(const char *name) const { return context->vhost("/")->findQueue(name)->readyCount(); }

    std::unique_ptr<server::ServerContext> context;
    std::unique_ptr<ManagementService> service;
};

void ManagementServiceTest::init()
{
    context = std::make_unique<server::ServerContext>();
    service = std::make_unique<ManagementService>(*context);
}

void ManagementServiceTest::cleanup()
{
    service.reset();
    context.reset();
}

void ManagementServiceTest::declareAnswersLikeAmqp()
{
    QVERIFY(service->declareQueue(queue(QStringLiteral("orders"))).ok());
    QVERIFY(context->vhost("/")->findQueue("orders"));

    QueueSpec durable = queue(QStringLiteral("orders"));
    durable.durable = true;
    const Outcome refused = service->declareQueue(durable);
    QCOMPARE(refused.replyCode, 406);
    QVERIFY2(refused.text.startsWith(QLatin1String("PRECONDITION_FAILED - inequivalent arg 'durable'")),
             qPrintable(refused.text));

    const Outcome amq = service->deleteExchange(QStringLiteral("/"), QStringLiteral("amq.direct"), false);
    QCOMPARE(amq.replyCode, 403);

    // The channel the refusals closed was reopened.
    QVERIFY(service->declareQueue(queue(QStringLiteral("second"))).ok());
    QCOMPARE(service->declareQueue(QueueSpec{QStringLiteral("nowhere"), QStringLiteral("q")}).replyCode, 404);
}

void ManagementServiceTest::previewMatchesRouting()
{
    QVERIFY(service->declareExchange(ExchangeSpec{QStringLiteral("/"), QStringLiteral("logs"), QStringLiteral("topic"),
                                                  false}).ok());
    for (const char *q : {"errors", "all"})
        QVERIFY(service->declareQueue(queue(QString::fromLatin1(q))).ok());
    QVERIFY(service->bind(BindingSpec{QStringLiteral("/"), QStringLiteral("logs"), QStringLiteral("errors"), false,
                                      QStringLiteral("*.error")}).ok());
    QVERIFY(service->bind(BindingSpec{QStringLiteral("/"), QStringLiteral("logs"), QStringLiteral("all"), false,
                                      QStringLiteral("#")}).ok());

    const auto ask = [&](const char *key) {
        return service->explainRoute(RouteQuestion{QStringLiteral("/"), QStringLiteral("logs"), QString::fromLatin1(key)});
    };
    const RouteAnswer answer = ask("disk.error");
    QVERIFY(answer.outcome.ok());
    QCOMPARE(answer.explanation.queues, (QList<QByteArray>{"all", "errors"}));
    QCOMPARE(ask("disk.info").explanation.queues, QList<QByteArray>{"all"});
    QVERIFY(!service->explainRoute(RouteQuestion{QStringLiteral("/"), QStringLiteral("nope")}).outcome.ok());

    const PublishResult sent = service->publish(message(QStringLiteral("logs"), QStringLiteral("disk.error"), "x"));
    QVERIFY(sent.outcome.ok() && sent.routed);
    QCOMPARE(ready("errors"), 1);
    QCOMPARE(ready("all"), 1);
    QVERIFY(service->unbind(BindingSpec{QStringLiteral("/"), QStringLiteral("logs"), QStringLiteral("all"), false,
                                        QStringLiteral("#")}).ok());
    const PublishResult lost = service->publish(message(QStringLiteral("logs"), QStringLiteral("disk.info"), "y"));
    QVERIFY(lost.outcome.ok());
    QVERIFY(!lost.routed);
}

void ManagementServiceTest::getRequeueAndAck()
{
    QVERIFY(service->declareQueue(queue(QStringLiteral("work"))).ok());
    PublishSpec first = message(QString(), QStringLiteral("work"), "first");
    first.properties.contentType = "application/json";
    first.properties.headers = amqp::FieldTable{{"attempt", amqp::FieldValue::integer(3)}};
    QVERIFY(service->publish(first).routed);
    QVERIFY(service->publish(message(QString(), QStringLiteral("work"), "second")).routed);

    const GetResult peek = service->getMessages(QStringLiteral("/"), QStringLiteral("work"), 5, GetMode::Requeue);
    QVERIFY(peek.outcome.ok());
    QCOMPARE(peek.messages.size(), 2);
    QCOMPARE(peek.messages[0].body, QByteArray("first"));
    QCOMPARE(peek.messages[0].properties.contentType, std::optional<QByteArray>("application/json"));
    QCOMPARE(peek.messages[0].properties.headers->find("attempt")->toInteger(), 3);
    QCOMPARE(peek.messages[0].remaining, 1);
    QVERIFY(!peek.messages[0].redelivered);
    QCOMPARE(ready("work"), 2);

    const GetResult taken = service->getMessages(QStringLiteral("/"), QStringLiteral("work"), 1, GetMode::Ack);
    QCOMPARE(taken.messages.size(), 1);
    QCOMPARE(taken.messages[0].body, QByteArray("first"));   // requeued in its place
    QVERIFY(taken.messages[0].redelivered);
    QCOMPARE(ready("work"), 1);

    QCOMPARE(service->getMessages(QStringLiteral("/"), QStringLiteral("gone"), 1, GetMode::Ack).outcome.replyCode,
             404);
}

void ManagementServiceTest::moveAndPurge()
{
    for (const char *q : {"from", "to"})
        QVERIFY(service->declareQueue(queue(QString::fromLatin1(q))).ok());
    for (int i = 0; i < 5; ++i)
        service->publish(message(QString(), QStringLiteral("from"), QByteArray::number(i)));

    QCOMPARE(service->deleteQueue(QStringLiteral("/"), QStringLiteral("from"), true, false).replyCode, 406);
    const Outcome moved = service->moveMessages(QStringLiteral("/"), QStringLiteral("from"), QStringLiteral("to"));
    QVERIFY(moved.ok());
    QCOMPARE(moved.count, 5);
    QCOMPARE(ready("from"), 0);
    QCOMPARE(ready("to"), 5);
    const GetResult order = service->getMessages(QStringLiteral("/"), QStringLiteral("to"), 5, GetMode::Requeue);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(order.messages[i].body, QByteArray::number(i));
    QCOMPARE(service->moveMessages(QStringLiteral("/"), QStringLiteral("to"), QStringLiteral("to")).replyCode, 406);
    QCOMPARE(service->moveMessages(QStringLiteral("/"), QStringLiteral("to"), QStringLiteral("absent")).replyCode, 404);

    const Outcome purged = service->purgeQueue(QStringLiteral("/"), QStringLiteral("to"));
    QCOMPARE(purged.count, 5);
    QVERIFY(service->deleteQueue(QStringLiteral("/"), QStringLiteral("from"), true, false).ok());
    QVERIFY(!context->vhost("/")->findQueue("from"));
}

void ManagementServiceTest::vhostsAndUsers()
{
    QVERIFY(service->addVHost(QStringLiteral("staging")).ok());
    QVERIFY(service->declareQueue(QueueSpec{QStringLiteral("staging"), QStringLiteral("jobs")}).ok());
    QVERIFY(service->addUser(QStringLiteral("ann"), QStringLiteral("secret"), {QStringLiteral("monitoring")}).ok());
    const PermissionSpec narrow{QStringLiteral("ann"), QStringLiteral("staging"), QStringLiteral("^ann-"), QString(),
                                QStringLiteral(".*")};
    QVERIFY(service->setPermission(narrow).ok());
    QVERIFY(context->users.mayOpenVHost("ann", "staging"));
    QVERIFY(*context->users.permissions().find("ann", "staging") == auth::VHostPermissions("^ann-", "", ".*"));
    QVERIFY(context->users.authenticate("ann", "secret", QHostAddress(QStringLiteral("10.0.0.9"))));
    // A new password keeps the user's permissions.
    QVERIFY(service->addUser(QStringLiteral("ann"), QStringLiteral("changed"), {}).ok());
    QVERIFY(context->users.mayOpenVHost("ann", "staging"));
    QVERIFY(!context->users.authenticate("ann", "secret", QHostAddress(QStringLiteral("10.0.0.9"))));
    // Patterns that are not regular expressions are refused, as rabbitmqctl refuses them.
    PermissionSpec invalid = narrow;
    invalid.write = QStringLiteral("(");
    const Outcome refused = service->setPermission(invalid);
    QCOMPARE(refused.replyCode, 406);
    QVERIFY2(refused.text.startsWith(QLatin1String("regular expression '(' is invalid: missing closing parenthesis")),
             qPrintable(refused.text));
    QVERIFY(*context->users.permissions().find("ann", "staging") == auth::VHostPermissions("^ann-", "", ".*"));
    QCOMPARE(service->setPermission(PermissionSpec{QStringLiteral("nobody")}).replyCode, 404);
    QCOMPARE(service->setPermission(PermissionSpec{QStringLiteral("ann"), QStringLiteral("nowhere")}).replyCode, 404);
    QVERIFY(service->clearPermission(QStringLiteral("ann"), QStringLiteral("staging")).ok());
    QVERIFY(!context->users.mayOpenVHost("ann", "staging"));
    QCOMPARE(service->clearPermission(QStringLiteral("ann"), QStringLiteral("staging")).replyCode, 404);
    QVERIFY(service->setPermission(narrow).ok());

    QVERIFY(service->deleteVHost(QStringLiteral("staging")).ok());
    QVERIFY(!context->vhost("staging"));
    QVERIFY(!context->users.mayOpenVHost("ann", "staging"));   // permissions went with it
    QCOMPARE(service->declareQueue(QueueSpec{QStringLiteral("staging"), QStringLiteral("jobs")}).replyCode, 404);
    QVERIFY(service->deleteUser(QStringLiteral("ann")).ok());
    QCOMPARE(service->deleteUser(QStringLiteral("ann")).replyCode, 404);
}

void ManagementServiceTest::snapshotShowsTopology()
{
    QVERIFY(service->declareExchange(ExchangeSpec{QStringLiteral("/"), QStringLiteral("events"), QStringLiteral("fanout"),
                                                  true}).ok());
    QVERIFY(service->declareQueue(queue(QStringLiteral("audit"))).ok());
    QVERIFY(service->bind(BindingSpec{QStringLiteral("/"), QStringLiteral("events"), QStringLiteral("audit")}).ok());
    service->publish(message(QStringLiteral("events"), {}, "e"));

    const BrokerSnapshot s = snapshotOf(*context);
    QCOMPARE(s.bindings.size(), 1);
    QCOMPARE(s.bindings[0].source, QStringLiteral("events"));
    QCOMPARE(s.bindings[0].destination, QStringLiteral("audit"));
    const auto exchange = [&](const QString &name) {
        return std::find_if(s.exchanges.begin(), s.exchanges.end(), [&](const auto &x) { return x.name == name; });
    };
    QVERIFY(exchange(QString()) != s.exchanges.end());   // the default exchange
    QCOMPARE(exchange(QStringLiteral("events"))->publishedIn, 1u);
    QCOMPARE(exchange(QStringLiteral("events"))->bindingsOut, 1);
    QCOMPARE(s.queues.size(), 1);
    QCOMPARE(s.queues[0].ready, 1);
    QVERIFY(s.connections.isEmpty());   // the explorer's own connection is not listed
    QCOMPARE(s.vhosts.size(), 1);
    QCOMPARE(s.vhosts[0].queues, 1);
    QCOMPARE(s.users.size(), 1);
    QCOMPARE(s.users[0].name, QStringLiteral("guest"));
    QCOMPARE(s.users[0].vhosts(), QStringList{QStringLiteral("/")});
    QCOMPARE(s.users[0].permissions[0].configure, QStringLiteral(".*"));

    QVERIFY(service->setPermission(PermissionSpec{QStringLiteral("guest"), QStringLiteral("/"), QStringLiteral("^a"),
                                                  QString(), QStringLiteral("^r")}).ok());
    const PermissionSnapshot narrow = snapshotOf(*context).users[0].permissions.value(0);
    QCOMPARE((QStringList{narrow.vhost, narrow.configure, narrow.write, narrow.read}),
             (QStringList{QStringLiteral("/"), QStringLiteral("^a"), QString(), QStringLiteral("^r")}));
}

void ManagementServiceTest::snapshotCountsRouteEdges()
{
    const auto str = [](const char *s) { return amqp::FieldValue::string(s); };
    ExchangeSpec front{QStringLiteral("/"), QStringLiteral("front"), QStringLiteral("direct"), false};
    front.arguments.append("alternate-exchange", str("spill"));
    QVERIFY(service->declareExchange(front).ok());
    QVERIFY(service->declareExchange(ExchangeSpec{QStringLiteral("/"), QStringLiteral("spill"), QStringLiteral("fanout"),
                                                  false}).ok());
    QueueSpec work = queue(QStringLiteral("work"));
    work.arguments.append("x-dead-letter-exchange", str("spill"));
    work.arguments.append("x-max-length", amqp::FieldValue::integer(1));   // drop-head dead-letters two
    QVERIFY(service->declareQueue(work).ok());
    QVERIFY(service->declareQueue(queue(QStringLiteral("rest"))).ok());
    QVERIFY(service->bind(BindingSpec{QStringLiteral("/"), QStringLiteral("front"), QStringLiteral("work"), false,
                                      QStringLiteral("job")}).ok());
    QVERIFY(service->bind(BindingSpec{QStringLiteral("/"), QStringLiteral("spill"), QStringLiteral("rest")}).ok());
    for (int i = 0; i < 3; ++i)
        service->publish(message(QStringLiteral("front"), QStringLiteral("job"), "j"));
    service->publish(message(QStringLiteral("front"), QStringLiteral("other"), "o"));   // to the alternate
    service->publish(message(QString(), QStringLiteral("rest"), "d"));                  // the default exchange

    const BrokerSnapshot s = snapshotOf(*context);
    QStringList edges;
    for (const RouteEdgeSnapshot &e : s.routes)
        edges.append(QStringLiteral("%1>%2%3:%4").arg(e.source, e.toExchange ? QStringLiteral("x:") : QString(),
                                                       e.destination).arg(e.routed));
    edges.sort();
    QCOMPARE(edges.join(QLatin1Char(' ')), QStringLiteral(">rest:1 front>work:3 front>x:spill:1 spill>rest:3"));
    const auto queueNamed = [&](const QString &name) {
        return *std::find_if(s.queues.begin(), s.queues.end(), [&](const auto &q) { return q.name == name; });
    };
    QCOMPARE(queueNamed(QStringLiteral("work")).deadLetterExchange, QStringLiteral("spill"));
    QCOMPARE(queueNamed(QStringLiteral("work")).deadLettered, 2u);
    QCOMPARE(queueNamed(QStringLiteral("rest")).deadLetterExchange, QString());
    const auto exchangeNamed = [&](const QString &name) {
        return *std::find_if(s.exchanges.begin(), s.exchanges.end(), [&](const auto &x) { return x.name == name; });
    };
    QCOMPARE(exchangeNamed(QStringLiteral("front")).alternateExchange, QStringLiteral("spill"));
    QCOMPARE(exchangeNamed(QStringLiteral("spill")).alternateExchange, QString());
}

QTEST_GUILESS_MAIN(ManagementServiceTest)
#include "tst_managementservice.moc"
