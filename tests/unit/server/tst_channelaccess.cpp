// A channel's permission checks without sockets (the whole table of RabbitMQ's answers runs
// against both brokers in tests/integration/run_permissions.py):
// - a refused method closes the channel with 403 and RabbitMQ's text, naming the method;
// - publishing remembers its verdict per exchange, yet a change of the permissions takes
//   effect on the very next publish, whether the exchange was the last one published to or
//   one before it;
// - the user's permissions are looked up per vhost: the same user is held to what they may
//   do in the vhost of the connection;
// - the explorer's own connection (LoopbackClient, through ManagementService) is not
//   checked: it acts for the local operator.
#include "ConnectionTestSupport.h"
#include "management/ManagementService.h"

#include <QtTest>

using namespace warren;
using namespace warren::amqp;
using auth::VHostPermissions;
using testing::Client;
using testing::methodsOf;
using testing::Received;

namespace {

// The reply code and text a channel was closed with, or 0 and nothing when it was not.
std::pair<std::uint16_t, QByteArray> closedWith(Client &c)
{
    for (const Received &r : c.replies()) {
        if (r.method() == ChannelClose::id) {
            const auto close = c.decode<ChannelClose>(r);
            return {close.replyCode, close.replyText};
        }
    }
    return {0, {}};
}

} // namespace

class ChannelAccessTest : public QObject {
    Q_OBJECT
private slots:
    void refusalClosesTheChannel();
    void publishSeesPermissionChanges();
    void permissionsArePerVHost();
    void explorerIsNotChecked();
};

void ChannelAccessTest::refusalClosesTheChannel()
{
    Client c;
    c.context.users.setPermission("guest", "/", VHostPermissions("^mine\\.", ".*", ".*"));
    c.handshake();
    c.send(1, QueueDeclare{0, "theirs", false, false, false, false, false, {}});
    c.flush();
    const QList<Received> r = c.replies();
    QCOMPARE(methodsOf(r), QList<MethodId>{ChannelClose::id});
    const auto close = c.decode<ChannelClose>(r[0]);
    QCOMPARE(close.replyCode, std::uint16_t(403));
    QCOMPARE(close.replyText, QByteArray("ACCESS_REFUSED - access to queue 'theirs' in vhost '/' refused for user 'guest'"));
    QCOMPARE((std::pair{close.classId, close.methodId}), (std::pair<std::uint16_t, std::uint16_t>{50, 10}));
    QVERIFY(!c.queue("theirs"));
}

void ChannelAccessTest::publishSeesPermissionChanges()
{
    Client c;
    c.handshake();
    for (const QByteArray name : {"a", "b"})
        c.send(1, ExchangeDeclare{0, name, "fanout", false, false, false, false, false, {}});
    c.send(1, QueueDeclare{0, "q", false, false, false, false, false, {}});
    c.send(1, QueueBind{0, "q", "a", "", false, {}});
    c.send(1, QueueBind{0, "q", "b", "", false, {}});
    c.publish(1, "a", "", "1");
    c.publish(1, "b", "", "2");   // both verdicts remembered, "b" last
    c.flush();
    c.replies();
    QCOMPARE(c.queue("q")->readyCount(), 2);

    c.context.users.setPermission("guest", "/", VHostPermissions(".*", "^b$", ".*"));
    c.publish(1, "b", "", "3");   // the last one: still allowed
    c.publish(1, "a", "", "4");   // remembered as allowed before the change: refused now
    c.flush();
    QCOMPARE(closedWith(c), (std::pair<std::uint16_t, QByteArray>{
                                403, "ACCESS_REFUSED - access to exchange 'a' in vhost '/' refused for user 'guest'"}));
    QCOMPARE(c.queue("q")->readyCount(), 3);

    c.send(2, ChannelOpen{});
    c.flush();
    c.replies();
    c.context.users.setPermission("guest", "/", VHostPermissions(".*", "^a$", ".*"));
    c.publish(2, "b", "", "5");   // the channel's last exchange, no longer allowed
    c.flush();
    QCOMPARE(closedWith(c).first, std::uint16_t(403));
    QCOMPARE(c.queue("q")->readyCount(), 3);
}

void ChannelAccessTest::permissionsArePerVHost()
{
    server::ServerContext context;
    context.addVHost("dev");
    context.users.setPermission("guest", "dev", VHostPermissions("", "", ""));
    Client c(context);
    c.flush(QByteArray(kProtocolHeader, sizeof kProtocolHeader));
    c.send(0, ConnectionStartOk{{}, "PLAIN", QByteArray("\0guest\0guest", 12), "en_US"});
    c.send(0, ConnectionTuneOk{2047, 131072, 0});
    c.send(0, ConnectionOpen{"dev", {}, false});
    c.send(1, ChannelOpen{});
    c.send(1, QueueDeclare{0, "q", false, false, false, false, false, {}});
    c.flush();
    QCOMPARE(closedWith(c), (std::pair<std::uint16_t, QByteArray>{
                                403, "ACCESS_REFUSED - access to queue 'q' in vhost 'dev' refused for user 'guest'"}));
}

void ChannelAccessTest::explorerIsNotChecked()
{
    server::ServerContext context;
    context.users.setPermission("guest", "/", VHostPermissions());   // guest may do nothing
    management::ManagementService service(context);
    QVERIFY(service.declareQueue(management::QueueSpec{QStringLiteral("/"), QStringLiteral("jobs")}).ok());
    QVERIFY(service.publish(management::PublishSpec{QStringLiteral("/"), {}, QStringLiteral("jobs")}).outcome.ok());
    QCOMPARE(service.purgeQueue(QStringLiteral("/"), QStringLiteral("jobs")).count, 1);
    QVERIFY(service.deleteQueue(QStringLiteral("/"), QStringLiteral("jobs"), false, false).ok());
}

QTEST_GUILESS_MAIN(ChannelAccessTest)
#include "tst_channelaccess.moc"
