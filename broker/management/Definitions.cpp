#include "Definitions.h"

#include "auth/PermissionJson.h"
#include "protocol/FieldJson.h"
#include "server/ServerContext.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>
#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace warren::management {

namespace {

// The RabbitMQ release whose format the export follows. RabbitMQ's import only reports it;
// Warren's own version goes in product_version.
constexpr auto kRabbitVersion = "3.10.8"_L1;

QString text(const QByteArray &bytes) { return QString::fromUtf8(bytes); }

template <class T> std::vector<const T *> sortedByName(const QHash<QByteArray, std::shared_ptr<T>> &items)
{
    std::vector<const T *> out;
    for (const auto &item : items)
        out.push_back(item.get());
    std::sort(out.begin(), out.end(), [](const T *a, const T *b) { return a->name() < b->name(); });
    return out;
}

QList<auth::User> sortedUsers(const auth::UserDatabase &users)
{
    QList<auth::User> list = users.users();
    std::sort(list.begin(), list.end(), [](const auth::User &a, const auth::User &b) { return a.name < b.name; });
    return list;
}

QJsonArray usersJson(const auth::UserDatabase &users)
{
    QJsonArray out;
    for (const auth::User &u : sortedUsers(users)) {
        out.append(QJsonObject{{u"name"_s, text(u.name)},
                               {u"password_hash"_s, QString::fromLatin1((u.salt + u.passwordHash).toBase64())},
                               {u"hashing_algorithm"_s, QLatin1StringView(kPasswordHashing)},
                               {u"tags"_s, QJsonArray::fromStringList(u.tags)},
                               {u"limits"_s, QJsonObject()}});
    }
    return out;
}

QJsonArray vhostsJson(const server::ServerContext &context)
{
    QJsonArray out;
    for (const model::VHost *v : sortedByName(context.vhosts())) {
        // Warren keeps no descriptions; "/" gets RabbitMQ's, so that a round trip keeps it.
        const QString description = v->name() == "/" ? u"Default virtual host"_s : QString();
        out.append(QJsonObject{{u"name"_s, text(v->name())},
                               {u"limits"_s, QJsonArray()},
                               {u"metadata"_s, QJsonObject{{u"description"_s, description}, {u"tags"_s, QJsonArray()}}}});
    }
    return out;
}

// As RabbitMQ: every queue but the exclusive ones, which die with their connection.
QJsonArray queuesJson(const model::VHost &vhost)
{
    QJsonArray out;
    for (const model::Queue *q : sortedByName(vhost.queues())) {
        if (q->isExclusive())
            continue;
        out.append(QJsonObject{{u"name"_s, text(q->name())},
                               {u"vhost"_s, text(vhost.name())},
                               {u"type"_s, q->policy().type == model::QueueType::Quorum ? u"quorum"_s : u"classic"_s},
                               {u"durable"_s, q->isDurable()},
                               {u"auto_delete"_s, q->isAutoDelete()},
                               {u"arguments"_s, amqp::fieldTableToJson(q->options().arguments)}});
    }
    return out;
}

// As RabbitMQ: not the predefined amq.* ones. Internal exchanges are written too (RabbitMQ
// leaves them out but writes their bindings, which then fail to import).
QJsonArray exchangesJson(const model::VHost &vhost)
{
    QJsonArray out;
    for (const model::Exchange *x : sortedByName(vhost.exchanges())) {
        if (x->name().startsWith("amq."))
            continue;
        const model::ExchangeOptions &o = x->options();
        out.append(QJsonObject{{u"name"_s, text(x->name())},
                               {u"vhost"_s, text(vhost.name())},
                               {u"type"_s, QLatin1StringView(x->typeName())},
                               {u"durable"_s, o.durable},
                               {u"auto_delete"_s, o.autoDelete},
                               {u"internal"_s, o.internal},
                               {u"arguments"_s, amqp::fieldTableToJson(o.arguments)}});
    }
    return out;
}

// Bindings from every exchange but the default one (whose bindings are implicit), except
// those to exclusive queues, which are not exported.
QJsonArray bindingsJson(const model::VHost &vhost)
{
    QJsonArray out;
    for (const model::Exchange *x : sortedByName(vhost.exchanges())) {
        for (const model::Binding &b : x->bindings()) {
            const model::Queue *queue = b.destination.queue;
            if (queue && queue->isExclusive())
                continue;
            out.append(QJsonObject{{u"source"_s, text(x->name())},
                                   {u"vhost"_s, text(vhost.name())},
                                   {u"destination"_s, text(queue ? queue->name() : b.destination.exchange->name())},
                                   {u"destination_type"_s, queue ? u"queue"_s : u"exchange"_s},
                                   {u"routing_key"_s, text(b.routingKey)},
                                   {u"arguments"_s, amqp::fieldTableToJson(b.arguments)}});
        }
    }
    return out;
}

// The same list for every vhost, one after the other.
QJsonArray perVHost(const server::ServerContext &context, QJsonArray (*list)(const model::VHost &))
{
    QJsonArray out;
    for (const model::VHost *v : sortedByName(context.vhosts())) {
        for (const QJsonValue &item : list(*v))
            out.append(item);
    }
    return out;
}

} // namespace

QJsonObject exportDefinitions(const server::ServerContext &context)
{
    return {{u"rabbit_version"_s, kRabbitVersion},
            {u"rabbitmq_version"_s, kRabbitVersion},
            {u"product_name"_s, u"Warren"_s},
            {u"product_version"_s, QStringLiteral(WARREN_VERSION)},
            {u"users"_s, usersJson(context.users)},
            {u"vhosts"_s, vhostsJson(context)},
            {u"permissions"_s, auth::permissionsToJson(context.users.permissions())},
            {u"topic_permissions"_s, QJsonArray()},
            {u"parameters"_s, QJsonArray()},
            {u"global_parameters"_s, QJsonArray()},
            {u"policies"_s, QJsonArray()},
            {u"queues"_s, perVHost(context, queuesJson)},
            {u"exchanges"_s, perVHost(context, exchangesJson)},
            {u"bindings"_s, perVHost(context, bindingsJson)}};
}

QString ImportReport::toText() const
{
    QStringList lines{QStringLiteral("Imported definitions: %1 vhosts, %2 users, %3 permissions, %4 exchanges, "
                                     "%5 queues, %6 bindings created; %7 warnings, %8 errors.")
                          .arg(vhosts).arg(users).arg(permissions).arg(exchanges).arg(queues).arg(bindings)
                          .arg(warnings.size()).arg(errors.size())};
    for (const QString &w : warnings)
        lines.append(u"warning: "_s + w);
    for (const QString &e : errors)
        lines.append(u"error: "_s + e);
    return lines.join(u'\n');
}

bool writeDefinitionsFile(const QJsonObject &definitions, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(definitions).toJson()) < 0 || !file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

std::optional<QJsonObject> readDefinitionsFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parse);
    if (parse.error != QJsonParseError::NoError) {
        *error = QStringLiteral("%1 is not valid JSON: %2 at offset %3").arg(path, parse.errorString()).arg(parse.offset);
        return std::nullopt;
    }
    if (!document.isObject()) {
        *error = QStringLiteral("%1 is not a definitions file: the JSON is not an object").arg(path);
        return std::nullopt;
    }
    return document.object();
}

} // namespace warren::management
