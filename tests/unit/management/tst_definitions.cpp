// RabbitMQ definitions export and import on a ServerContext, without sockets:
// - the export has every section RabbitMQ writes, users with RabbitMQ's password hash,
//   every queue but exclusive ones, no amq.* exchanges, bindings of every kind;
// - export -> import into a fresh context -> export gives the same document (narrow
//   permissions included), and a second import of it changes nothing;
// - a file RabbitMQ 3.10.8 wrote imports with the expected counts, its users log in with
//   their passwords and permissions (narrow ones exactly), and what Warren lacks (policies,
//   parameters, limits, topic permissions) is reported;
// - imported permissions replace a user's own exactly, narrower or wider; a pattern that is
//   not a regular expression is refused;
// - invalid arguments, non-equivalent objects and dangling references are refused one by
//   one with RabbitMQ's texts while the rest is imported;
// - an import is saved: topology and users come back from the data directory;
// - arguments convert to JSON as RabbitMQ writes them and back as RabbitMQ types them.
#include "protocol/FieldJson.h"
#include "management/Definitions.h"
#include "management/ManagementService.h"
#include "server/ServerContext.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace warren;
using namespace warren::management;
using amqp::FieldTable;
using amqp::FieldValue;
using Type = amqp::FieldValue::Type;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr bool kDurable = true;

void addExchange(model::VHost &v, const QByteArray &name, const char *type, model::ExchangeOptions options = {kDurable})
{
    v.addExchange(model::Exchange::create(name, type, std::move(options)));
}

void addQueue(model::VHost &v, const QByteArray &name, bool durable, FieldTable arguments = {},
              std::uint64_t exclusiveOwner = 0)
{
    const auto parsed = model::parseQueuePolicy(arguments, durable, exclusiveOwner != 0, false, name);
    QVERIFY(parsed.policy);
    v.addQueue(name, model::QueueOptions{durable, false, exclusiveOwner, arguments, *parsed.policy});
}

void bindQueue(model::VHost &v, const QByteArray &source, const QByteArray &queue, const QByteArray &key,
               FieldTable arguments = {})
{
    v.bind(*v.findExchange(source), model::Binding{{v.findQueue(queue), nullptr}, key, arguments});
}

// alice's permissions on dev: narrower than everything, none of the three alike.
auth::VHostPermissions narrowOnDev() { return {"^dev-", "", "^dev\\.q$"}; }

// A context with something of every kind the export writes, and some it leaves out.
std::unique_ptr<server::ServerContext> populated()
{
    auto context = std::make_unique<server::ServerContext>();
    context->addVHost("dev");
    context->users.addUser("alice", "s3cret", {QStringLiteral("administrator"), QStringLiteral("monitoring")});
    context->users.setPermission("alice", "/", auth::VHostPermissions::all());
    context->users.setPermission("alice", "dev", narrowOnDev());

    model::VHost &v = *context->vhost("/");
    for (const char *type : {"direct", "fanout", "topic", "headers"})
        addExchange(v, "x." + QByteArray(type), type);
    addExchange(v, "x.internal", "fanout", {kDurable, false, true, {}});
    addExchange(v, "x.ae", "direct", {kDurable, false, false, {{"alternate-exchange", FieldValue::string("x.fanout")}}});
    addExchange(v, "x.transient", "topic", {false, true, false, {}});
    addQueue(v, "q.args", kDurable,
             {{"x-message-ttl", FieldValue::integer(60000, Type::Int32)},
              {"x-max-length", FieldValue::integer(10)},
              {"x-dead-letter-exchange", FieldValue::string("x.direct")}});
    addQueue(v, "q.quorum", kDurable, {{"x-queue-type", FieldValue::string("quorum")}});
    addQueue(v, "q.transient", false);
    addQueue(v, "q.exclusive", false, {}, 7);
    bindQueue(v, "x.direct", "q.args", "rk");
    bindQueue(v, "x.headers", "q.args", "",
              {{"x-match", FieldValue::string("any")}, {"h", FieldValue::string("v")},
               {"n", FieldValue::integer(5, Type::Int32)}});
    bindQueue(v, "amq.direct", "q.transient", "via-amq");
    bindQueue(v, "x.direct", "q.exclusive", "excl");
    v.bind(*v.findExchange("x.direct"), model::Binding{{nullptr, v.findExchange("x.fanout")}, "e2e", {}});

    model::VHost &dev = *context->vhost("dev");
    addExchange(dev, "dev.x", "topic");
    addQueue(dev, "dev.q", kDurable);
    bindQueue(dev, "dev.x", "dev.q", "#");
    return context;
}

QStringList values(const QJsonValue &list, const QString &key)
{
    QStringList out;
    for (const QJsonValue &item : list.toArray())
        out.append(item.toObject().value(key).toString());
    return out;
}

QJsonObject named(const QJsonValue &list, const QString &name, const QString &key = QStringLiteral("name"))
{
    for (const QJsonValue &item : list.toArray()) {
        if (item.toObject().value(key).toString() == name)
            return item.toObject();
    }
    return {};
}

QJsonObject parse(const char *json) { return QJsonDocument::fromJson(json).object(); }

// Imports as the broker does: through a ManagementService over the context.
ImportReport importInto(server::ServerContext &context, const QJsonObject &definitions)
{
    ManagementService service(context);
    return service.importDefinitions(definitions);
}

bool anyContains(const QStringList &lines, const QString &text)
{
    return std::any_of(lines.begin(), lines.end(), [&](const QString &l) { return l.contains(text); });
}

const QHostAddress kLoopback(QHostAddress::LocalHost);

} // namespace

class DefinitionsTest : public QObject {
    Q_OBJECT
private slots:
    void exportHasEveryKind();
    void exportedPasswordIsRabbitMqHash();
    void roundTrip();
    void rabbitMqFileImports();
    void invalidQueueArgumentsAreReported();
    void nonEquivalentAndDanglingAreReported();
    void permissionsImportExactly();
    void importIsSaved();
    void defaultUsersAreNotSaved();
    void argumentsAsRabbitMqWritesThem();
};

void DefinitionsTest::exportHasEveryKind()
{
    const QJsonObject d = exportDefinitions(*populated());
    for (const char *key : {"rabbit_version", "rabbitmq_version", "product_name", "product_version", "users", "vhosts",
                            "permissions", "topic_permissions", "parameters", "global_parameters", "policies", "queues",
                            "exchanges", "bindings"})
        QVERIFY2(d.contains(QLatin1String(key)), key);
    QCOMPARE(d.value(u"product_name").toString(), QStringLiteral("Warren"));

    QCOMPARE(values(d.value(u"users"), QStringLiteral("name")), QStringList({u"alice"_s, u"guest"_s}));
    QCOMPARE(named(d.value(u"users"), QStringLiteral("alice")).value(u"tags").toArray(),
             QJsonArray({u"administrator"_s, u"monitoring"_s}));
    QCOMPARE(values(d.value(u"vhosts"), QStringLiteral("name")), QStringList({u"/"_s, u"dev"_s}));
    QCOMPARE(named(d.value(u"vhosts"), QStringLiteral("/")).value(u"metadata").toObject().value(u"description"),
             QJsonValue(QStringLiteral("Default virtual host")));
    QCOMPARE(values(d.value(u"permissions"), QStringLiteral("user")), QStringList({u"alice"_s, u"alice"_s, u"guest"_s}));
    QCOMPARE(named(d.value(u"permissions"), QStringLiteral("dev"), QStringLiteral("vhost")),
             parse(R"({"user": "alice", "vhost": "dev", "configure": "^dev-", "write": "", "read": "^dev\\.q$"})"));

    // Not the predefined ones; the internal one, which RabbitMQ leaves out, is kept.
    QCOMPARE(values(d.value(u"exchanges"), QStringLiteral("name")),
             QStringList({u"x.ae"_s, u"x.direct"_s, u"x.fanout"_s, u"x.headers"_s, u"x.internal"_s, u"x.topic"_s, u"x.transient"_s, u"dev.x"_s}));
    QCOMPARE(named(d.value(u"exchanges"), QStringLiteral("x.internal")).value(u"internal"), QJsonValue(true));
    QCOMPARE(named(d.value(u"exchanges"), QStringLiteral("x.ae")).value(u"arguments").toObject(),
             parse(R"({"alternate-exchange": "x.fanout"})"));

    // Every queue but the exclusive one, non-durable ones included, as RabbitMQ.
    QCOMPARE(values(d.value(u"queues"), QStringLiteral("name")),
             QStringList({u"q.args"_s, u"q.quorum"_s, u"q.transient"_s, u"dev.q"_s}));
    const QJsonObject args = named(d.value(u"queues"), QStringLiteral("q.args"));
    QCOMPARE(args.value(u"arguments").toObject(),
             parse(R"({"x-message-ttl": 60000, "x-max-length": 10, "x-dead-letter-exchange": "x.direct"})"));
    QCOMPARE(args.value(u"type"), QJsonValue(QStringLiteral("classic")));
    QCOMPARE(named(d.value(u"queues"), QStringLiteral("q.quorum")).value(u"type"), QJsonValue(QStringLiteral("quorum")));
    QCOMPARE(named(d.value(u"queues"), QStringLiteral("q.transient")).value(u"durable"), QJsonValue(false));

    QCOMPARE(values(d.value(u"bindings"), QStringLiteral("routing_key")),
             QStringList({u"via-amq"_s, u"rk"_s, u"e2e"_s, u""_s, u"#"_s}));
    const QJsonObject e2e = named(d.value(u"bindings"), QStringLiteral("e2e"), QStringLiteral("routing_key"));
    QCOMPARE(e2e.value(u"destination_type"), QJsonValue(QStringLiteral("exchange")));
    QCOMPARE(e2e.value(u"destination"), QJsonValue(QStringLiteral("x.fanout")));
    QCOMPARE(named(d.value(u"bindings"), QStringLiteral("x.headers"), QStringLiteral("source")).value(u"arguments").toObject(),
             parse(R"({"x-match": "any", "h": "v", "n": 5})"));
}

void DefinitionsTest::exportedPasswordIsRabbitMqHash()
{
    const QJsonObject alice = named(exportDefinitions(*populated()).value(u"users"), QStringLiteral("alice"));
    QCOMPARE(alice.value(u"hashing_algorithm"), QJsonValue(QStringLiteral("rabbit_password_hashing_sha256")));
    const QByteArray hash = QByteArray::fromBase64(alice.value(u"password_hash").toString().toLatin1());
    QCOMPARE(hash.size(), 36);
    QCOMPARE(hash.mid(4), QCryptographicHash::hash(hash.left(4) + "s3cret", QCryptographicHash::Sha256));
}

void DefinitionsTest::roundTrip()
{
    const QJsonObject exported = exportDefinitions(*populated());
    server::ServerContext fresh;
    const ImportReport report = importInto(fresh, exported);
    QVERIFY2(report.errors.isEmpty(), qPrintable(report.toText()));
    QCOMPARE(report.vhosts, 1);
    QCOMPARE(report.users, 1);
    QCOMPARE(report.permissions, 2);
    QCOMPARE(report.exchanges, 8);
    QCOMPARE(report.queues, 4);
    QCOMPARE(report.bindings, 5);
    QCOMPARE(report.warnings.size(), 1);   // guest's password hash (its salt) is replaced
    QVERIFY(report.warnings.first().contains(QLatin1String("user 'guest' existed")));
    QCOMPARE(exportDefinitions(fresh), exported);
    QVERIFY(*fresh.users.permissions().find("alice", "dev") == narrowOnDev());   // exactly: never widened
    QVERIFY(fresh.users.authenticate("alice", "s3cret", kLoopback));
    QVERIFY(fresh.users.authenticate("guest", "guest", kLoopback));

    const ImportReport again = importInto(fresh, exported);
    QVERIFY2(again.errors.isEmpty() && again.warnings.isEmpty(), qPrintable(again.toText()));
    QCOMPARE(again.vhosts + again.users + again.permissions + again.exchanges + again.queues + again.bindings, 0);
    QCOMPARE(exportDefinitions(fresh), exported);
}

void DefinitionsTest::rabbitMqFileImports()
{
    QString error;
    const auto file = readDefinitionsFile(QFINDTESTDATA("data/rabbitmq-3.10-definitions.json"), &error);
    QVERIFY2(file, qPrintable(error));
    server::ServerContext context;
    const ImportReport report = importInto(context, *file);
    QVERIFY2(report.errors.isEmpty(), qPrintable(report.toText()));
    QCOMPARE(report.vhosts, 1);        // dev; "/" exists
    QCOMPARE(report.users, 2);         // alice, bob; guest exists
    QCOMPARE(report.permissions, 3);   // alice on / and dev, bob on /; guest has /
    QCOMPARE(report.exchanges, 7);
    QCOMPARE(report.queues, 10);
    QCOMPARE(report.bindings, 12);
    for (const char *expected : {"user 'guest' existed", "unsupported: the limits of user 'bob'",
                                 "unsupported: the limits of vhost 'dev'",
                                 "unsupported: Warren has no topic_permissions; not imported (1): bob on amq.topic",
                                 "unsupported: Warren has no parameters; not imported (1): vhost-limits limits (vhost 'dev')",
                                 "unsupported: Warren has no global_parameters; not imported (1): my_param",
                                 "unsupported: Warren has no policies; not imported (1): ttl (vhost 'dev')"})
        QVERIFY2(anyContains(report.warnings, QLatin1String(expected)), expected);
    QCOMPARE(report.warnings.size(), 7);

    // Passwords only RabbitMQ hashed.
    QVERIFY(context.users.authenticate("alice", "s3cret", kLoopback));
    QVERIFY(context.users.authenticate("bob", "bobpw", kLoopback));
    QVERIFY(context.users.authenticate("guest", "guest", kLoopback));
    QVERIFY(!context.users.authenticate("alice", "wrong", kLoopback));
    QVERIFY(context.users.mayOpenVHost("alice", "dev"));
    QVERIFY(!context.users.mayOpenVHost("bob", "dev"));
    QVERIFY(*context.users.permissions().find("bob", "/") == auth::VHostPermissions("^bob-.*", ".*", ""));

    model::VHost &v = *context.vhost("/");
    QCOMPARE(v.findQueue("it.q.quorum")->policy().type, model::QueueType::Quorum);
    QCOMPARE(*v.findQueue("it.q.direct")->policy().messageTtl, qint64(600000));
    QVERIFY(!v.findQueue("it.q.transient")->isDurable());
    QCOMPARE(v.findExchange("it.withae")->alternateExchange(), std::optional<QByteArray>("it.ae"));
    model::RouteSet routes;
    v.route(*v.findExchange("it.direct"), model::RoutingInput{"e2e.x"}, routes);   // via it.topic
    QCOMPARE(routes.queues().size(), 1);
    QCOMPARE(routes.queues().first().queue->name(), QByteArray("it.q.e2e"));
}

void DefinitionsTest::invalidQueueArgumentsAreReported()
{
    server::ServerContext context;
    const ImportReport report = importInto(context, parse(R"({"queues": [
        {"name": "bad", "vhost": "/", "durable": true, "auto_delete": false, "arguments": {"x-max-length": "abc"}},
        {"name": "nulled", "vhost": "/", "durable": true, "auto_delete": false, "arguments": {"x-max-length": null}},
        {"name": "good", "vhost": "/", "durable": true, "auto_delete": false, "arguments": {"x-max-length": 5}}]})"));
    QCOMPARE(report.queues, 1);
    QCOMPARE(report.errors,
             QStringList({uR"(queue 'bad' in vhost '/' not imported: PRECONDITION_FAILED - invalid arg 'x-max-length' for queue 'bad' in vhost '/': "expected integer, got longstr")"_s,
                          u"queue 'nulled' in vhost '/' not imported: argument 'x-max-length': null has no AMQP type"_s}));
    QVERIFY(!context.vhost("/")->findQueue("bad"));
    QCOMPARE(*context.vhost("/")->findQueue("good")->policy().maxLength, qint64(5));
}

void DefinitionsTest::nonEquivalentAndDanglingAreReported()
{
    server::ServerContext context;
    model::VHost &v = *context.vhost("/");
    addQueue(v, "q", false);
    addExchange(v, "x", "direct");
    const ImportReport report = importInto(context, parse(R"({
        "users": [{"name": "old", "password_hash": "abc", "hashing_algorithm": "rabbit_password_hashing_md5"}],
        "permissions": [{"user": "nobody", "vhost": "/", "configure": ".*", "write": ".*", "read": ".*"}],
        "queues": [{"name": "q", "vhost": "/", "durable": true, "auto_delete": false, "arguments": {}},
                   {"name": "elsewhere", "vhost": "nope", "durable": true, "auto_delete": false, "arguments": {}}],
        "exchanges": [{"name": "x", "vhost": "/", "type": "fanout", "durable": true, "auto_delete": false, "arguments": {}},
                      {"name": "amq.direct", "vhost": "/", "type": "direct", "durable": true, "auto_delete": false},
                      {"name": "bad.ae", "vhost": "/", "type": "direct", "durable": true, "auto_delete": false,
                       "arguments": {"alternate-exchange": 1}},
                      {"name": "delayed", "vhost": "/", "type": "x-delayed-message", "durable": true}],
        "bindings": [{"source": "x", "vhost": "/", "destination": "missing", "destination_type": "queue",
                      "routing_key": "k", "arguments": {}},
                     {"source": "amq.headers", "vhost": "/", "destination": "q", "destination_type": "queue",
                      "routing_key": "", "arguments": {"x-match": "some"}}],
        "shovels": []})"));
    const QStringList expected{
        u"user 'old' not imported: its password is hashed with rabbit_password_hashing_md5, Warren knows only "
        "rabbit_password_hashing_sha256"_s,
        u"permissions of user 'nobody' in vhost '/' not imported: no such user"_s,
        // Declarations are refused by the channel, with RabbitMQ's replies.
        u"exchange 'x' in vhost '/' not imported: PRECONDITION_FAILED - inequivalent arg 'type' for exchange 'x' "
        "in vhost '/': received 'fanout' but current is 'direct'"_s,
        u"exchange 'bad.ae' in vhost '/' not imported: PRECONDITION_FAILED - invalid type 'long' for arg "
        "'alternate-exchange' in exchange 'bad.ae' in vhost '/'"_s,
        u"exchange 'delayed' in vhost '/' not imported: COMMAND_INVALID - unknown exchange type 'x-delayed-message'"_s,
        u"queue 'q' in vhost '/' not imported: PRECONDITION_FAILED - inequivalent arg 'durable' for queue 'q' in "
        "vhost '/': received 'true' but current is 'false'"_s,
        u"queue 'elsewhere' not imported: no vhost 'nope'"_s,
        u"binding from exchange 'x' in vhost '/' to queue 'missing' with routing key 'k' not imported: "
        "NOT_FOUND - no queue 'missing' in vhost '/'"_s,
        u"binding from exchange 'amq.headers' in vhost '/' to queue 'q' with routing key '' not imported: "
        "PRECONDITION_FAILED - Invalid x-match field value <<\"some\">>; expected all, any, all-with-x, or any-with-x"_s};
    QCOMPARE(report.errors, expected);
    QCOMPARE(report.warnings, QStringList({u"unknown section 'shovels': not imported"_s,
                                           u"exchange 'amq.direct' in vhost '/' skipped: the amq.* exchanges are predefined"_s}));
    QCOMPARE(report.exchanges + report.queues + report.bindings + report.users + report.permissions, 0);
}

void DefinitionsTest::permissionsImportExactly()
{
    server::ServerContext context;
    const ImportReport report = importInto(context, parse(R"({"permissions": [
        {"user": "guest", "vhost": "/", "configure": "^mine\\.", "write": "", "read": ".*"}]})"));
    QVERIFY2(report.errors.isEmpty(), qPrintable(report.toText()));
    QCOMPARE(report.warnings, QStringList{u"permissions of user 'guest' in vhost '/' existed: they are replaced by the "
                                          "imported ones"_s});
    QVERIFY(*context.users.permissions().find("guest", "/") == auth::VHostPermissions("^mine\\.", "", ".*"));

    const ImportReport invalid = importInto(context, parse(R"({"permissions": [
        {"user": "guest", "vhost": "/", "configure": ".*", "write": "(", "read": ".*"}]})"));
    QCOMPARE(invalid.errors.size(), 1);
    QVERIFY2(invalid.errors[0].startsWith(u"permissions of user 'guest' in vhost '/' not imported: regular expression "
                                          "'(' is invalid: missing closing parenthesis"_s),
             qPrintable(invalid.errors[0]));
    QVERIFY(*context.users.permissions().find("guest", "/") == auth::VHostPermissions("^mine\\.", "", ".*"));
}

void DefinitionsTest::importIsSaved()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("topology.json"));
    {
        server::ServerContext context;
        context.setTopologyStore(std::make_unique<store::TopologyStore>(path));
        QString error;
        QVERIFY(context.loadTopology(&error));
        const ImportReport report = importInto(context, exportDefinitions(*populated()));
        QVERIFY2(report.errors.isEmpty(), qPrintable(report.toText()));
    }
    server::ServerContext restarted;
    restarted.setTopologyStore(std::make_unique<store::TopologyStore>(path));
    QString error;
    QVERIFY2(restarted.loadTopology(&error), qPrintable(error));
    QVERIFY(restarted.users.authenticate("alice", "s3cret", kLoopback));
    QVERIFY(*restarted.users.permissions().find("alice", "dev") == narrowOnDev());
    QVERIFY(restarted.users.authenticate("guest", "guest", kLoopback));
    QVERIFY(!restarted.users.authenticate("guest", "guest", QHostAddress(QStringLiteral("192.0.2.1"))));
    QCOMPARE(restarted.users.find("alice")->tags, QStringList({u"administrator"_s, u"monitoring"_s}));
    QVERIFY(restarted.vhost("dev")->findQueue("dev.q"));
    QVERIFY(restarted.vhost("/")->findExchange("x.internal"));
    QVERIFY(!restarted.vhost("/")->findQueue("q.transient"));   // durable only, as after any restart
}

void DefinitionsTest::defaultUsersAreNotSaved()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("topology.json"));
    server::ServerContext context;
    context.setTopologyStore(std::make_unique<store::TopologyStore>(path));
    addExchange(*context.vhost("/"), "x", "direct");
    context.saveTopologyIfChanged();
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject saved = QJsonDocument::fromJson(file.readAll()).object();
    QVERIFY(saved.contains(QLatin1String("exchanges")));
    QVERIFY(!saved.contains(QLatin1String("users")));   // files stay as before users were saved
    QVERIFY(!saved.contains(QLatin1String("permissions")));
}

void DefinitionsTest::argumentsAsRabbitMqWritesThem()
{
    const FieldTable table{{"s", FieldValue::string("text")},
                           {"bin", FieldValue::string(QByteArray("\x00\xff", 2), Type::ByteArray)},
                           {"i8", FieldValue::integer(-5, Type::Int8)},
                           {"big", FieldValue::integer(qint64(1) << 40)},
                           {"ts", FieldValue::integer(1577836800, Type::Timestamp)},
                           {"d", FieldValue::floating(1.5)},
                           {"dec", FieldValue::decimal({1, 15})},
                           {"b", FieldValue::boolean(true)},
                           {"void", FieldValue()},
                           {"t", FieldValue::table({{"k", FieldValue::string("v")}})},
                           {"a", FieldValue::array({FieldValue::integer(1, Type::Int16), FieldValue::string("s")})}};
    QCOMPARE(amqp::fieldTableToJson(table),
             parse(R"({"s": "text", "bin": "Not UTF-8, base64 is: AP8=", "i8": -5, "big": 1099511627776,
                       "ts": 1577836800, "d": 1.5, "dec": 1.5, "b": true, "void": null, "t": {"k": "v"},
                       "a": [1, "s"]})"));

    QString error;
    const auto back = amqp::fieldTableFromJson(parse(R"({"i": 5, "d": 2.5, "s": "x", "b": false, "t": {"n": 1},
                                                   "a": [1, "y"]})"), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->find("i")->type(), Type::Int64);   // RabbitMQ: long
    QCOMPARE(back->find("i")->toInteger(), 5);
    QCOMPARE(back->find("d")->type(), Type::Double);
    QCOMPARE(back->find("s")->type(), Type::LongString);
    QCOMPARE(back->find("b")->type(), Type::Boolean);
    QCOMPARE(back->find("t")->toTable().find("n")->type(), Type::Int64);
    QCOMPARE(back->find("a")->toArray().at(1).toBytes(), QByteArray("y"));
    QVERIFY(amqp::fieldTableFromJson(QJsonValue(), &error)->isEmpty());
    QVERIFY(!amqp::fieldTableFromJson(QJsonValue(3), &error));
}

QTEST_GUILESS_MAIN(DefinitionsTest)
#include "tst_definitions.moc"
