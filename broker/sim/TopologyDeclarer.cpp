#include "TopologyDeclarer.h"

#include "SimConnection.h"

#include "client/TcpClient.h"
#include "protocol/FieldJson.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace warren::sim {

namespace {

// How long the broker may take to answer one step (the TCP connection, the handshake, one
// declaration): a host that drops the packets would otherwise keep a lesson waiting for
// minutes.
constexpr int kAnswerTimeoutMs = 30000;

QByteArray utf8(const QJsonObject &entry, QStringView key)
{
    return entry.value(key).toString().toUtf8();
}

// The entry's "arguments" as a field table; false (and `error`, naming `what`) for one
// that has no AMQP form.
bool argumentsOf(const QJsonObject &entry, const QString &what, amqp::FieldTable *arguments, QString *error)
{
    QString problem;
    std::optional<amqp::FieldTable> table = amqp::fieldTableFromJson(entry.value(u"arguments"), &problem);
    if (!table) {
        *error = QStringLiteral("%1: %2").arg(what, problem);
        return false;
    }
    *arguments = std::move(*table);
    return true;
}

} // namespace

TopologyDeclarer::TopologyDeclarer(QString url, QJsonObject definitions, QObject *parent)
    : QObject(parent), url_(std::move(url)), definitions_(std::move(definitions)), patience_(this)
{
    patience_.setSingleShot(true);
    patience_.setInterval(kAnswerTimeoutMs);
    connect(&patience_, &QTimer::timeout, this, [this] {
        fail(QStringLiteral(QT_TRANSLATE_NOOP("SimulatorErrors", "the broker did not answer within 30 seconds")));
    });
}

TopologyDeclarer::~TopologyDeclarer() = default;

void TopologyDeclarer::start(Done done)
{
    done_ = std::move(done);
    QString error;
    // Everything that can be refused without the broker is, before connecting: nothing is
    // declared from a fragment that cannot be declared whole.
    if (!plan(&error) || !open(&error))
        finish(error);
}

bool TopologyDeclarer::plan(QString *error)
{
    for (const char16_t *section : {u"vhosts", u"users", u"permissions"}) {
        if (!definitions_.value(QStringView(section)).toArray().isEmpty()) {
            *error = QStringLiteral(QT_TRANSLATE_NOOP("SimulatorErrors",
                                                      "the topology creates virtual hosts or users: "
                                                      "only Warren's own scratch broker can do that"));
            return false;
        }
    }
    return planExchanges(error) && planQueues(error) && planBindings(error);
}

bool TopologyDeclarer::planExchanges(QString *error)
{
    for (const QJsonValue &entry : definitions_.value(u"exchanges").toArray()) {
        const QJsonObject x = entry.toObject();
        amqp::ExchangeDeclare declare;
        declare.exchange = utf8(x, u"name");
        // The predefined exchanges exist already, and RabbitMQ refuses to declare them.
        if (declare.exchange.isEmpty() || declare.exchange.startsWith("amq."))
            continue;
        declare.type = utf8(x, u"type");
        declare.durable = x.value(u"durable").toBool();
        declare.autoDelete = x.value(u"auto_delete").toBool();
        declare.internal = x.value(u"internal").toBool();
        const QString what = QStringLiteral("exchange '%1'").arg(QString::fromUtf8(declare.exchange));
        if (!argumentsOf(x, what, &declare.arguments, error))
            return false;
        add(declare);
    }
    return true;
}

bool TopologyDeclarer::planQueues(QString *error)
{
    for (const QJsonValue &entry : definitions_.value(u"queues").toArray()) {
        const QJsonObject q = entry.toObject();
        amqp::QueueDeclare declare;
        declare.queue = utf8(q, u"name");
        // An empty name would make the broker invent one: a queue nobody names later.
        if (declare.queue.isEmpty()) {
            *error = QStringLiteral("a queue without a name");
            return false;
        }
        declare.durable = q.value(u"durable").toBool();
        declare.autoDelete = q.value(u"auto_delete").toBool();
        declare.exclusive = false;   // it would go with this connection
        const QString what = QStringLiteral("queue '%1'").arg(QString::fromUtf8(declare.queue));
        if (!argumentsOf(q, what, &declare.arguments, error))
            return false;
        add(declare);
    }
    return true;
}

bool TopologyDeclarer::planBindings(QString *error)
{
    for (const QJsonValue &entry : definitions_.value(u"bindings").toArray()) {
        const QJsonObject b = entry.toObject();
        const QString type = b.value(u"destination_type").toString();
        const QString what = QStringLiteral("binding from '%1' to %2 '%3'")
                                 .arg(b.value(u"source").toString(), type, b.value(u"destination").toString());
        amqp::FieldTable arguments;
        if (!argumentsOf(b, what, &arguments, error))
            return false;
        if (type == QLatin1String("queue")) {
            add(amqp::QueueBind{.queue = utf8(b, u"destination"), .exchange = utf8(b, u"source"),
                                .routingKey = utf8(b, u"routing_key"), .arguments = arguments});
        } else if (type == QLatin1String("exchange")) {
            add(amqp::ExchangeBind{.destination = utf8(b, u"destination"), .source = utf8(b, u"source"),
                                   .routingKey = utf8(b, u"routing_key"), .arguments = arguments});
        } else {
            *error = what + QStringLiteral(": destination_type is neither queue nor exchange");
            return false;
        }
    }
    return true;
}

template <class M> void TopologyDeclarer::add(const M &method)
{
    steps_.append([this, method] { call(method); });
}

bool TopologyDeclarer::open(QString *error)
{
    const std::optional<client::AmqpUrl> url = client::AmqpUrl::parse(url_, error);
    if (!url)
        return false;
    client::ClientOptions options;
    options.connectionName = QStringLiteral("warren lesson setup");
    client::ClientEvents events;
    events.opened = [this] { onOpened(); };
    events.closed = [this](const client::CloseReason &reason) { onClosed(reason); };
    events.channelClosed = [this](std::uint16_t, const client::CloseReason &reason) {
        fail(SimConnection::replyError(reason.replyCode, reason.replyText));
    };
    // Not reconnected when lost: a setup that half happened is reported, not retried.
    client_ = std::make_unique<client::TcpClient>(*url, options, std::move(events));
    patience_.start();
    client_->open();
    return true;
}

void TopologyDeclarer::onOpened()
{
    patience_.start();
    channel_ = client_->connection().openChannel([this](const client::Reply &reply) {
        if (reply.ok())
            next();
        else
            fail(SimConnection::replyError(reply.replyCode, reply.replyText));
    });
    client_->flush();
}

void TopologyDeclarer::next()
{
    if (nextStep_ < steps_.size())
        return steps_[nextStep_++]();
    declared_ = true;
    patience_.stop();
    client_->close();
}

template <class M> void TopologyDeclarer::call(const M &method)
{
    patience_.start();
    client_->connection().call(channel_, method, [this](const client::Reply &reply) {
        if (finished_ || !failure_.isEmpty())
            return;
        if (reply.ok())
            next();
        else
            fail(SimConnection::replyError(reply.replyCode, reply.replyText));
    });
    client_->flush();
}

void TopologyDeclarer::onClosed(const client::CloseReason &reason)
{
    patience_.stop();
    if (declared_)
        return finish(QString());
    if (failure_.isEmpty())
        failure_ = SimConnection::replyError(reason.replyCode, reason.replyText);
    if (failure_.isEmpty())   // never empty: an empty error would read as success
        failure_ = QStringLiteral("the connection ended before the topology was declared");
    finish(failure_);
}

void TopologyDeclarer::fail(const QString &error)
{
    if (finished_ || !failure_.isEmpty())
        return;
    failure_ = error;
    patience_.stop();
    // Closed cleanly, or dropped when not yet open; onClosed then reports the failure.
    client_->close();
}

void TopologyDeclarer::finish(const QString &error)
{
    if (std::exchange(finished_, true))
        return;
    if (done_)
        done_(error);
}

} // namespace warren::sim
