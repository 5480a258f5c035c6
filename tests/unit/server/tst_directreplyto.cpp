// Direct reply-to's addresses are per virtual host (server/ChannelDirectReplyTo.cpp), without
// sockets: two virtual hosts on one broker, an RPC client consuming amq.rabbitmq.reply-to in
// the first.
// - a reply published to its address in the same virtual host is delivered;
// - the same publish from the other virtual host is dropped: nothing reaches the client, the
//   publisher's channel stays open, and a mandatory reply comes back 312 NO_ROUTE as for an
//   address nobody holds;
// - a passive declare of the address is answered in its own virtual host only (404 elsewhere);
// - the address is the prefix and a 22-character random suffix, different per channel.
#include "ConnectionTestSupport.h"

#include <QtTest>

using namespace warren;
using namespace warren::amqp;
using testing::Client;
using testing::methodsOf;
using testing::Received;

namespace {

constexpr const char *kReplyTo = "amq.rabbitmq.reply-to";

// A client in `vhost` consuming its replies on channel 1; returns the address it hands out,
// read from the request it publishes to the queue "requests" of its virtual host.
QByteArray startRpcClient(Client &c, const QByteArray &vhost)
{
    c.handshake({}, vhost);
    c.send(1, QueueDeclare{0, "requests", false, false, false, false, false, {}});
    c.send(1, BasicConsume{0, kReplyTo, "replies", false, true, false, false, {}});
    BasicProperties request;
    request.replyTo = kReplyTo;
    c.publish(1, "", "requests", "2+2?", request);
    c.send(1, BasicGet{0, "requests", true});
    c.flush();
    const QList<Received> r = c.replies();
    for (const Received &frame : r) {
        if (frame.frame.type == FrameType::Header)
            return BasicProperties::decode(frame.payload.sliced(12))->replyTo.value_or(QByteArray());
    }
    return {};
}

QList<MethodId> afterPublishing(Client &publisher, const QByteArray &address, bool mandatory = false)
{
    publisher.publish(1, "", address, "4", {}, mandatory);
    publisher.flush();
    return methodsOf(publisher.replies());
}

} // namespace

class DirectReplyToTest : public QObject {
    Q_OBJECT
private slots:
    void init();
    void addressFormat();
    void replyFromTheSameVHostIsDelivered();
    void replyFromAnotherVHostIsDropped();
    void addressExistsOnlyInItsVHost();

private:
    std::unique_ptr<server::ServerContext> context_;
};

void DirectReplyToTest::init()
{
    context_ = std::make_unique<server::ServerContext>();
    context_->addVHost("other");
    context_->users.setPermission("guest", "other", auth::VHostPermissions(".*", ".*", ".*"));
}

void DirectReplyToTest::addressFormat()
{
    Client a(*context_), b(*context_);
    const QByteArray first = startRpcClient(a, "/");
    const QByteArray second = startRpcClient(b, "/");
    for (const QByteArray &address : {first, second}) {
        QVERIFY2(address.startsWith(QByteArray(kReplyTo) + '.'), address.constData());
        QCOMPARE(address.size(), qsizetype(strlen(kReplyTo)) + 1 + 22);
    }
    QVERIFY(first != second);
}

void DirectReplyToTest::replyFromTheSameVHostIsDelivered()
{
    Client client(*context_), server(*context_);
    const QByteArray address = startRpcClient(client, "/");
    server.handshake();
    QCOMPARE(afterPublishing(server, address), QList<MethodId>{});
    const QList<Received> r = client.replies();
    QCOMPARE(methodsOf(r), QList<MethodId>{BasicDeliver::id});
    const auto deliver = client.decode<BasicDeliver>(r[0]);
    QCOMPARE(deliver.consumerTag, QByteArray("replies"));
    QCOMPARE(deliver.routingKey, address);
}

void DirectReplyToTest::replyFromAnotherVHostIsDropped()
{
    Client client(*context_), stranger(*context_);
    const QByteArray address = startRpcClient(client, "/");
    stranger.handshake({}, "other");
    QCOMPARE(afterPublishing(stranger, address), QList<MethodId>{});
    QCOMPARE(afterPublishing(stranger, address, true), QList<MethodId>{BasicReturn::id});
    QCOMPARE(methodsOf(client.replies()), QList<MethodId>{});
    QCOMPARE(stranger.connection.state(), server::Connection::State::Open);

    // The client in "other" has addresses of its own, which "/" cannot reach either.
    Client otherClient(*context_), home(*context_);
    const QByteArray otherAddress = startRpcClient(otherClient, "other");
    home.handshake();
    QCOMPARE(afterPublishing(home, otherAddress), QList<MethodId>{});
    QCOMPARE(methodsOf(otherClient.replies()), QList<MethodId>{});
}

void DirectReplyToTest::addressExistsOnlyInItsVHost()
{
    Client client(*context_), home(*context_), stranger(*context_);
    const QByteArray address = startRpcClient(client, "/");
    home.handshake();
    stranger.handshake({}, "other");
    for (Client *c : {&home, &stranger})
        c->send(1, QueueDeclare{0, address, true, false, false, false, false, {}});
    home.flush();
    stranger.flush();
    QCOMPARE(methodsOf(home.replies()), QList<MethodId>{QueueDeclareOk::id});
    const QList<Received> refused = stranger.replies();
    QCOMPARE(methodsOf(refused), QList<MethodId>{ChannelClose::id});
    QCOMPARE(stranger.decode<ChannelClose>(refused[0]).replyText,
             "NOT_FOUND - no queue '" + address + "' in vhost 'other'");
}

QTEST_GUILESS_MAIN(DirectReplyToTest)
#include "tst_directreplyto.moc"
