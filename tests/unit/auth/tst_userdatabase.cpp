// Unit tests of auth::UserDatabase: logins and who holds which permissions.
//
// Concerns:
//  - the default: guest/guest with every permission on "/", nothing worth saving
//  - loopback users (RabbitMQ's loopback_users) are a list of names checked against the
//    address the connection was made to (RabbitMQ checks the socket's own address): guest
//    logs in over 127.0.0.1, ::1 and ::ffff:127.0.0.1, not over 192.0.2.1; the restriction
//    follows the name (a user created later under a listed name is restricted, guest is free
//    once no longer listed); an empty list restricts nobody
//  - a refused login hashes as much as a successful one: a wrong password, and an unknown
//    name (against a dummy salt), each run the password hash once (counted with an injected
//    hasher rather than timed)
//  - permissions stay when a user gets a new password, go with the user and with the vhost;
//    a permission for an unknown user is not kept
#include "auth/UserDatabase.h"

#include <QtTest>

using namespace warren::auth;

namespace {

int hashesComputed = 0;

QByteArray countingHash(const QByteArray &salt, const QByteArray &password)
{
    ++hashesComputed;
    return UserDatabase::hashPassword(salt, password);
}

const QHostAddress kLoopbackV4(QStringLiteral("127.0.0.1"));
const QHostAddress kOther(QStringLiteral("192.0.2.1"));

} // namespace

class UserDatabaseTest : public QObject {
    Q_OBJECT
private slots:
    void defaultIsGuestOnSlash();
    void guestOnlyOverLoopback_data();
    void guestOnlyOverLoopback();
    void loopbackRestrictionFollowsTheName();
    void everyRefusalHashes();
    void permissionsFollowUsersAndVHosts();
};

void UserDatabaseTest::defaultIsGuestOnSlash()
{
    UserDatabase users;
    QVERIFY(users.isDefault());
    QVERIFY(users.guestHasDefaultPassword());
    QVERIFY(users.mayOpenVHost("guest", "/"));
    QVERIFY(*users.permissions().find("guest", "/") == VHostPermissions::all());
    users.setPermission("guest", "/", VHostPermissions("^x", ".*", ".*"));
    QVERIFY(!users.isDefault());
    users.setPermission("guest", "/", VHostPermissions::all());
    QVERIFY(users.isDefault());
    users.addUser("guest", "changed", {QStringLiteral("administrator")});
    QVERIFY(!users.guestHasDefaultPassword());
    QVERIFY(!users.isDefault());
}

void UserDatabaseTest::guestOnlyOverLoopback_data()
{
    QTest::addColumn<QString>("connectedTo");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1") << true;
    QTest::newRow("127.1.2.3") << QStringLiteral("127.1.2.3") << true;
    QTest::newRow("::1") << QStringLiteral("::1") << true;
    QTest::newRow("::ffff:127.0.0.1") << QStringLiteral("::ffff:127.0.0.1") << true;
    QTest::newRow("192.0.2.1") << QStringLiteral("192.0.2.1") << false;
    QTest::newRow("::ffff:192.0.2.1") << QStringLiteral("::ffff:192.0.2.1") << false;
    QTest::newRow("2001:db8::1") << QStringLiteral("2001:db8::1") << false;
    QTest::newRow("unknown") << QString() << false;
}

void UserDatabaseTest::guestOnlyOverLoopback()
{
    QFETCH(QString, connectedTo);
    QFETCH(bool, allowed);
    UserDatabase users;
    users.addUser("remote", "pw");
    QCOMPARE(users.authenticate("guest", "guest", QHostAddress(connectedTo)) != nullptr, allowed);
    QVERIFY(users.authenticate("remote", "pw", QHostAddress(connectedTo)));   // not a loopback user
}

void UserDatabaseTest::loopbackRestrictionFollowsTheName()
{
    UserDatabase users;
    users.setLoopbackUsers({"guest", "ops"});
    QVERIFY(!users.authenticate("guest", "guest", kOther));
    users.addUser("ops", "pw");   // created after the list named it
    QVERIFY(users.isLoopbackOnly("ops"));
    QVERIFY(!users.authenticate("ops", "pw", kOther));
    QVERIFY(users.authenticate("ops", "pw", kLoopbackV4));
    users.removeUser("ops");
    users.addUser("ops", "pw2");   // a new user under the same name: still restricted
    QVERIFY(!users.authenticate("ops", "pw2", kOther));

    users.setLoopbackUsers({"ops"});
    QVERIFY(users.authenticate("guest", "guest", kOther));
    users.setLoopbackUsers({});
    QVERIFY(users.authenticate("guest", "guest", kOther));
    QVERIFY(users.authenticate("ops", "pw2", kOther));
    QVERIFY(!users.authenticate("ops", "wrong", kLoopbackV4));
}

void UserDatabaseTest::everyRefusalHashes()
{
    UserDatabase users(&countingHash);
    users.addUser("ann", "secret");
    users.addUserWithHash("nopassword", {}, {});   // imported without a password

    hashesComputed = 0;
    QVERIFY(users.authenticate("ann", "secret", kLoopbackV4));
    QCOMPARE(hashesComputed, 1);
    hashesComputed = 0;
    QVERIFY(!users.authenticate("ann", "wrong", kLoopbackV4));
    QCOMPARE(hashesComputed, 1);
    hashesComputed = 0;
    QVERIFY(!users.authenticate("nobody", "secret", kLoopbackV4));
    QCOMPARE(hashesComputed, 1);   // against a dummy salt, as for a known name
    hashesComputed = 0;
    QVERIFY(!users.authenticate("nopassword", "", kLoopbackV4));
    QCOMPARE(hashesComputed, 1);
    hashesComputed = 0;
    QVERIFY(!users.authenticate("guest", "guest", kOther));   // refused for where it came from
    QCOMPARE(hashesComputed, 1);
}

void UserDatabaseTest::permissionsFollowUsersAndVHosts()
{
    UserDatabase users;
    users.setPermission("ghost", "/", VHostPermissions::all());   // no such user
    QVERIFY(!users.mayOpenVHost("ghost", "/"));

    users.addUser("ann", "secret");
    users.setPermission("ann", "/", VHostPermissions("^ann-", "", ".*"));
    users.setPermission("ann", "dev", VHostPermissions::all());
    users.addUser("ann", "changed", {QStringLiteral("monitoring")});   // a new password keeps them
    QCOMPARE(users.permissions().find("ann", "/")->pattern(Access::Configure), QByteArray("^ann-"));
    QVERIFY(users.authenticate("ann", "changed", kOther));

    users.removeVHost("dev");
    QVERIFY(!users.mayOpenVHost("ann", "dev"));
    QVERIFY(users.mayOpenVHost("ann", "/"));
    users.clearPermission("ann", "/");
    QVERIFY(!users.mayOpenVHost("ann", "/"));
    users.setPermission("ann", "/", VHostPermissions());
    QVERIFY(users.mayOpenVHost("ann", "/"));   // empty patterns still open the vhost
    users.removeUser("ann");
    QVERIFY(!users.find("ann"));
    users.addUser("ann", "again");   // a new user of that name starts with nothing
    QVERIFY(!users.mayOpenVHost("ann", "/"));
    QVERIFY(users.mayOpenVHost("guest", "/"));

    users.restore({User{"zed", {}, {}, {}}}, {{"zed", "/", VHostPermissions("z", "z", "z")}});
    QVERIFY(!users.find("guest"));
    QVERIFY(!users.mayOpenVHost("guest", "/"));
    QCOMPARE(users.permissions().entries().size(), 1);
}

QTEST_APPLESS_MAIN(UserDatabaseTest)
#include "tst_userdatabase.moc"
