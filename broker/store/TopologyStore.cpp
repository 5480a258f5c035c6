#include "TopologyStore.h"

#include "FieldTableJson.h"
#include "auth/PermissionJson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include "PrivateFiles.h"

#include <QSaveFile>
#include <QStringList>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace warren::store {

namespace {

QString text(const QByteArray &bytes) { return QString::fromUtf8(bytes); }
QByteArray bytes(const QJsonValue &v) { return v.toString().toUtf8(); }

bool isPredefined(const model::Exchange &x) { return x.name().startsWith("amq."); }

QJsonObject exchangeJson(const QByteArray &vhost, const model::Exchange &x)
{
    const model::ExchangeOptions &o = x.options();
    return {{u"vhost"_s, text(vhost)},         {u"name"_s, text(x.name())},
            {u"type"_s, QString::fromLatin1(x.typeName())},         {u"auto_delete"_s, o.autoDelete},
            {u"internal"_s, o.internal},       {u"arguments"_s, tableToJson(o.arguments)}};
}

QJsonObject queueJson(const QByteArray &vhost, const model::Queue &q)
{
    return {{u"vhost"_s, text(vhost)},
            {u"name"_s, text(q.name())},
            {u"id"_s, QString::number(q.id())},
            {u"auto_delete"_s, q.isAutoDelete()},
            {u"arguments"_s, tableToJson(q.options().arguments)}};
}

QJsonObject bindingJson(const QByteArray &vhost, const model::Exchange &source, const model::Binding &b)
{
    const bool toQueue = b.destination.queue != nullptr;
    return {{u"vhost"_s, text(vhost)},
            {u"source"_s, text(source.name())},
            {u"destination"_s, text(toQueue ? b.destination.queue->name() : b.destination.exchange->name())},
            {u"destination_type"_s, toQueue ? u"queue"_s : u"exchange"_s},
            {u"routing_key"_s, text(b.routingKey)},
            {u"arguments"_s, tableToJson(b.arguments)}};
}

void restoreQueue(model::VHost &vhost, const QJsonObject &q)
{
    model::QueueOptions options;
    options.durable = true;
    options.autoDelete = q.value(u"auto_delete"_s).toBool();
    options.arguments = tableFromJson(q.value(u"arguments"_s).toObject());
    // Validated when first declared; parsing again only rebuilds the policy.
    options.policy = model::parseQueuePolicy(options.arguments, true, false, options.autoDelete, {}).policy.value_or(
        model::QueuePolicy{});
    vhost.addQueue(bytes(q.value(u"name"_s)), std::move(options), q.value(u"id"_s).toString().toULongLong());
}

void restoreBinding(model::VHost &vhost, const QJsonObject &b)
{
    model::Exchange *source = vhost.findExchange(bytes(b.value(u"source"_s)));
    const QByteArray destination = bytes(b.value(u"destination"_s));
    model::Destination to;
    if (b.value(u"destination_type"_s).toString() == QLatin1String("queue"))
        to.queue = vhost.findQueue(destination);
    else
        to.exchange = vhost.findExchange(destination);
    if (source && (to.queue || to.exchange))
        source->bind(model::Binding{to, bytes(b.value(u"routing_key"_s)), tableFromJson(b.value(u"arguments"_s).toObject())});
}

QJsonObject userJson(const auth::User &u)
{
    return {{u"name"_s, text(u.name)},
            {u"salt"_s, QString::fromLatin1(u.salt.toBase64())},
            {u"password_hash"_s, QString::fromLatin1(u.passwordHash.toBase64())},
            {u"tags"_s, QJsonArray::fromStringList(u.tags)}};
}

auth::User userFromJson(const QJsonObject &json)
{
    auth::User u;
    u.name = bytes(json.value(u"name"_s));
    u.salt = QByteArray::fromBase64(json.value(u"salt"_s).toString().toLatin1());
    u.passwordHash = QByteArray::fromBase64(json.value(u"password_hash"_s).toString().toLatin1());
    for (const QJsonValue &tag : json.value(u"tags"_s).toArray())
        u.tags.append(tag.toString());
    return u;
}

QJsonArray usersJson(const auth::UserDatabase &users)
{
    QList<auth::User> list = users.users();
    std::sort(list.begin(), list.end(), [](const auth::User &a, const auth::User &b) { return a.name < b.name; });
    QJsonArray out;
    for (const auth::User &u : std::as_const(list))
        out.append(userJson(u));
    return out;
}

// Files from before permissions were patterns list, per user, the vhosts it may use: each
// was all or nothing, which is ".*" for the three.
QList<auth::PermissionTable::Entry> permissionsFromJson(const QJsonObject &root)
{
    QList<auth::PermissionTable::Entry> entries;
    if (!root.contains(u"permissions"_s)) {
        for (const QJsonValue &u : root.value(u"users"_s).toArray()) {
            for (const QJsonValue &vhost : u.toObject().value(u"vhosts"_s).toArray())
                entries.append({bytes(u.toObject().value(u"name"_s)), bytes(vhost), auth::VHostPermissions::all()});
        }
        return entries;
    }
    for (const QJsonValue &v : root.value(u"permissions"_s).toArray())
        entries.append(auth::permissionFromJson(v.toObject()));
    return entries;
}

void restoreUsers(auth::UserDatabase &users, const QJsonObject &root)
{
    QList<auth::User> list;
    for (const QJsonValue &v : root.value(u"users"_s).toArray())
        list.append(userFromJson(v.toObject()));
    users.restore(list, permissionsFromJson(root));
}

} // namespace

bool TopologyStore::save(const VHosts &vhosts, std::uint64_t nextQueueId, QString *error) const
{
    QJsonArray vhostList, exchanges, queues, bindings;
    for (const auto &vhost : vhosts) {
        vhostList.append(QJsonObject{{u"name"_s, text(vhost->name())}});
        for (const auto &x : vhost->exchanges()) {
            if (!x->options().durable)
                continue;
            if (!isPredefined(*x))
                exchanges.append(exchangeJson(vhost->name(), *x));
            for (const model::Binding &b : x->bindings()) {
                if (model::VHost::isDurable(b))
                    bindings.append(bindingJson(vhost->name(), *x, b));
            }
        }
        for (const auto &q : vhost->queues()) {
            if (q->isDurable())
                queues.append(queueJson(vhost->name(), *q));
        }
    }
    QJsonObject root{{u"format"_s, u"warren-topology-1"_s},
                     {u"next_queue_id"_s, QString::number(nextQueueId)},
                     {u"vhosts"_s, vhostList},
                     {u"exchanges"_s, exchanges},
                     {u"queues"_s, queues},
                     {u"bindings"_s, bindings}};
    if (users_ && !users_->isDefault()) {
        root.insert(u"users"_s, usersJson(*users_));
        root.insert(u"permissions"_s, auth::permissionsToJson(users_->permissions()));
    }
    QSaveFile file(path_);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(PrivateFiles::kFile)
        || file.write(QJsonDocument(root).toJson()) < 0 || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    // The commit renamed the new file over the old one: only the directory's own fsync makes
    // that rename survive a power cut.
    if (!PrivateFiles::syncDirectoryOf(path_)) {
        *error = QStringLiteral("cannot sync the directory of %1").arg(path_);
        return false;
    }
    return true;
}

bool TopologyStore::load(const std::function<model::VHost *(const QByteArray &)> &vhostFor,
                         std::uint64_t *nextQueueId, QString *error) const
{
    QFile file(path_);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return false;
    }
    QJsonParseError parse;
    const QJsonObject root = QJsonDocument::fromJson(file.readAll(), &parse).object();
    if (parse.error != QJsonParseError::NoError) {
        *error = path_ + QStringLiteral(": ") + parse.errorString();
        return false;
    }
    *nextQueueId = qMax(*nextQueueId, root.value(u"next_queue_id"_s).toString().toULongLong());
    for (const QJsonValue &v : root.value(u"vhosts"_s).toArray())
        vhostFor(bytes(v.toObject().value(u"name"_s)));
    for (const QJsonValue &v : root.value(u"exchanges"_s).toArray()) {
        const QJsonObject x = v.toObject();
        model::VHost *vhost = vhostFor(bytes(x.value(u"vhost"_s)));
        model::ExchangeOptions options{true, x.value(u"auto_delete"_s).toBool(), x.value(u"internal"_s).toBool(),
                                       tableFromJson(x.value(u"arguments"_s).toObject())};
        if (auto exchange = model::Exchange::create(bytes(x.value(u"name"_s)), bytes(x.value(u"type"_s)), options);
            exchange && !vhost->findExchange(exchange->name()))
            vhost->addExchange(std::move(exchange));
    }
    for (const QJsonValue &v : root.value(u"queues"_s).toArray())
        restoreQueue(*vhostFor(bytes(v.toObject().value(u"vhost"_s))), v.toObject());
    for (const QJsonValue &v : root.value(u"bindings"_s).toArray())
        restoreBinding(*vhostFor(bytes(v.toObject().value(u"vhost"_s))), v.toObject());
    if (users_ && root.contains(u"users"_s))
        restoreUsers(*users_, root);
    return true;
}

} // namespace warren::store
