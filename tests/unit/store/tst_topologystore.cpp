// Unit tests of store::TopologyStore and the field-table JSON it writes arguments with.
//
// Concerns:
//  - every field value type (and nesting, extremes of each integer type, a float that is
//    not a short double, bytes that are not UTF-8 in both string types) survives the JSON
//    round trip with its wire type
//  - a table's entry order survives too: bindings are told apart by their arguments as an
//    ordered table, so a reordered table after a restart would be a different binding;
//    files written before positions were saved still load (in JSON order)
//  - save/load: durable exchanges (with type, flags and arguments), durable queues (with id,
//    auto-delete and arguments), durable bindings to queues and exchanges (with routing key
//    and arguments), bindings from predefined exchanges, several vhosts, next_queue_id;
//    non-durable exchanges and queues, and bindings with a non-durable end, are not saved
//  - after load, a client's queue.unbind with the arguments it bound with finds the binding
//  - a missing file is an empty topology; a damaged file is an error naming the file
//  - users and their permissions: narrow patterns survive a restart exactly; a file from
//    before permissions were patterns gives each vhost a user could open ".*" for the three

#include "model/VHost.h"
#include "store/FieldTableJson.h"
#include "store/TopologyStore.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <algorithm>
#include <limits>

using namespace warren;
using amqp::FieldTable;
using amqp::FieldValue;
using Type = amqp::FieldValue::Type;
using store::TopologyStore;

Q_DECLARE_METATYPE(warren::amqp::FieldValue)

namespace {

FieldTable everyType()
{
    FieldTable nested{{"inner", FieldValue::integer(1, Type::Int32)},
                      {"deeper", FieldValue::table(FieldTable{{"s", FieldValue::string("x")}})}};
    amqp::FieldArray array{FieldValue::integer(1, Type::Int8), FieldValue::string("two"), FieldValue(),
                           FieldValue::array({}), FieldValue::table({})};
    // Deliberately not in alphabetical order.
    return FieldTable{
        {"x-void", FieldValue()},
        {"x-bool", FieldValue::boolean(true)},
        {"int8", FieldValue::integer(-128, Type::Int8)},
        {"uint8", FieldValue::integer(255, Type::UInt8)},
        {"int16", FieldValue::integer(-32768, Type::Int16)},
        {"uint16", FieldValue::integer(65535, Type::UInt16)},
        {"int32", FieldValue::integer(std::numeric_limits<qint32>::min(), Type::Int32)},
        {"uint32", FieldValue::integer(4294967295LL, Type::UInt32)},
        {"int64 max", FieldValue::integer(std::numeric_limits<qint64>::max(), Type::Int64)},
        {"int64 min", FieldValue::integer(std::numeric_limits<qint64>::min(), Type::Int64)},
        {"float", FieldValue::floating(double(0.1f), Type::Float)},
        {"double", FieldValue::floating(-1.0e300 / 3, Type::Double)},
        {"decimal", FieldValue::decimal({2, 4294967295u})},
        {"longstr", FieldValue::string("text \xC3\xBC")},
        {"bytes", FieldValue::string(QByteArray("\x00\xFF\x80 binary", 10), Type::ByteArray)},
        {"timestamp", FieldValue::integer(1700000000, Type::Timestamp)},
        {"table", FieldValue::table(nested)},
        {"array", FieldValue::array(array)},
    };
}

FieldTable roundTrip(const FieldTable &table)
{
    // Through the text of the file, as a restart reads it.
    const QByteArray text = QJsonDocument(store::tableToJson(table)).toJson();
    return store::tableFromJson(QJsonDocument::fromJson(text).object());
}

QByteArray describe(const FieldTable &table)
{
    QByteArrayList parts;
    for (const auto &[name, value] : table)
        parts.append(name + "=" + char(value.type()));
    return parts.join(' ');
}

using VHosts = TopologyStore::VHosts;

model::VHost *vhostIn(VHosts &vhosts, const QByteArray &name)
{
    auto &v = vhosts[name];
    if (!v)
        v = std::make_shared<model::VHost>(name);
    return v.get();
}

model::Exchange *addExchange(model::VHost &vhost, const char *name, const char *type, model::ExchangeOptions options)
{
    return vhost.addExchange(model::Exchange::create(name, type, std::move(options)));
}

model::Queue *addQueue(model::VHost &vhost, const char *name, std::uint64_t id, bool durable, bool autoDelete = false,
                       FieldTable arguments = {})
{
    model::QueueOptions options;
    options.durable = durable;
    options.autoDelete = autoDelete;
    options.arguments = std::move(arguments);
    return vhost.addQueue(name, std::move(options), id);
}

model::Binding binding(model::Queue *q, const QByteArray &key, FieldTable arguments = {})
{
    return {{q, nullptr}, key, std::move(arguments)};
}
model::Binding binding(model::Exchange *x, const QByteArray &key, FieldTable arguments = {})
{
    return {{nullptr, x}, key, std::move(arguments)};
}

// Everything a vhost holds, one sorted line per object, predefined exchanges left out
// unless bound from; arguments as names and types (compared in full separately).
QByteArrayList contents(const model::VHost &vhost)
{
    QByteArrayList lines;
    for (const auto &x : vhost.exchanges()) {
        const model::ExchangeOptions &o = x->options();
        if (!x->name().startsWith("amq."))
            lines.append("exchange " + x->name() + " " + x->typeName() + (o.durable ? " durable" : "")
                         + (o.autoDelete ? " auto-delete" : "") + (o.internal ? " internal" : "") + " ["
                         + describe(o.arguments) + "]");
        for (const model::Binding &b : x->bindings()) {
            const QByteArray to = b.destination.queue ? "queue " + b.destination.queue->name()
                                                      : "exchange " + b.destination.exchange->name();
            lines.append("binding " + x->name() + " -> " + to + " '" + b.routingKey + "' [" + describe(b.arguments)
                         + "]");
        }
    }
    for (const auto &q : vhost.queues())
        lines.append("queue " + q->name() + " id " + QByteArray::number(q->id()) + (q->isDurable() ? " durable" : "")
                     + (q->isAutoDelete() ? " auto-delete" : "") + " [" + describe(q->options().arguments) + "]");
    std::sort(lines.begin(), lines.end());
    return lines;
}

} // namespace

class TestTopologyStore : public QObject {
    Q_OBJECT
private slots:
    void fieldValueRoundTrip_data()
    {
        QTest::addColumn<FieldValue>("value");
        for (const auto &[name, value] : everyType())
            QTest::newRow(name.constData()) << value;
        QTest::newRow("longstr, not UTF-8") << FieldValue::string(QByteArray("\xFF\xFE\x00 x", 5));
        QTest::newRow("empty longstr") << FieldValue::string({});
        QTest::newRow("false") << FieldValue::boolean(false);
    }
    void fieldValueRoundTrip()
    {
        QFETCH(FieldValue, value);
        const FieldTable back = roundTrip(FieldTable{{"k", value}});
        QCOMPARE(back.size(), 1);
        QCOMPARE(char(back.find("k")->type()), char(value.type()));
        QVERIFY(*back.find("k") == value);
    }

    void tableOrderSurvives()
    {
        const FieldTable table = everyType();
        const FieldTable back = roundTrip(table);
        QCOMPARE(describe(back), describe(table));
        QVERIFY(back == table);
        const FieldTable nested = back.find("table")->toTable();
        QCOMPARE(describe(nested), QByteArray("inner=I deeper=F"));
    }

    void filesWithoutPositionsStillLoad()
    {
        // As written before positions and base64 long strings: JSON (alphabetical) order.
        const QByteArray text = R"({"b": ["S", "text"], "a": ["I", "-7"], "t": ["F", {"y": ["t", true], "x": ["V", null]}]})";
        const FieldTable back = store::tableFromJson(QJsonDocument::fromJson(text).object());
        const FieldTable expected{{"a", FieldValue::integer(-7, Type::Int32)},
                                  {"b", FieldValue::string("text")},
                                  {"t", FieldValue::table({{"x", FieldValue()}, {"y", FieldValue::boolean(true)}})}};
        QCOMPARE(describe(back), describe(expected));
        QVERIFY(back == expected);
    }

    void saveAndLoad()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("topology.json"));
        VHosts saved;
        model::VHost &root = *vhostIn(saved, "/");
        model::Exchange *orders = addExchange(root, "orders", "topic", {true, true, false, everyType()});
        model::Exchange *audit = addExchange(root, "audit", "headers", {true, false, true, {}});
        model::Exchange *temp = addExchange(root, "temp", "direct", {false, false, false, {}});
        model::Queue *q1 = addQueue(root, "q1", 42, true, false,
                                    {{"x-max-length", FieldValue::integer(10, Type::Int32)},
                                     {"x-dead-letter-exchange", FieldValue::string("audit")}});
        model::Queue *q2 = addQueue(root, "q2", 43, true, true);
        model::Queue *transient = addQueue(root, "transient", 44, false);
        QVERIFY(root.bind(*orders, binding(q1, "a.#", everyType())));
        QVERIFY(root.bind(*orders, binding(audit, "x")));
        QVERIFY(root.bind(*root.findExchange("amq.direct"), binding(q2, "q2")));
        QVERIFY(root.bind(*audit, binding(q1, "", {{"x-match", FieldValue::string("any")},
                                                   {"b", FieldValue::integer(2, Type::Int16)},
                                                   {"a", FieldValue::string("1")}})));
        QVERIFY(root.bind(*temp, binding(q1, "from a transient exchange")));
        QVERIFY(root.bind(*orders, binding(transient, "to a transient queue")));
        model::VHost &prod = *vhostIn(saved, "prod");
        addQueue(prod, "pq", 7, true);
        vhostIn(saved, "empty");

        QString error;
        QVERIFY2(TopologyStore(path).save(saved, 100, &error), qPrintable(error));

        VHosts loaded;
        std::uint64_t nextQueueId = 5;
        QVERIFY2(TopologyStore(path).load([&](const QByteArray &name) { return vhostIn(loaded, name); }, &nextQueueId,
                                          &error),
                 qPrintable(error));
        QCOMPARE(nextQueueId, std::uint64_t(100));
        QByteArrayList names = loaded.keys();
        std::sort(names.begin(), names.end());
        QCOMPARE(names, (QByteArrayList{"/", "empty", "prod"}));

        const QByteArrayList expected{
            "binding amq.direct -> queue q2 'q2' []",
            "binding audit -> queue q1 '' [x-match=S b=s a=S]",
            "binding orders -> exchange audit 'x' []",
            "binding orders -> queue q1 'a.#' [" + describe(everyType()) + "]",
            "exchange audit headers durable internal []",
            "exchange orders topic durable auto-delete [" + describe(everyType()) + "]",
            "queue q1 id 42 durable [x-max-length=I x-dead-letter-exchange=S]",
            "queue q2 id 43 durable auto-delete []",
        };
        QCOMPARE(contents(*loaded.value("/")), expected);
        QCOMPARE(contents(*loaded.value("prod")), QByteArrayList{"queue pq id 7 durable []"});
        QCOMPARE(contents(*loaded.value("empty")), QByteArrayList{});

        // Arguments in full, not only names and types.
        const model::VHost &back = *loaded.value("/");
        QVERIFY(back.findExchange("orders")->options().arguments == everyType());
        QVERIFY(back.findQueue("q1")->options().arguments == q1->options().arguments);
        QVERIFY(back.findExchange("orders")->bindings().front().arguments == everyType());
    }

    void unbindAfterRestartFindsTheBinding()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("topology.json"));
        const FieldTable arguments{{"x-match", FieldValue::string("all")},
                                   {"format", FieldValue::string("pdf")},
                                   {"type", FieldValue::string("report")}};
        {
            VHosts saved;
            model::VHost &root = *vhostIn(saved, "/");
            model::Queue *q = addQueue(root, "reports", 1, true);
            QVERIFY(root.bind(*root.findExchange("amq.headers"), binding(q, "", arguments)));
            QString error;
            QVERIFY(TopologyStore(path).save(saved, 2, &error));
        }
        VHosts loaded;
        std::uint64_t nextQueueId = 0;
        QString error;
        QVERIFY(TopologyStore(path).load([&](const QByteArray &name) { return vhostIn(loaded, name); }, &nextQueueId,
                                         &error));
        model::VHost &root = *loaded.value("/");
        model::Exchange &headers = *root.findExchange("amq.headers");
        QCOMPARE(headers.bindings().size(), std::size_t(1));
        // What the client sends again: the very table it bound with.
        QVERIFY(root.unbind(headers, binding(root.findQueue("reports"), "", arguments)));
        QCOMPARE(headers.bindings().size(), std::size_t(0));
    }

    void missingFileIsEmpty()
    {
        QTemporaryDir dir;
        VHosts loaded;
        std::uint64_t nextQueueId = 9;
        QString error;
        QVERIFY(TopologyStore(dir.filePath(QStringLiteral("none.json")))
                    .load([&](const QByteArray &name) { return vhostIn(loaded, name); }, &nextQueueId, &error));
        QVERIFY(loaded.isEmpty());
        QCOMPARE(nextQueueId, std::uint64_t(9));
    }

    void damagedFileIsAnError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("topology.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"format": "warren-topology-1", "queues": [)");
        f.close();
        VHosts loaded;
        std::uint64_t nextQueueId = 0;
        QString error;
        QVERIFY(!TopologyStore(path).load([&](const QByteArray &name) { return vhostIn(loaded, name); }, &nextQueueId,
                                          &error));
        QVERIFY2(error.startsWith(path + QStringLiteral(": ")), qPrintable(error));
        QVERIFY(loaded.isEmpty());
    }

    void narrowPermissionsSurviveARestart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("topology.json"));
        auth::UserDatabase users;
        users.addUser("ann", "secret", {QStringLiteral("monitoring")});
        users.setPermission("ann", "/", auth::VHostPermissions("^ann-", "", "^(ann|shared)\\."));
        users.setPermission("ann", "dev", auth::VHostPermissions());
        users.setPermission("guest", "/", auth::VHostPermissions(".*", "^amq\\.default$", ".*"));
        TopologyStore saving(path);
        saving.setUsers(&users);
        QString error;
        QVERIFY2(saving.save({}, 1, &error), qPrintable(error));

        auth::UserDatabase restored;
        QVERIFY2(loadUsers(path, restored, &error), qPrintable(error));
        QVERIFY(restored.authenticate("ann", "secret", QHostAddress(QStringLiteral("192.0.2.1"))));
        QCOMPARE(restored.find("ann")->tags, QStringList{QStringLiteral("monitoring")});
        QCOMPARE(described(restored.permissions()), described(users.permissions()));
        QCOMPARE(described(restored.permissions()),
                 (QByteArrayList{"ann@/ ^ann- |  | ^(ann|shared)\\.", "ann@dev  |  | ", "guest@/ .* | ^amq\\.default$ | .*"}));
    }

    // Files written when a user could open a vhost entirely or not at all: each vhost listed
    // for a user reads as ".*" for the three patterns, and loopback_only is the name's now.
    void usersFromBeforePermissionPatterns()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("topology.json"));
        const QByteArray salt = "salt";
        const QByteArray hash = auth::UserDatabase::hashPassword(salt, "secret");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"format": "warren-topology-1", "users": [
            {"name": "ann", "salt": ")" + salt.toBase64() + R"(", "password_hash": ")" + hash.toBase64()
                + R"(", "tags": [], "vhosts": ["/", "dev"], "loopback_only": false},
            {"name": "guest", "salt": ")" + salt.toBase64() + R"(", "password_hash": ")"
                + auth::UserDatabase::hashPassword(salt, "guest").toBase64()
                + R"(", "tags": ["administrator"], "vhosts": ["/"], "loopback_only": true}]})");
        f.close();
        auth::UserDatabase users;
        QString error;
        QVERIFY2(loadUsers(path, users, &error), qPrintable(error));
        QCOMPARE(described(users.permissions()),
                 (QByteArrayList{"ann@/ .* | .* | .*", "ann@dev .* | .* | .*", "guest@/ .* | .* | .*"}));
        QVERIFY(users.authenticate("ann", "secret", QHostAddress(QStringLiteral("192.0.2.1"))));
        QVERIFY(!users.authenticate("guest", "guest", QHostAddress(QStringLiteral("192.0.2.1"))));
        QVERIFY(users.authenticate("guest", "guest", QHostAddress(QStringLiteral("127.0.0.1"))));
    }

private:
    static bool loadUsers(const QString &path, auth::UserDatabase &users, QString *error)
    {
        VHosts loaded;
        std::uint64_t nextQueueId = 0;
        TopologyStore store(path);
        store.setUsers(&users);
        return store.load([&](const QByteArray &name) { return vhostIn(loaded, name); }, &nextQueueId, error);
    }

    // "user@vhost configure | write | read", in the table's order.
    static QByteArrayList described(const auth::PermissionTable &table)
    {
        QByteArrayList out;
        for (const auth::PermissionTable::Entry &e : table.entries()) {
            const auth::VHostPermissions &p = e.permissions;
            out.append(e.user + '@' + e.vhost + ' ' + p.pattern(auth::Access::Configure) + " | "
                       + p.pattern(auth::Access::Write) + " | " + p.pattern(auth::Access::Read));
        }
        return out;
    }
};

QTEST_GUILESS_MAIN(TestTopologyStore)
#include "tst_topologystore.moc"
