#include "PythonExport.h"

#include "lesson/PythonClientScripts.h"
#include "lesson/PythonSource.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <optional>

namespace warren::lesson {

namespace {

using namespace python;

const QString kTopologyFile = QStringLiteral("setup_topology.py");
const QString kDefinitionsFile = QStringLiteral("definitions.json");
const QString kReadmeFile = QStringLiteral("README.txt");
// What AMQP declares; the rest of a definitions fragment goes to definitions.json.
const QStringList kAmqpParts = {QStringLiteral("exchanges"), QStringLiteral("queues"), QStringLiteral("bindings")};

// ---- the topology ------------------------------------------------------------------------

QString exchangeComment(const QString &type)
{
    if (type == QLatin1String("direct"))
        return QStringLiteral("# A direct exchange: to the queues bound with exactly the message's routing key.");
    if (type == QLatin1String("fanout"))
        return QStringLiteral("# A fanout exchange: to every bound queue, whatever the routing key.");
    if (type == QLatin1String("topic"))
        return QStringLiteral("# A topic exchange: to the queues whose binding pattern matches the key (* one word, # any).");
    if (type == QLatin1String("headers"))
        return QStringLiteral("# A headers exchange: by the message's headers, not its routing key.");
    return QStringLiteral("# An exchange of type ") + py(type) + QLatin1Char('.');
}

// `, arguments={…}` when there are arguments.
QString argumentsOf(const QJsonObject &o, QJsonObject arguments = {})
{
    const QJsonObject given = o[QLatin1String("arguments")].toObject();
    for (auto it = given.begin(); it != given.end(); ++it)
        arguments.insert(it.key(), it.value());
    return arguments.isEmpty() ? QString() : QStringLiteral(", arguments=") + pyValue(arguments);
}

QString flag(const QJsonObject &o, const char *key)
{
    return o[QLatin1String(key)].toBool() ? QStringLiteral(", ") + QLatin1String(key) + QStringLiteral("=True") : QString();
}

QStringList exchangeLines(const QJsonObject &x)
{
    const QString type = x[QLatin1String("type")].toString(QStringLiteral("direct"));
    return {exchangeComment(type),
            QStringLiteral("channel.exchange_declare(exchange=%1, exchange_type=%2, durable=%3")
                    .arg(py(x[QLatin1String("name")].toString()), py(type), pyBool(x[QLatin1String("durable")].toBool()))
                + flag(x, "auto_delete") + flag(x, "internal") + argumentsOf(x) + QLatin1Char(')')};
}

QStringList queueLines(const QJsonObject &q)
{
    // A definitions file names a queue's type beside its arguments; AMQP only in them.
    QJsonObject typeArgument;
    const QString type = q[QLatin1String("type")].toString();
    if (!type.isEmpty() && type != QLatin1String("classic"))
        typeArgument.insert(QStringLiteral("x-queue-type"), type);
    return {QStringLiteral("channel.queue_declare(queue=%1, durable=%2")
                .arg(py(q[QLatin1String("name")].toString()), pyBool(q[QLatin1String("durable")].toBool()))
            + flag(q, "auto_delete") + argumentsOf(q, typeArgument) + QLatin1Char(')')};
}

QStringList bindingLines(const QJsonObject &b)
{
    const QString source = b[QLatin1String("source")].toString();
    const QString destination = b[QLatin1String("destination")].toString();
    const QString key = py(b[QLatin1String("routing_key")].toString());
    if (source.isEmpty())
        return {QStringLiteral("# (the default exchange's bindings are implicit: nothing to declare for ") + py(destination) + QLatin1Char(')')};
    if (b[QLatin1String("destination_type")].toString() == QLatin1String("exchange")) {
        return {QStringLiteral("channel.exchange_bind(destination=%1, source=%2, routing_key=%3")
                    .arg(py(destination), py(source), key) + argumentsOf(b) + QLatin1Char(')')};
    }
    return {QStringLiteral("channel.queue_bind(queue=%1, exchange=%2, routing_key=%3")
                .arg(py(destination), py(source), key) + argumentsOf(b) + QLatin1Char(')')};
}

// Each virtual host's declarations, exchanges first, then queues, then bindings.
QMap<QString, QStringList> declarationsByVhost(const QJsonObject &topology)
{
    QMap<QString, QStringList> byVhost;
    const auto add = [&](const char *part, QStringList (*lines)(const QJsonObject &)) {
        for (const QJsonValue &v : topology[QLatin1String(part)].toArray())
            byVhost[v[QLatin1String("vhost")].toString(QStringLiteral("/"))] += lines(v.toObject());
    };
    add("exchanges", exchangeLines);
    add("queues", queueLines);
    add("bindings", bindingLines);
    return byVhost;
}

QString fileForName(const QString &clientName)
{
    QString name = clientName;
    for (QChar &c : name) {
        const bool plain = (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_') || c == QLatin1Char('.')
            || c == QLatin1Char('-');
        if (!plain)
            c = QLatin1Char('_');
    }
    if (name.isEmpty())
        name = QStringLiteral("client");
    return name.endsWith(QLatin1String(".py")) ? name : name + QStringLiteral(".py");
}

// ---- README ------------------------------------------------------------------------------

QString actionText(const Action &a, const QMap<QString, QString> &files, const Scenario &s)
{
    const QString file = files.value(a.client);
    const ClientDefinition *client = s.client(a.client);
    const QString where = a.queue.isEmpty() ? QStringLiteral("of the virtual host '%1'").arg(a.vhost)
                                            : QStringLiteral("of the queue '%1' (virtual host '%2')").arg(a.queue, a.vhost);
    switch (a.kind) {
    case Action::Kind::Start:
        if (client && client->isProducer()) {
            const int count = std::get<sim::ProducerSpec>(client->spec).burst;
            return QStringLiteral("python3 %1    (sends %2 message(s), then exits)").arg(file, QString::number(count));
        }
        return QStringLiteral("python3 %1    (in a terminal of its own: it keeps waiting for messages)").arg(file);
    case Action::Kind::Stop: return QStringLiteral("stop %1: CTRL+C in its terminal").arg(file);
    case Action::Kind::Crash: return QStringLiteral("kill %1 without a goodbye: kill -9 its process").arg(file);
    case Action::Kind::Restart: return QStringLiteral("stop %1 (CTRL+C) and run it again: python3 %1").arg(file);
    case Action::Kind::Wait: return QStringLiteral("wait %1 s").arg(QString::number(a.ms / 1000.0));
    case Action::Kind::RestartBroker:
        return QStringLiteral("restart the broker (RabbitMQ: sudo systemctl restart rabbitmq-server; Warren: quit it "
                              "and start it again)");
    case Action::Kind::Pause: return QStringLiteral("in Warren's explorer, pause the deliveries ") + where;
    case Action::Kind::Step: return QStringLiteral("in Warren's explorer, let one message through ") + where;
    case Action::Kind::Resume: return QStringLiteral("in Warren's explorer, resume the deliveries ") + where;
    }
    return {};
}

QStringList readmeSetup(const Scenario &s)
{
    QStringList lines;
    if (!PythonExport::definitionsFile(s).isEmpty()) {
        lines += {QStringLiteral("  rabbitmqctl import_definitions ") + kDefinitionsFile,
                  QStringLiteral("      (virtual hosts, users, permissions: AMQP cannot declare them; on Warren,"),
                  QStringLiteral("      start it with: warren --import ") + kDefinitionsFile + QLatin1Char(')')};
    }
    if (!declarationsByVhost(s.topology).isEmpty())
        lines.append(QStringLiteral("  python3 ") + kTopologyFile + QStringLiteral("    (the exchanges, queues and bindings)"));
    if (lines.isEmpty())
        return {};
    return QStringList{QStringLiteral("Before the first step:")} + lines + QStringList{QString()};
}

QString readme(const Scenario &s, const QString &url, const QMap<QString, QString> &files)
{
    const QString title = QStringLiteral("Warren's lesson \"%1\" (%2) as Python scripts").arg(s.title.en, s.name);
    QStringList lines{title, QString(title.size(), QLatin1Char('=')), QString()};
    lines += wrapped(s.goal.en, QString());
    lines.append(QString());
    lines += wrapped(QStringLiteral("Each script is one of the lesson's clients, written with pika (on Debian: apt install "
                                    "python3-pika; elsewhere: pip install pika). They connect to %1: edit the URL near "
                                    "the top of a script for another broker. A consumer takes --count N to exit after N "
                                    "messages.").arg(url),
                     QString());
    lines += {QString(), QStringLiteral("Run them in this order, each in a terminal of its own:"), QString()};
    lines += readmeSetup(s);
    for (int i = 0; i < s.steps.size(); ++i) {
        lines += wrapped(QStringLiteral("Step %1. ").arg(i + 1) + s.steps[i].say.en, QString());
        for (const Action &a : s.steps[i].actions)
            lines.append(QStringLiteral("  ") + actionText(a, files, s));
        lines.append(QString());
    }
    return lines.join(QLatin1Char('\n'));
}

bool writeFile(const QString &path, const QString &text, bool executable, QString *error)
{
    QSaveFile file(path);
    const bool written = file.open(QIODevice::WriteOnly) && file.write(text.toUtf8()) >= 0 && file.commit();
    const QFile::Permissions rwxr_xr_x = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
        | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther;
    if (written && (!executable || QFile::setPermissions(path, rwxr_xr_x)))
        return true;
    if (error)
        *error = QStringLiteral("cannot write %1: %2").arg(path, written ? QStringLiteral("cannot make it executable") : file.errorString());
    return false;
}

} // namespace

QString PythonExport::fileName(const QString &clientName)
{
    return fileForName(clientName);
}

QMap<QString, QString> PythonExport::fileNames(const Scenario &s)
{
    QMap<QString, QString> files;
    QSet<QString> taken{kTopologyFile};
    for (const ClientDefinition &c : s.clients) {
        const QString base = fileName(c.name);
        QString file = base;
        for (int n = 2; taken.contains(file); ++n)
            file = base.chopped(3) + QStringLiteral("_%1.py").arg(n);
        taken.insert(file);
        files.insert(c.name, file);
    }
    return files;
}

QString PythonExport::clientScript(const Scenario &s, const QString &clientName, const QString &url)
{
    const ClientDefinition *c = s.client(clientName);
    if (!c)
        return {};
    const QString file = fileNames(s).value(clientName);
    const QString clientUrl = c->urlOn(url);
    if (const auto *p = std::get_if<sim::ProducerSpec>(&c->spec))
        return producerScript(s, *c, *p, clientUrl, file);
    return consumerScript(s, *c, std::get<sim::ConsumerSpec>(c->spec), clientUrl, file);
}

QString PythonExport::topologyScript(const Scenario &s, const QString &url)
{
    const QMap<QString, QStringList> byVhost = declarationsByVhost(s.topology);
    if (byVhost.isEmpty())
        return {};
    QStringList lines = docstring(s, kTopologyFile + QStringLiteral(": the exchanges, queues and bindings"),
                                  QStringLiteral("python3 ") + kTopologyFile + QStringLiteral(", once, before the other scripts"));
    lines += {QStringLiteral("import pika"), QString()};
    if (!definitionsFile(s).isEmpty()) {
        lines += {QStringLiteral("# Virtual hosts, users and permissions cannot be declared over AMQP: import them first"),
                  QStringLiteral("# with `rabbitmqctl import_definitions ") + kDefinitionsFile
                      + QStringLiteral("` (the file beside this one)."),
                  QString()};
    }
    lines += {QString(), QStringLiteral("def open_channel(url):"),
              QStringLiteral("    \"\"\"A new connection to url (one per virtual host), and a channel on it.\"\"\""),
              QStringLiteral("    parameters = pika.URLParameters(url)"),
              QStringLiteral("    parameters.client_properties = {'connection_name': ") + py(kTopologyFile) + QLatin1Char('}'),
              QStringLiteral("    connection = pika.BlockingConnection(parameters)"),
              QStringLiteral("    return connection, connection.channel()"), QString(), QString(),
              QStringLiteral("# Declaring is idempotent: running this again changes nothing. Exchanges first, then"),
              QStringLiteral("# queues, then the bindings between them.")};
    const ClientDefinition asTheUrlSays;   // its user and password leave the URL's
    for (auto it = byVhost.begin(); it != byVhost.end(); ++it) {
        const QString vhostUrl = urlWith(url, asTheUrlSays.user, asTheUrlSays.password, it.key());
        lines += {QString(), QStringLiteral("# The virtual host ") + py(it.key()),
                  QStringLiteral("connection, channel = open_channel(") + py(vhostUrl) + QLatin1Char(')')};
        lines += it.value();
        lines.append(QStringLiteral("connection.close()"));
    }
    lines += {QString(), QStringLiteral("print(\" [x] Topology declared\")")};
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString PythonExport::definitionsFile(const Scenario &s)
{
    QJsonObject rest = s.topology;
    for (const QString &part : kAmqpParts)
        rest.remove(part);
    return rest.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(rest).toJson(QJsonDocument::Indented));
}

QMap<QString, QString> PythonExport::scripts(const Scenario &s, const QString &url)
{
    const QMap<QString, QString> files = fileNames(s);
    QMap<QString, QString> out;
    for (const ClientDefinition &c : s.clients)
        out.insert(files.value(c.name), clientScript(s, c.name, url));
    if (const QString topology = topologyScript(s, url); !topology.isEmpty())
        out.insert(kTopologyFile, topology);
    if (const QString definitions = definitionsFile(s); !definitions.isEmpty())
        out.insert(kDefinitionsFile, definitions);
    out.insert(kReadmeFile, readme(s, url, files) + QLatin1Char('\n'));
    return out;
}

bool PythonExport::write(const Scenario &s, const QString &url, const QString &directory, QString *error)
{
    if (!QDir().mkpath(directory)) {
        if (error)
            *error = QStringLiteral("cannot create the directory %1").arg(directory);
        return false;
    }
    const QMap<QString, QString> files = scripts(s, url);
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (!writeFile(QDir(directory).filePath(it.key()), it.value(), it.key().endsWith(QLatin1String(".py")), error))
            return false;
    }
    return true;
}

} // namespace warren::lesson
