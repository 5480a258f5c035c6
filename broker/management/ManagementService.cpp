#include "ManagementService.h"

#include "LoopbackClient.h"
#include "model/RouteExplainer.h"
#include "server/Connection.h"
#include "server/ServerContext.h"

#include <algorithm>

namespace warren::management {

using amqp::ReplyCode;

namespace {

QByteArray utf8(const QString &s) { return s.toUtf8(); }

Outcome failed(const CallResult &result)
{
    return Outcome::failure(result.replyCode, QString::fromUtf8(result.replyText));
}

Outcome notFound(const QString &what)
{
    return Outcome::failure(int(ReplyCode::NotFound), QStringLiteral("NOT_FOUND - no %1").arg(what));
}

// AMQP names are short strings: at most 255 bytes of UTF-8.
bool fitsShortString(const QString &s) { return s.toUtf8().size() <= 255; }

} // namespace

ManagementService::~ManagementService() = default;

QJsonObject ManagementService::exportDefinitions()
{
    return management::exportDefinitions(context_);
}

ImportReport ManagementService::importDefinitions(const QJsonObject &definitions)
{
    return management::importDefinitions(*this, definitions);
}

LoopbackClient *ManagementService::client(const QString &vhost, Outcome *error)
{
    const QByteArray name = utf8(vhost);
    model::VHost *host = context_.vhost(name);
    if (!host) {
        *error = notFound(QStringLiteral("vhost '%1'").arg(vhost));
        return nullptr;
    }
    std::shared_ptr<LoopbackClient> &slot = clients_[name];
    if (!slot || !slot->isOpen())
        slot = std::make_shared<LoopbackClient>(context_, *host, "guest");
    return slot.get();
}

template <class M> Outcome ManagementService::call(const QString &vhost, const M &method)
{
    Outcome outcome;
    LoopbackClient *c = client(vhost, &outcome);
    if (!c)
        return outcome;
    const CallResult result = c->call(method);
    return result.ok() ? Outcome{} : failed(result);
}

Outcome ManagementService::declareExchange(const ExchangeSpec &spec)
{
    if (!fitsShortString(spec.name))
        return Outcome::failure(int(ReplyCode::PreconditionFailed), QStringLiteral("exchange name too long"));
    amqp::ExchangeDeclare m{};
    m.exchange = utf8(spec.name);
    m.type = utf8(spec.type);
    m.durable = spec.durable;
    m.autoDelete = spec.autoDelete;
    m.internal = spec.internal;
    m.arguments = spec.arguments;
    return call(spec.vhost, m);
}

Outcome ManagementService::deleteExchange(const QString &vhost, const QString &name, bool ifUnused)
{
    amqp::ExchangeDelete m{};
    m.exchange = utf8(name);
    m.ifUnused = ifUnused;
    return call(vhost, m);
}

Outcome ManagementService::declareQueue(const QueueSpec &spec)
{
    if (!fitsShortString(spec.name))
        return Outcome::failure(int(ReplyCode::PreconditionFailed), QStringLiteral("queue name too long"));
    amqp::QueueDeclare m{};
    m.queue = utf8(spec.name);
    m.durable = spec.durable;
    m.exclusive = spec.exclusive;
    m.autoDelete = spec.autoDelete;
    m.arguments = spec.arguments;
    return call(spec.vhost, m);
}

Outcome ManagementService::deleteQueue(const QString &vhost, const QString &name, bool ifEmpty, bool ifUnused)
{
    amqp::QueueDelete m{};
    m.queue = utf8(name);
    m.ifEmpty = ifEmpty;
    m.ifUnused = ifUnused;
    return call(vhost, m);
}

Outcome ManagementService::purgeQueue(const QString &vhost, const QString &name)
{
    Outcome outcome;
    LoopbackClient *c = client(vhost, &outcome);
    if (!c)
        return outcome;
    amqp::QueuePurge m{};
    m.queue = utf8(name);
    const CallResult result = c->call(m);
    if (!result.ok())
        return failed(result);
    if (const ReceivedMethod *ok = result.find(amqp::QueuePurgeOk::id))
        outcome.count = ok->as<amqp::QueuePurgeOk>()->messageCount;
    return outcome;
}

Outcome ManagementService::bind(const BindingSpec &spec)
{
    if (spec.toExchange)
        return call(spec.vhost, amqp::ExchangeBind{0, utf8(spec.destination), utf8(spec.source),
                                                   utf8(spec.routingKey), false, spec.arguments});
    return call(spec.vhost, amqp::QueueBind{0, utf8(spec.destination), utf8(spec.source), utf8(spec.routingKey),
                                            false, spec.arguments});
}

Outcome ManagementService::unbind(const BindingSpec &spec)
{
    if (spec.toExchange)
        return call(spec.vhost, amqp::ExchangeUnbind{0, utf8(spec.destination), utf8(spec.source),
                                                     utf8(spec.routingKey), false, spec.arguments});
    return call(spec.vhost,
                amqp::QueueUnbind{0, utf8(spec.destination), utf8(spec.source), utf8(spec.routingKey), spec.arguments});
}

PublishResult ManagementService::publish(const PublishSpec &spec)
{
    PublishResult published;
    LoopbackClient *c = client(spec.vhost, &published.outcome);
    if (!c)
        return published;
    // mandatory: an unroutable message comes back as basic.return, which is how we know.
    const CallResult result = c->publish(
        amqp::BasicPublish{0, utf8(spec.exchange), utf8(spec.routingKey), true, false},
        spec.properties.encode(), spec.body);
    if (!result.ok())
        published.outcome = failed(result);
    else
        published.routed = !result.find(amqp::BasicReturn::id);
    return published;
}

GetResult ManagementService::getMessages(const QString &vhost, const QString &queue, int count, GetMode mode)
{
    GetResult got;
    LoopbackClient *c = client(vhost, &got.outcome);
    if (!c)
        return got;
    std::uint64_t lastTag = 0;
    for (int i = 0; i < count; ++i) {
        const CallResult result = c->call(amqp::BasicGet{0, utf8(queue), false});
        if (!result.ok()) {
            got.outcome = failed(result);   // the channel closed: what was taken went back
            got.messages.clear();
            return got;
        }
        const ReceivedMethod *ok = result.find(amqp::BasicGetOk::id);
        if (!ok)
            break;   // get-empty
        const amqp::BasicGetOk m = *ok->as<amqp::BasicGetOk>();
        lastTag = m.deliveryTag;
        got.messages.append(MessageView{QString::fromUtf8(m.exchange), QString::fromUtf8(m.routingKey),
                                        m.redelivered, m.messageCount,
                                        amqp::BasicProperties::decode(ok->properties).value_or(amqp::BasicProperties{}),
                                        ok->body});
    }
    // All taken first, then settled together, so that requeued ones are not fetched again.
    if (lastTag != 0) {
        if (mode == GetMode::Ack)
            c->call(amqp::BasicAck{lastTag, true});
        else
            c->call(amqp::BasicNack{lastTag, true, true});
    }
    return got;
}

Outcome ManagementService::moveMessages(const QString &vhost, const QString &from, const QString &to)
{
    if (from == to)
        return Outcome::failure(int(ReplyCode::PreconditionFailed),
                                QStringLiteral("PRECONDITION_FAILED - source and destination are the same queue"));
    Outcome outcome;
    LoopbackClient *c = client(vhost, &outcome);
    if (!c)
        return outcome;
    const CallResult target = c->call(amqp::QueueDeclare{0, utf8(to), true, false, false, false, false, {}});
    if (!target.ok())
        return failed(target);
    const model::Queue *source = context_.vhost(utf8(vhost))->findQueue(utf8(from));
    if (!source)
        return notFound(QStringLiteral("queue '%1' in vhost '%2'").arg(from, vhost));
    // Only what is there now: messages arriving meanwhile stay, so this always ends.
    for (qint64 left = source->readyCount(); left > 0; --left) {
        const CallResult got = c->call(amqp::BasicGet{0, utf8(from), false});
        const ReceivedMethod *ok = got.find(amqp::BasicGetOk::id);
        if (!got.ok() || !ok)
            return got.ok() ? outcome : failed(got);
        const amqp::BasicGetOk m = *ok->as<amqp::BasicGetOk>();
        const CallResult put =
            c->publish(amqp::BasicPublish{0, {}, utf8(to), false, false}, ok->properties, ok->body);
        if (!put.ok())
            return failed(put);   // the unacknowledged message went back with the channel
        c->call(amqp::BasicAck{m.deliveryTag, false});
        ++outcome.count;
    }
    return outcome;
}

RouteAnswer ManagementService::explainRoute(const RouteQuestion &q)
{
    RouteAnswer answer;
    const model::VHost *host = context_.vhost(utf8(q.vhost));
    const model::Exchange *x = host ? host->findExchange(utf8(q.exchange)) : nullptr;
    if (!x) {
        answer.outcome = notFound(QStringLiteral("exchange '%1' in vhost '%2'").arg(q.exchange, q.vhost));
        return answer;
    }
    model::RoutingInput input;
    input.routingKey = utf8(q.routingKey);
    input.headers = &q.headers;
    std::optional<model::ProposedBinding> proposed;
    if (q.proposed)
        proposed = model::ProposedBinding{utf8(q.proposed->source), utf8(q.proposed->destination),
                                          q.proposed->toExchange, utf8(q.proposed->routingKey), q.proposed->arguments};
    answer.explanation = model::explainRoute(*host, *x, input, proposed ? &*proposed : nullptr);
    answer.queuesWithoutProposed =
        proposed ? model::explainRoute(*host, *x, input).queues : answer.explanation.queues;
    return answer;
}

Outcome ManagementService::setFirehose(const QString &vhost, bool on)
{
    model::VHost *host = context_.vhost(utf8(vhost));
    if (!host)
        return notFound(QStringLiteral("vhost '%1'").arg(vhost));
    host->setFirehose(on);
    return {};
}

namespace {
// The queue named, or (empty name) none: the whole virtual host; `error` when either is missing.
model::VHost *stepTarget(server::ServerContext &context, const QString &vhost, const QString &queue,
                         model::Queue **found, Outcome *error)
{
    model::VHost *host = context.vhost(utf8(vhost));
    *found = host && !queue.isEmpty() ? host->findQueue(utf8(queue)) : nullptr;
    if (!host)
        *error = notFound(QStringLiteral("vhost '%1'").arg(vhost));
    else if (!queue.isEmpty() && !*found)
        *error = notFound(QStringLiteral("queue '%1' in vhost '%2'").arg(queue, vhost));
    return error->ok() ? host : nullptr;
}
} // namespace

Outcome ManagementService::pauseDeliveries(const QString &vhost, const QString &queue)
{
    return setDeliveriesPaused(vhost, queue, true);
}

Outcome ManagementService::resumeDeliveries(const QString &vhost, const QString &queue)
{
    return setDeliveriesPaused(vhost, queue, false);
}

Outcome ManagementService::setDeliveriesPaused(const QString &vhost, const QString &queue, bool paused)
{
    Outcome outcome;
    model::Queue *q = nullptr;
    if (model::VHost *host = stepTarget(context_, vhost, queue, &q, &outcome)) {
        if (!q)
            host->setDeliveriesPaused(paused);
        else if (paused)
            q->pause();
        else
            q->resume();
    }
    return outcome;
}

StepResult ManagementService::stepDelivery(const QString &vhost, const QString &queue)
{
    StepResult result;
    model::Queue *q = nullptr;
    if (model::VHost *host = stepTarget(context_, vhost, queue, &q, &result.outcome)) {
        const bool wholeVHost = q == nullptr;
        model::Queue *released = wholeVHost ? host->stepOldest() : (q->step() ? q : nullptr);
        result.queue = released ? QString::fromUtf8(released->name()) : QString();
        if (!wholeVHost) {
            result.waiting = q->readyCount();
        } else {
            for (const auto &each : host->queues())
                result.waiting += each->isPaused() ? each->readyCount() : 0;
        }
    }
    context_.persistChanges();   // a delivery of a persistent message is journalled
    return result;
}

void ManagementService::resumeAllDeliveries()
{
    for (const auto &host : context_.vhosts()) {
        host->setDeliveriesPaused(false);
        for (const auto &q : host->queues())
            q->resume();
    }
}

Outcome ManagementService::closeConnection(quint64 id, const QString &reason)
{
    for (server::Connection *c : context_.connections()) {
        if (c->id() == id && !c->peer().internal) {
            c->closeByServer(ReplyCode::ConnectionForced, utf8(reason));
            return {};
        }
    }
    return notFound(QStringLiteral("connection %1").arg(id));
}

void ManagementService::topologyChanged()
{
    context_.durableTopologyChanged();
    context_.saveTopologyIfChanged();
}

Outcome ManagementService::addVHost(const QString &name)
{
    if (name.isEmpty() || !fitsShortString(name))
        return Outcome::failure(int(ReplyCode::PreconditionFailed), QStringLiteral("invalid vhost name"));
    context_.addVHost(utf8(name));
    topologyChanged();
    return {};
}

Outcome ManagementService::deleteVHost(const QString &name)
{
    if (!context_.vhost(utf8(name)))
        return notFound(QStringLiteral("vhost '%1'").arg(name));
    clients_.remove(utf8(name));
    context_.removeVHost(utf8(name));
    topologyChanged();
    return {};
}

Outcome ManagementService::addUser(const QString &name, const QString &password, const QStringList &tags)
{
    if (name.isEmpty())
        return Outcome::failure(int(ReplyCode::PreconditionFailed), QStringLiteral("a user needs a name"));
    context_.users.addUser(utf8(name), utf8(password), tags);
    topologyChanged();
    return {};
}

Outcome ManagementService::deleteUser(const QString &name)
{
    if (!context_.users.find(utf8(name)))
        return notFound(QStringLiteral("user '%1'").arg(name));
    context_.users.removeUser(utf8(name));
    topologyChanged();
    return {};
}

Outcome ManagementService::setPermission(const PermissionSpec &spec)
{
    if (!context_.users.find(utf8(spec.user)))
        return notFound(QStringLiteral("user '%1'").arg(spec.user));
    if (!context_.vhost(utf8(spec.vhost)))
        return notFound(QStringLiteral("vhost '%1'").arg(spec.vhost));
    for (const QString &pattern : {spec.configure, spec.write, spec.read}) {
        if (const QString error = auth::VHostPermissions::patternError(utf8(pattern)); !error.isEmpty())
            return Outcome::failure(int(ReplyCode::PreconditionFailed),
                                    QStringLiteral("regular expression '%1' is invalid: %2").arg(pattern, error));
    }
    context_.users.setPermission(utf8(spec.user), utf8(spec.vhost),
                                 auth::VHostPermissions(utf8(spec.configure), utf8(spec.write), utf8(spec.read)));
    topologyChanged();
    return {};
}

Outcome ManagementService::clearPermission(const QString &user, const QString &vhost)
{
    if (!context_.users.mayOpenVHost(utf8(user), utf8(vhost)))
        return notFound(QStringLiteral("permissions of user '%1' in vhost '%2'").arg(user, vhost));
    context_.users.clearPermission(utf8(user), utf8(vhost));
    topologyChanged();
    return {};
}

} // namespace warren::management
