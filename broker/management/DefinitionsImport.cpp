// importDefinitions: exchanges, queues and bindings are declared as a client would declare
// them (through the ManagementService's in-process AMQP client: the channel's checks and
// RabbitMQ's texts), and a refused object is reported without stopping the rest, unlike
// RabbitMQ, whose import stops at the first error.
#include "Definitions.h"

#include "auth/PermissionJson.h"
#include "protocol/FieldJson.h"
#include "ManagementService.h"
#include "server/ServerContext.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace warren::management {

namespace {

QByteArray utf8(const QJsonObject &o, QStringView key) { return o.value(key).toString().toUtf8(); }
QString text(const QByteArray &bytes) { return QString::fromUtf8(bytes); }

QByteArray describe(const char *kind, const QByteArray &name, const QByteArray &vhost)
{
    return QByteArray(kind) + " '" + name + "' in vhost '" + vhost + "'";
}

// RabbitMQ 3.10 writes a list; older versions a comma-separated string.
QStringList tagsOf(const QJsonValue &tags)
{
    QStringList items;
    if (tags.isArray()) {
        for (const QJsonValue &tag : tags.toArray())
            items.append(tag.toString());
    } else {
        items = tags.toString().split(u',');
    }
    QStringList out;
    for (const QString &tag : std::as_const(items)) {
        if (!tag.trimmed().isEmpty())
            out.append(tag.trimmed());
    }
    return out;
}

// Limits come as an object (users) or a list of pairs (vhosts); either way, none is empty.
bool hasLimits(const QJsonValue &limits)
{
    return (limits.isObject() && !limits.toObject().isEmpty()) || (limits.isArray() && !limits.toArray().isEmpty());
}

// "ttl (vhost 'dev')" for a policy or parameter, "bob on amq.topic (vhost '/')" for a topic permission.
QString entryName(const QJsonObject &entry)
{
    QString name = entry.contains(u"name"_s)
        ? entry.value(u"name"_s).toString()
        : entry.value(u"user"_s).toString() + u" on "_s + entry.value(u"exchange"_s).toString();
    if (entry.contains(u"component"_s))
        name = entry.value(u"component"_s).toString() + u' ' + name;
    if (entry.contains(u"vhost"_s))
        name += u" (vhost '"_s + entry.value(u"vhost"_s).toString() + u"')"_s;
    return name;
}

class Importer {
public:
    Importer(ManagementService &service, ImportReport &report)
        : service_(service), context_(service.context()), report_(report)
    {
    }

    void run(const QJsonObject &definitions)
    {
        warnAboutUnknownKeys(definitions);
        forEach(definitions, u"vhosts"_s, &Importer::vhost);
        forEach(definitions, u"users"_s, &Importer::user);
        forEach(definitions, u"permissions"_s, &Importer::permission);
        for (const QString &section : {u"topic_permissions"_s, u"parameters"_s, u"global_parameters"_s, u"policies"_s})
            unsupported(section, definitions.value(section).toArray());
        forEach(definitions, u"exchanges"_s, &Importer::exchange);
        forEach(definitions, u"queues"_s, &Importer::queue);
        forEach(definitions, u"bindings"_s, &Importer::binding);
    }

private:
    void forEach(const QJsonObject &definitions, const QString &section, void (Importer::*import)(const QJsonObject &))
    {
        const QJsonValue list = definitions.value(section);
        if (list.isUndefined())
            return;
        if (!list.isArray())
            return error(u"'%1' is not a list: section ignored"_s.arg(section));
        for (const QJsonValue &entry : list.toArray()) {
            if (entry.isObject())
                (this->*import)(entry.toObject());
            else
                error(u"an entry of '%1' is not an object: ignored"_s.arg(section));
        }
    }

    void warnAboutUnknownKeys(const QJsonObject &definitions)
    {
        static const QStringList known{
            u"rabbit_version"_s, u"rabbitmq_version"_s, u"product_name"_s, u"product_version"_s,
            u"users"_s, u"vhosts"_s, u"permissions"_s, u"topic_permissions"_s, u"parameters"_s,
            u"global_parameters"_s, u"policies"_s, u"queues"_s, u"exchanges"_s, u"bindings"_s};
        for (const QString &key : definitions.keys()) {
            if (!known.contains(key))
                warning(u"unknown section '%1': not imported"_s.arg(key));
        }
    }

    void unsupported(const QString &section, const QJsonArray &entries)
    {
        if (entries.isEmpty())
            return;
        QStringList names;
        for (const QJsonValue &entry : entries)
            names.append(entryName(entry.toObject()));
        warning(u"unsupported: Warren has no %1; not imported (%2): %3"_s.arg(section).arg(entries.size()).arg(
            names.join(u", "_s)));
    }

    void vhost(const QJsonObject &v)
    {
        const QByteArray name = utf8(v, u"name");
        if (name.isEmpty())
            return error(u"a virtual host without a name: ignored"_s);
        if (hasLimits(v.value(u"limits"_s)))
            warning(u"unsupported: the limits of vhost '%1' are not imported"_s.arg(text(name)));
        if (context_.vhost(name))
            return;
        context_.addVHost(name);
        ++report_.vhosts;
    }

    void user(const QJsonObject &u)
    {
        const QByteArray name = utf8(u, u"name");
        if (name.isEmpty())
            return error(u"a user without a name: ignored"_s);
        if (hasLimits(u.value(u"limits"_s)))
            warning(u"unsupported: the limits of user '%1' are not imported"_s.arg(text(name)));
        QByteArray salt, hash;
        if (!passwordOf(u, &salt, &hash))
            return;
        const QStringList tags = tagsOf(u.value(u"tags"_s));
        const auth::User *existing = context_.users.find(name);
        if (existing && existing->salt == salt && existing->passwordHash == hash && existing->tags == tags)
            return;
        if (existing)
            warning(u"user '%1' existed: its password and tags are replaced by the imported ones"_s.arg(text(name)));
        else
            ++report_.users;
        context_.users.addUserWithHash(name, salt, hash, tags);
    }

    // The stored salt and hash: from password_hash, or hashed here from a clear-text
    // "password" (which RabbitMQ accepts too). Neither: a user without a password.
    bool passwordOf(const QJsonObject &u, QByteArray *salt, QByteArray *hash)
    {
        const QString user = u.value(u"name"_s).toString();
        if (u.contains(u"password"_s) && !u.contains(u"password_hash"_s)) {
            *salt = auth::UserDatabase::newSalt();
            *hash = auth::UserDatabase::hashPassword(*salt, utf8(u, u"password"));
            return true;
        }
        // Missing: RabbitMQ since 3.6 takes its default, which is this one.
        const QString algorithm = u.value(u"hashing_algorithm"_s).toString(QLatin1StringView(kPasswordHashing));
        if (algorithm != QLatin1StringView(kPasswordHashing)) {
            error(u"user '%1' not imported: its password is hashed with %2, Warren knows only %3"_s.arg(
                user, algorithm, QLatin1StringView(kPasswordHashing)));
            return false;
        }
        const QByteArray::FromBase64Result decoded = QByteArray::fromBase64Encoding(u.value(u"password_hash"_s).toString().toLatin1(),
                                                            QByteArray::AbortOnBase64DecodingErrors);
        constexpr qsizetype kSaltSize = 4, kHashSize = 32;
        if (!decoded || (!decoded.decoded.isEmpty() && decoded.decoded.size() != kSaltSize + kHashSize)) {
            error(u"user '%1' not imported: its password_hash is not base64 of a 4-byte salt and a SHA-256 hash"_s.arg(
                user));
            return false;
        }
        *salt = decoded.decoded.left(kSaltSize);
        *hash = decoded.decoded.mid(kSaltSize);
        return true;
    }

    // Exactly as written: never wider, never narrower. Replacing a user's permissions on a
    // vhost is what RabbitMQ's import does too; the report says so.
    void permission(const QJsonObject &p)
    {
        const auth::PermissionTable::Entry entry = auth::permissionFromJson(p);
        const QString what = u"permissions of user '%1' in vhost '%2'"_s.arg(text(entry.user), text(entry.vhost));
        if (!context_.users.find(entry.user))
            return error(what + u" not imported: no such user"_s);
        if (!context_.vhost(entry.vhost))
            return error(what + u" not imported: no such vhost"_s);
        for (const auth::Access access : {auth::Access::Configure, auth::Access::Write, auth::Access::Read}) {
            const QByteArray pattern = entry.permissions.pattern(access);
            if (const QString problem = auth::VHostPermissions::patternError(pattern); !problem.isEmpty())
                return error(what + u" not imported: regular expression '%1' is invalid: %2"_s.arg(text(pattern), problem));
        }
        const auth::VHostPermissions *existing = context_.users.permissions().find(entry.user, entry.vhost);
        if (existing && *existing == entry.permissions)
            return;
        if (existing)
            warning(what + u" existed: they are replaced by the imported ones"_s);
        else
            ++report_.permissions;
        context_.users.setPermission(entry.user, entry.vhost, entry.permissions);
    }

    // Exchanges, queues and bindings are declared through the ManagementService, i.e. as a
    // client would declare them: the channel's own validation and equivalence checks, with
    // RabbitMQ's reply texts. Only what a declaration cannot say is checked here.
    void exchange(const QJsonObject &x)
    {
        const QByteArray name = utf8(x, u"name");
        model::VHost *vhost = vhostOf(x, u"exchange '%1'"_s.arg(text(name)));
        if (!vhost)
            return;
        const QByteArray what = describe("exchange", name, vhost->name());
        if (name.isEmpty())
            return error(u"the default exchange cannot be declared: ignored"_s);
        if (name.startsWith("amq."))   // as RabbitMQ: those are predefined
            return warning(text(what) + u" skipped: the amq.* exchanges are predefined"_s);
        const std::optional<amqp::FieldTable> arguments = argumentsOf(x, what);
        if (!arguments)
            return;
        const bool existed = vhost->findExchange(name);
        declared(what, existed, &report_.exchanges,
                 service_.declareExchange(ExchangeSpec{text(vhost->name()), text(name), x.value(u"type"_s).toString(),
                                                       x.value(u"durable"_s).toBool(),
                                                       x.value(u"auto_delete"_s).toBool(),
                                                       x.value(u"internal"_s).toBool(), *arguments}));
    }

    void queue(const QJsonObject &q)
    {
        const QByteArray name = utf8(q, u"name");
        model::VHost *vhost = vhostOf(q, u"queue '%1'"_s.arg(text(name)));
        if (!vhost)
            return;
        const QByteArray what = describe("queue", name, vhost->name());
        if (name.isEmpty())
            return error(u"a queue without a name in vhost '%1': ignored"_s.arg(text(vhost->name())));
        if (name.startsWith("amq."))   // as RabbitMQ: server-named queues are not recreated
            return warning(text(what) + u" skipped: the amq.* names are reserved"_s);
        const std::optional<amqp::FieldTable> arguments = argumentsOf(q, what);
        if (!arguments)
            return;
        const bool existed = vhost->findQueue(name);
        declared(what, existed, &report_.queues,
                 service_.declareQueue(QueueSpec{text(vhost->name()), text(name), q.value(u"durable"_s).toBool(), false,
                                                 q.value(u"auto_delete"_s).toBool(), *arguments}));
    }

    void binding(const QJsonObject &b)
    {
        const QByteArray source = utf8(b, u"source"), destination = utf8(b, u"destination");
        model::VHost *vhost = vhostOf(b, u"binding from '%1' to '%2'"_s.arg(text(source), text(destination)));
        if (!vhost)
            return;
        const QString type = b.value(u"destination_type"_s).toString();
        const QByteArray what = "binding from " + describe("exchange", source, vhost->name()) + " to "
            + type.toUtf8() + " '" + destination + "' with routing key '" + utf8(b, u"routing_key") + "'";
        const std::optional<amqp::FieldTable> arguments = argumentsOf(b, what);
        if (!arguments)
            return;
        if (type != u"queue"_s && type != u"exchange"_s)
            return error(text(what) + u" not imported: destination_type is neither queue nor exchange"_s);
        const BindingSpec spec{text(vhost->name()), text(source), text(destination), type == u"exchange"_s,
                               text(utf8(b, u"routing_key")), *arguments};
        const bool existed = bindingExists(*vhost, spec);
        declared(what, existed, &report_.bindings, service_.bind(spec));
    }

    static bool bindingExists(const model::VHost &vhost, const BindingSpec &spec)
    {
        const model::Exchange *from = vhost.findExchange(spec.source.toUtf8());
        const model::Destination to{spec.toExchange ? nullptr : vhost.findQueue(spec.destination.toUtf8()),
                                    spec.toExchange ? vhost.findExchange(spec.destination.toUtf8()) : nullptr};
        const model::Binding binding{to, spec.routingKey.toUtf8(), spec.arguments};
        return from && from->hasBinding(binding);
    }

    // A declaration's outcome: counted when it created something, reported when refused.
    void declared(const QByteArray &what, bool existed, int *created, const Outcome &outcome)
    {
        if (!outcome.ok())
            error(text(what) + u" not imported: "_s + outcome.text);
        else if (!existed)
            ++*created;
    }

    // The object's vhost, or nullptr after reporting that it does not exist.
    model::VHost *vhostOf(const QJsonObject &o, const QString &what)
    {
        const QByteArray name = utf8(o, u"vhost");
        model::VHost *vhost = context_.vhost(name);
        if (!vhost)
            error(u"%1 not imported: no vhost '%2'"_s.arg(what, text(name)));
        return vhost;
    }

    std::optional<amqp::FieldTable> argumentsOf(const QJsonObject &o, const QByteArray &what)
    {
        QString problem;
        std::optional<amqp::FieldTable> arguments = amqp::fieldTableFromJson(o.value(u"arguments"_s), &problem);
        if (!arguments)
            error(text(what) + u" not imported: "_s + problem);
        return arguments;
    }

    void warning(const QString &text) { report_.warnings.append(text); }
    void error(const QString &text) { report_.errors.append(text); }

    ManagementService &service_;
    server::ServerContext &context_;
    ImportReport &report_;
};

} // namespace

ImportReport importDefinitions(ManagementService &service, const QJsonObject &definitions)
{
    ImportReport report;
    Importer(service, report).run(definitions);
    server::ServerContext &context = service.context();
    // Users and vhosts are not part of the model's durable-change tracking: save in any case.
    context.durableTopologyChanged();
    context.saveTopologyIfChanged();
    return report;
}

} // namespace warren::management
