// Unit tests of auth::VHostPermissions, auth::PermissionTable and auth::Resource: RabbitMQ's
// permission model without a broker.
//
// Concerns:
//  - patterns match as RabbitMQ's re:run does: unanchored ("foo" allows "xfoo"), anchored only
//    by the pattern itself, case-sensitive, on the name's bytes; "" allows nothing (RabbitMQ's
//    "^$"); each kind of access has its own pattern
//  - an invalid pattern is reported (as RabbitMQ refuses it) and, should one be held anyway,
//    allows nothing
//  - the default exchange "" is matched and named as amq.default; refusals in RabbitMQ's words
//  - the table: no entry means no access (not even to open the vhost); set replaces; clear,
//    removing a user or a vhost drop their entries only; entries come out sorted; every
//    change moves the generation, which cached verdicts rely on
#include "auth/PermissionTable.h"

#include <QtTest>

using namespace warren::auth;

class PermissionTableTest : public QObject {
    Q_OBJECT
private slots:
    void patternsMatchAsRabbitMq_data();
    void patternsMatchAsRabbitMq();
    void eachAccessHasItsPattern();
    void invalidPatternsAreReportedAndAllowNothing();
    void defaultExchangeIsAmqDefault();
    void tableEntries();
    void everyChangeMovesTheGeneration();
};

void PermissionTableTest::patternsMatchAsRabbitMq_data()
{
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("unanchored, inside") << QByteArray("foo") << QByteArray("xfoo.y") << true;
    QTest::newRow("anchored prefix") << QByteArray("^foo") << QByteArray("xfoo") << false;
    QTest::newRow("anchored prefix, match") << QByteArray("^foo") << QByteArray("foo.bar") << true;
    QTest::newRow("whole name") << QByteArray("^foo$") << QByteArray("foo.bar") << false;
    QTest::newRow("case-sensitive") << QByteArray("foo") << QByteArray("FOO") << false;
    QTest::newRow("everything") << QByteArray(".*") << QByteArray("anything") << true;
    QTest::newRow("empty allows nothing") << QByteArray() << QByteArray("q") << false;
    QTest::newRow("empty is ^$") << QByteArray() << QByteArray() << true;
    QTest::newRow("alternatives") << QByteArray("^(ae|dl)\\.") << QByteArray("dl.q") << true;
    QTest::newRow("dot is one byte") << QByteArray("^.$") << QByteArray("\xc3\xa9") << false;   // é: two bytes
    QTest::newRow("two dots, two bytes") << QByteArray("^..$") << QByteArray("\xc3\xa9") << true;
    QTest::newRow("UTF-8 pattern") << QByteArray("^\xc3\xa9t\xc3\xa9") << QByteArray("\xc3\xa9t\xc3\xa9.q") << true;
}

void PermissionTableTest::patternsMatchAsRabbitMq()
{
    QFETCH(QByteArray, pattern);
    QFETCH(QByteArray, name);
    QFETCH(bool, allowed);
    QCOMPARE(VHostPermissions(pattern, pattern, pattern).allows(Access::Configure, name), allowed);
}

void PermissionTableTest::eachAccessHasItsPattern()
{
    const VHostPermissions p("^c", "^w", "^r");
    QVERIFY(p.allows(Access::Configure, "c1") && !p.allows(Access::Configure, "w1"));
    QVERIFY(p.allows(Access::Write, "w1") && !p.allows(Access::Write, "r1"));
    QVERIFY(p.allows(Access::Read, "r1") && !p.allows(Access::Read, "c1"));
    QCOMPARE(p.pattern(Access::Write), QByteArray("^w"));
    QVERIFY(VHostPermissions::all() == VHostPermissions(".*", ".*", ".*"));
    QVERIFY(!(p == VHostPermissions("^c", "^w", "^x")));
    QVERIFY(!VHostPermissions().allows(Access::Read, "q"));
}

void PermissionTableTest::invalidPatternsAreReportedAndAllowNothing()
{
    QVERIFY(VHostPermissions::patternError("^foo.*").isEmpty());
    QVERIFY(VHostPermissions::patternError("").isEmpty());
    const QString error = VHostPermissions::patternError("(");
    QVERIFY2(error.contains(QLatin1String("missing closing parenthesis")), qPrintable(error));
    QVERIFY(error.endsWith(QLatin1String("at offset 1")));
    QVERIFY(!VHostPermissions("(", "(", "(").allows(Access::Read, "("));
}

void PermissionTableTest::defaultExchangeIsAmqDefault()
{
    QCOMPARE(Resource::exchange("").permissionName(), QByteArray("amq.default"));
    QCOMPARE(Resource::exchange("x").permissionName(), QByteArray("x"));
    QCOMPARE(Resource::queue("").permissionName(), QByteArray());
    QCOMPARE(Resource::exchange("").refusal("/", "bob"),
             QByteArray("access to exchange 'amq.default' in vhost '/' refused for user 'bob'"));
    QCOMPARE(Resource::queue("jobs").refusal("dev", "ann"),
             QByteArray("access to queue 'jobs' in vhost 'dev' refused for user 'ann'"));

    PermissionTable table;
    table.set("bob", "/", VHostPermissions("", "^amq\\.default$", ""));
    QVERIFY(table.allows("bob", "/", Access::Write, Resource::exchange("")));
    QVERIFY(!table.allows("bob", "/", Access::Write, Resource::exchange("amq.direct")));
}

void PermissionTableTest::tableEntries()
{
    PermissionTable table;
    QVERIFY(!table.find("bob", "/"));
    QVERIFY(!table.allows("bob", "/", Access::Read, Resource::queue("q")));
    table.set("bob", "dev", VHostPermissions("^bob-", "", ".*"));
    table.set("bob", "/", VHostPermissions::all());
    table.set("ann", "dev", VHostPermissions());
    QVERIFY(table.allows("bob", "/", Access::Read, Resource::queue("q")));
    QVERIFY(!table.allows("bob", "other", Access::Read, Resource::queue("q")));
    QVERIFY(table.find("ann", "dev"));   // opens the vhost ...
    QVERIFY(!table.allows("ann", "dev", Access::Read, Resource::queue("q")));   // ... and nothing more

    table.set("bob", "dev", VHostPermissions("^b", "^b", "^b"));   // replaces
    QCOMPARE(table.find("bob", "dev")->pattern(Access::Configure), QByteArray("^b"));

    const auto keys = [&] {
        QByteArrayList out;
        for (const PermissionTable::Entry &e : table.entries())
            out.append(e.user + '@' + e.vhost);
        return out;
    };
    QCOMPARE(keys(), (QByteArrayList{"ann@dev", "bob@/", "bob@dev"}));
    table.removeVHost("dev");
    QCOMPARE(keys(), QByteArrayList{"bob@/"});
    table.set("ann", "/", VHostPermissions::all());
    table.removeUser("bob");
    QCOMPARE(keys(), QByteArrayList{"ann@/"});
    table.clear("ann", "/");
    QVERIFY(table.entries().isEmpty());

    table.replaceAll({{"carl", "/", VHostPermissions("a", "b", "c")}});
    QCOMPARE(keys(), QByteArrayList{"carl@/"});
    QVERIFY(*table.find("carl", "/") == VHostPermissions("a", "b", "c"));
}

void PermissionTableTest::everyChangeMovesTheGeneration()
{
    PermissionTable table;
    quint64 seen = table.generation();
    const auto moved = [&] {
        const bool changed = table.generation() != seen;
        seen = table.generation();
        return changed;
    };
    table.set("bob", "/", VHostPermissions::all());
    QVERIFY(moved());
    table.set("bob", "/", VHostPermissions("^x", "^x", "^x"));
    QVERIFY(moved());
    table.clear("bob", "/");
    QVERIFY(moved());
    table.set("bob", "/", VHostPermissions::all());
    table.removeUser("bob");
    QVERIFY(moved());
    table.set("bob", "/", VHostPermissions::all());
    moved();
    table.removeVHost("/");
    QVERIFY(moved());
    table.replaceAll({});
    QVERIFY(moved());
    QVERIFY(!moved());   // reading changes nothing
}

QTEST_APPLESS_MAIN(PermissionTableTest)
#include "tst_permissiontable.moc"
