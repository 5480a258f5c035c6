#include "SimConnection.h"

#include "client/TcpClient.h"

#include <QCoreApplication>
#include <QTimer>

namespace warren::sim {

namespace {

// How long a retired connection may take to close cleanly before it is dropped.
constexpr int kRetireTimeoutMs = 3000;

} // namespace

SimConnection::SimConnection(Target target, Handlers handlers, QObject *parent)
    : QObject(parent), target_(std::move(target)), handlers_(std::move(handlers))
{
}

SimConnection::~SimConnection() = default;

bool SimConnection::open(QString *error)
{
    const std::optional<client::AmqpUrl> url = client::AmqpUrl::parse(target_.url, error);
    if (!url)
        return false;
    client::ClientOptions options;
    options.user = url->user;
    options.password = url->password;
    options.vhost = url->vhost;
    options.connectionName = target_.name;
    options.heartbeatSeconds = std::uint16_t(qBound(0, target_.heartbeatSeconds, 65535));
    client_ = std::make_unique<client::TcpClient>(*url, options, events());
    // A broker that restarts drops its clients; a simulated client comes back as a real one
    // with retries would.
    setReconnect(true);
    client_->open();
    return true;
}

client::ClientConnection &SimConnection::amqp()
{
    return client_->connection();
}

void SimConnection::flush()
{
    client_->flush();
}

client::ClientEvents SimConnection::events()
{
    client::ClientEvents e;
    e.opened = [this] { onOpened(); };
    e.closed = [this](const client::CloseReason &reason) { onClosed(reason); };
    e.channelClosed = [this](std::uint16_t channel, const client::CloseReason &reason) {
        if (channels_.contains(channel))
            fail(replyError(reason.replyCode, reason.replyText));
    };
    e.delivered = [this](const client::Delivery &delivery) {
        if (handlers_.delivered)
            handlers_.delivered(delivery);
    };
    e.returned = [this](const client::ReturnedMessage &message) {
        if (handlers_.returned)
            handlers_.returned(message);
    };
    e.confirmed = [this](std::uint16_t, std::uint64_t tag, bool multiple, bool ack) {
        if (handlers_.confirmed)
            handlers_.confirmed(tag, multiple, ack);
    };
    e.blocked = [this](bool blocked, const QByteArray &) {
        if (handlers_.blocked)
            handlers_.blocked(blocked);
    };
    e.consumerCancelled = [this](std::uint16_t, const QByteArray &) {
        fail(QStringLiteral(QT_TRANSLATE_NOOP("SimulatorErrors",
                                              "The broker cancelled the consumer (its queue was deleted?)")));
    };
    return e;
}

void SimConnection::onOpened()
{
    ready_ = false;
    opened_ = true;
    failure_.clear();
    channels_.clear();
    openChannel();
}

// One channel after the other, then the queue on the first.
void SimConnection::openChannel()
{
    channels_.append(amqp().openChannel([this](const client::Reply &reply) {
        if (!reply.ok())
            fail(replyError(reply.replyCode, reply.replyText));
        else if (channels_.size() < qMax(1, target_.channels))
            openChannel();
        else
            declareQueue();
    }));
    flush();
}

void SimConnection::declareQueue()
{
    if (!target_.queue.declare)
        return becomeReady();
    amqp::QueueDeclare declare;
    declare.queue = target_.queue.name.toUtf8();
    declare.durable = target_.queue.durable;
    call(declare, [this](const client::Reply &) { bindQueue(); });
}

void SimConnection::bindQueue()
{
    if (!target_.queue.bind || target_.exchange.isEmpty())
        return becomeReady();
    amqp::QueueBind bind;
    bind.queue = target_.queue.name.toUtf8();
    bind.exchange = target_.exchange.toUtf8();
    bind.routingKey = target_.queue.bindingKey.toUtf8();
    call(bind, [this](const client::Reply &) { becomeReady(); });
}

void SimConnection::becomeReady()
{
    ready_ = true;
    if (handlers_.ready)
        handlers_.ready();
}

void SimConnection::onClosed(const client::CloseReason &reason)
{
    ready_ = false;
    channels_.clear();
    if (closing_)
        return deleteLater();
    const QString error = failure_.isEmpty() ? replyError(reason.replyCode, reason.replyText) : failure_;
    // Refused at the door (a wrong password, an unknown virtual host): trying again would
    // be refused again.
    if (!opened_ && reason.replyCode != 0)
        setReconnect(false);
    if (handlers_.lost)
        handlers_.lost(error, reconnect_ && reason.byServer);
}

void SimConnection::fail(const QString &error)
{
    if (closing_ || !failure_.isEmpty())
        return;
    failure_ = error;
    setReconnect(false);
    client_->close();
}

void SimConnection::retire()
{
    closing_ = true;
    handlers_ = {};
    // It closes in its own time, and its client may be deleted before: it passes to the
    // client's owner (the Simulation), which deletes whatever is left when it ends.
    setParent(parent() ? parent()->parent() : nullptr);
    if (!client_)
        return deleteLater();
    setReconnect(false);
    if (hung_ || !client_->isOpen()) {
        // Destroying the client aborts a connection that is hung or not yet open.
        return deleteLater();
    }
    client_->close();
    client_->flush();
    QTimer::singleShot(kRetireTimeoutMs, this, &QObject::deleteLater);
}

void SimConnection::crash()
{
    ready_ = false;
    setReconnect(false);
    client_->crash();
}

void SimConnection::hang()
{
    ready_ = false;
    hung_ = true;
    setReconnect(false);
    client_->hang();
}

void SimConnection::setReconnect(bool on)
{
    reconnect_ = on;
    client_->setReconnect(on);
}

QString SimConnection::replyError(std::uint16_t code, const QByteArray &text)
{
    const QString words = QString::fromUtf8(text);
    return code == 0 ? words : QStringLiteral("%1 %2").arg(code).arg(words);
}

} // namespace warren::sim
