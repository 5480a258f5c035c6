#include "ScenarioReader.h"

#include "lesson/JsonPointer.h"
#include "lesson/JsonSchema.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

namespace warren::lesson {

namespace {

using Kind = Expectation::Kind;

const JsonSchema &scenarioSchema()
{
    static const JsonSchema schema = [] {
        QFile file(QStringLiteral(":/scenarios/scenario.schema.json"));
        file.open(QIODevice::ReadOnly);
        return JsonSchema::fromJson(QJsonDocument::fromJson(file.readAll()).object());
    }();
    return schema;
}

LocalizedText textOf(const QJsonValue &v)
{
    return LocalizedText{v[QLatin1String("en")].toString(), v[QLatin1String("zh_CN")].toString()};
}

template <class T> T pick(const QString &name, std::initializer_list<std::pair<const char *, T>> table)
{
    for (const auto &[text, value] : table) {
        if (name == QLatin1String(text))
            return value;
    }
    return table.begin()->second;   // the schema allows only the names above
}

sim::QueueDeclaration queueOf(const QJsonValue &v)
{
    sim::QueueDeclaration q;
    q.name = v[QLatin1String("name")].toString();
    q.declare = v[QLatin1String("declare")].toBool(true);
    q.durable = v[QLatin1String("durable")].toBool(false);
    q.bindingKey = v[QLatin1String("bindingKey")].toString();
    q.bind = v.toObject().contains(QLatin1String("bindingKey"));
    return q;
}

sim::ConsumerSpec consumerOf(const QJsonObject &o)
{
    sim::ConsumerSpec c;
    c.name = o[QLatin1String("name")].toString();
    c.queue = queueOf(o[QLatin1String("queue")]);
    c.ackMode = o[QLatin1String("ack")].toString() == QLatin1String("automatic") ? sim::AckMode::Automatic
                                                                              : sim::AckMode::Manual;
    c.prefetch = o[QLatin1String("prefetch")].toInt(0);
    c.processingMinMs = c.processingMaxMs = o[QLatin1String("processingMs")].toInt(100);
    c.outcome = pick<sim::Outcome>(o[QLatin1String("outcome")].toString(QStringLiteral("ack")),
                                   {{"ack", sim::Outcome::Ack},
                                    {"reject-requeue", sim::Outcome::RejectRequeue},
                                    {"nack-discard", sim::Outcome::NackDiscard},
                                    {"forget", sim::Outcome::Forget},
                                    {"crash-before-ack", sim::Outcome::CrashBeforeAck}});
    c.failAfter = o[QLatin1String("failAfter")].toInt(1);
    c.reply = o[QLatin1String("reply")].toBool(false);
    c.channels = o[QLatin1String("channels")].toInt(1);
    return c;
}

sim::ProducerSpec producerOf(const QJsonObject &o)
{
    sim::ProducerSpec p;
    p.name = o[QLatin1String("name")].toString();
    p.exchange = o[QLatin1String("exchange")].toString();
    p.queue = o.contains(QLatin1String("queue")) ? queueOf(o[QLatin1String("queue")]) : sim::QueueDeclaration{false};
    p.routingKey = o[QLatin1String("routingKey")].toString(p.queue.name);
    p.body = o[QLatin1String("body")].toString(QStringLiteral("Hello World!"));
    p.burstMode = true;
    p.burst = o[QLatin1String("count")].toInt(1);
    p.properties.persistent = o[QLatin1String("persistent")].toBool(false);
    p.properties.expiration = o[QLatin1String("expiration")].toString();
    p.properties.priority = o[QLatin1String("priority")].toInt(-1);
    p.mandatory = o[QLatin1String("mandatory")].toBool(false);
    p.confirms = o[QLatin1String("confirms")].toBool(false);
    p.awaitReplies = o[QLatin1String("awaitReplies")].toBool(false);
    return p;
}

ClientDefinition clientOf(const QJsonObject &o)
{
    ClientDefinition c;
    c.name = o[QLatin1String("name")].toString();
    const QJsonValue connection = o[QLatin1String("connection")];
    c.user = connection[QLatin1String("user")].toString(c.user);
    c.password = connection[QLatin1String("password")].toString(c.password);
    c.vhost = connection[QLatin1String("vhost")].toString(c.vhost);
    if (o[QLatin1String("role")].toString() == QLatin1String("producer"))
        c.spec = producerOf(o);
    else
        c.spec = consumerOf(o);
    return c;
}

Action actionOf(const QJsonObject &o)
{
    Action a;
    a.kind = pick<Action::Kind>(o[QLatin1String("action")].toString(),
                                {{"wait", Action::Kind::Wait},
                                 {"start", Action::Kind::Start},
                                 {"stop", Action::Kind::Stop},
                                 {"crash", Action::Kind::Crash},
                                 {"restart", Action::Kind::Restart},
                                 {"restart-broker", Action::Kind::RestartBroker},
                                 {"pause", Action::Kind::Pause},
                                 {"step", Action::Kind::Step},
                                 {"resume", Action::Kind::Resume}});
    a.client = o[QLatin1String("client")].toString();
    a.ms = o[QLatin1String("ms")].toInt();
    a.vhost = o[QLatin1String("vhost")].toString(a.vhost);
    a.queue = o[QLatin1String("queue")].toString();
    return a;
}

template <class T> std::optional<T> optionalOf(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o[QLatin1String(key)];
    if (v.isUndefined())
        return std::nullopt;
    if constexpr (std::is_same_v<T, bool>)
        return v.toBool();
    else
        return T(v.toInteger());
}

Expectation expectationOf(const QJsonObject &o)
{
    Expectation e;
    e.kind = pick<Kind>(o[QLatin1String("expect")].toString(),
                        {{"received", Kind::Received},
                         {"sent", Kind::Sent},
                         {"state", Kind::State},
                         {"queue", Kind::Queue},
                         {"routed", Kind::Routed},
                         {"returned", Kind::Returned},
                         {"unroutable", Kind::Unroutable},
                         {"dead-lettered", Kind::DeadLettered},
                         {"expired", Kind::Expired},
                         {"connection", Kind::Connection}});
    e.client = o[QLatin1String("client")].toString();
    e.vhost = o[QLatin1String("vhost")].toString(e.vhost);
    e.queue = o[QLatin1String("queue")].toString();
    e.exchange = o[QLatin1String("exchange")].toString();
    e.count = optionalOf<qint64>(o, "count");
    e.redelivered = optionalOf<qint64>(o, "redelivered");
    e.acked = optionalOf<qint64>(o, "acked");
    for (const QJsonValue &producer : o[QLatin1String("lastFrom")].toArray())
        e.lastFrom.append(producer.toString());
    e.counter = pick<Expectation::Counter>(o[QLatin1String("counter")].toString(),
                                           {{"published", Expectation::Counter::Published},
                                            {"confirmed", Expectation::Counter::Confirmed},
                                            {"nacked", Expectation::Counter::Nacked},
                                            {"returned", Expectation::Counter::Returned},
                                            {"replies", Expectation::Counter::Replies}});
    e.state = pick<sim::ClientState>(o[QLatin1String("state")].toString(),
                                     {{"running", sim::ClientState::Running},
                                      {"stopped", sim::ClientState::Stopped},
                                      {"finished", sim::ClientState::Finished},
                                      {"crashed", sim::ClientState::Crashed},
                                      {"failed", sim::ClientState::Failed}});
    e.replyCode = optionalOf<int>(o, "replyCode");
    e.exists = o[QLatin1String("exists")].toBool(true);
    e.ready = optionalOf<qint64>(o, "ready");
    e.unacked = optionalOf<qint64>(o, "unacked");
    e.consumers = optionalOf<qint64>(o, "consumers");
    e.durable = optionalOf<bool>(o, "durable");
    e.channels = optionalOf<qint64>(o, "channels");
    e.withinMs = o[QLatin1String("within")].toInt(5000);
    e.holdMs = o[QLatin1String("holdFor")].toInt(0);
    e.why = textOf(o[QLatin1String("why")]);
    return e;
}

Step stepOf(const QJsonObject &o)
{
    Step s;
    s.say = textOf(o[QLatin1String("say")]);
    for (const QJsonValue &a : o[QLatin1String("do")].toArray())
        s.actions.append(actionOf(a.toObject()));
    for (const QJsonValue &e : o[QLatin1String("expect")].toArray())
        s.expectations.append(expectationOf(e.toObject()));
    return s;
}

Deviation deviationOf(const QJsonObject &o)
{
    Deviation d;
    d.name = o[QLatin1String("name")].toString();
    d.label = textOf(o[QLatin1String("label")]);
    for (const QJsonValue &c : o[QLatin1String("change")].toArray())
        d.changes.append({c[QLatin1String("path")].toString(), c[QLatin1String("value")]});
    // The schema's pattern: "/steps/N/expect/M".
    const QStringList breaks = o[QLatin1String("breaks")].toString().split(u'/');
    d.breaksStep = breaks.value(2).toInt();
    d.breaksExpectation = breaks.value(4).toInt();
    return d;
}

Scenario scenarioOf(const QJsonObject &o)
{
    Scenario s;
    s.name = o[QLatin1String("name")].toString();
    s.chapter = pick<Scenario::Chapter>(o[QLatin1String("chapter")].toString(),
                                        {{"seed", Scenario::Chapter::Seed},
                                         {"tutorials", Scenario::Chapter::Tutorials},
                                         {"beyond", Scenario::Chapter::Beyond}});
    s.order = o[QLatin1String("order")].toInt();
    s.title = textOf(o[QLatin1String("title")]);
    s.goal = textOf(o[QLatin1String("goal")]);
    s.queueType = o[QLatin1String("queueType")].toString();
    s.needsBrokerControl = o[QLatin1String("needsBrokerControl")].toBool(false);
    s.topology = o[QLatin1String("topology")].toObject();
    for (const QJsonValue &c : o[QLatin1String("clients")].toArray())
        s.clients.append(clientOf(c.toObject()));
    for (const QJsonValue &step : o[QLatin1String("steps")].toArray())
        s.steps.append(stepOf(step.toObject()));
    for (const QJsonValue &d : o[QLatin1String("deviations")].toArray())
        s.deviations.append(deviationOf(d.toObject()));
    return s;
}

// The clients a client-observed expectation names exist, with the right role.
QStringList crossCheck(const Expectation &x, const QHash<QString, bool> &producer, const QString &at)
{
    if (x.kind > Expectation::Kind::State && x.kind != Expectation::Kind::Connection)
        return {};
    QStringList errors;
    if (!producer.contains(x.client))
        errors.append(at + QStringLiteral("no client named '%1'").arg(x.client));
    else if (x.kind == Kind::Received && producer.value(x.client))
        errors.append(at + QStringLiteral("'%1' is a producer: it receives nothing").arg(x.client));
    else if (x.kind == Kind::Sent && !producer.value(x.client))
        errors.append(at + QStringLiteral("'%1' is a consumer: it sends nothing").arg(x.client));
    for (const QString &from : x.lastFrom) {
        if (!producer.value(from))
            errors.append(at + QStringLiteral("lastFrom: no producer named '%1'").arg(from));
    }
    return errors;
}

// What the schema cannot say: names are unique and refer to clients of the right role; a
// lesson that restarts or steps the broker says so.
QStringList crossCheck(const Scenario &s)
{
    QStringList errors;
    QHash<QString, bool> producer;   // name → is a producer
    for (int i = 0; i < s.clients.size(); ++i) {
        if (producer.contains(s.clients[i].name))
            errors.append(QStringLiteral("/clients/%1: a second client named '%2'").arg(i).arg(s.clients[i].name));
        producer.insert(s.clients[i].name, s.clients[i].isProducer());
    }
    bool controls = false;
    for (int i = 0; i < s.steps.size(); ++i) {
        const Step &step = s.steps[i];
        for (int a = 0; a < step.actions.size(); ++a) {
            const Action &action = step.actions[a];
            controls = controls || action.needsBrokerControl();
            if (action.kind <= Action::Kind::Restart && !producer.contains(action.client))
                errors.append(QStringLiteral("/steps/%1/do/%2: no client named '%3'").arg(i).arg(a).arg(action.client));
            if ((action.kind == Action::Kind::Crash || action.kind == Action::Kind::Restart)
                && producer.value(action.client))
                errors.append(QStringLiteral("/steps/%1/do/%2: only consumers crash or restart").arg(i).arg(a));
        }
        for (int e = 0; e < step.expectations.size(); ++e)
            errors += crossCheck(step.expectations[e], producer, QStringLiteral("/steps/%1/expect/%2: ").arg(i).arg(e));
    }
    if (controls && !s.needsBrokerControl)
        errors.append(QStringLiteral("/needsBrokerControl: the lesson restarts or steps the broker: say true"));
    return errors;
}

// Every deviation changes values the file has, and breaks an expectation it has.
QStringList checkDeviations(const Scenario &s, const QJsonObject &file)
{
    QStringList errors;
    QSet<QString> names;
    for (int i = 0; i < s.deviations.size(); ++i) {
        const Deviation &d = s.deviations[i];
        const QString at = QStringLiteral("/deviations/%1: ").arg(i);
        if (names.contains(d.name))
            errors.append(at + QStringLiteral("a second deviation named '%1'").arg(d.name));
        names.insert(d.name);
        for (const auto &[path, value] : d.changes) {
            if (!JsonPointer::resolve(file, path))
                errors.append(at + QStringLiteral("changes %1, which the lesson does not have").arg(path));
        }
        if (d.breaksStep >= s.steps.size() || d.breaksExpectation >= s.steps[d.breaksStep].expectations.size())
            errors.append(at + QStringLiteral("breaks /steps/%1/expect/%2, which the lesson does not have")
                                   .arg(d.breaksStep).arg(d.breaksExpectation));
    }
    return errors;
}

// The file against the schema, then what the schema cannot say.
std::optional<Scenario> readObject(const QJsonObject &file, QStringList &problems)
{
    if (!scenarioSchema().isValid()) {
        problems.append(QStringLiteral("the scenario schema is broken: ") + scenarioSchema().error());
        return std::nullopt;
    }
    for (const SchemaViolation &v : scenarioSchema().validate(file))
        problems.append((v.path.isEmpty() ? QStringLiteral("/") : v.path) + QStringLiteral(": ") + v.message);
    if (!problems.isEmpty())
        return std::nullopt;
    Scenario scenario = scenarioOf(file);
    problems = crossCheck(scenario) + checkDeviations(scenario, file);
    if (!problems.isEmpty())
        return std::nullopt;
    return scenario;
}

// The lesson as read, with `deviation`'s changes made to its file: a lesson of its own, which
// must read as well as the original.
std::optional<Scenario> deviated(const Scenario &lesson, QJsonObject file, const QString &deviation,
                                 QStringList &problems)
{
    const auto chosen = std::find_if(lesson.deviations.begin(), lesson.deviations.end(),
                                     [&](const Deviation &d) { return d.name == deviation; });
    if (chosen == lesson.deviations.end()) {
        QStringList names;
        for (const Deviation &d : lesson.deviations)
            names.append(d.name);
        problems.append(QStringLiteral("the lesson %1 has no deviation named '%2' (it has: %3)")
                            .arg(lesson.name, deviation, names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", "))));
        return std::nullopt;
    }
    QJsonValue changed = file;
    for (const auto &[path, value] : chosen->changes)
        JsonPointer::replace(changed, path, value);   // checkDeviations saw that each path exists
    std::optional<Scenario> scenario = readObject(changed.toObject(), problems);
    for (QString &p : problems)
        p = QStringLiteral("with the deviation '%1': ").arg(deviation) + p;
    if (scenario)
        scenario->deviation = deviation;
    return scenario;
}

} // namespace

std::optional<Scenario> ScenarioReader::read(const QByteArray &json, QStringList *errors, const QString &deviation)
{
    QStringList problems;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    std::optional<Scenario> scenario;
    if (parseError.error != QJsonParseError::NoError)
        problems.append(QStringLiteral("not JSON: %1 at byte %2").arg(parseError.errorString()).arg(parseError.offset));
    else
        scenario = readObject(doc.object(), problems);
    if (scenario && !deviation.isEmpty())
        scenario = deviated(*scenario, doc.object(), deviation, problems);
    if (errors)
        *errors = problems;
    return scenario;
}

std::optional<Scenario> ScenarioReader::readFile(const QString &path, QStringList *errors, const QString &deviation)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (errors)
            *errors = {QStringLiteral("cannot read %1: %2").arg(path, file.errorString())};
        return std::nullopt;
    }
    return read(file.readAll(), errors, deviation);
}

} // namespace warren::lesson
