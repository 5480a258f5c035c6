#include "ExpectationCheck.h"

#include "lesson/LessonText.h"

namespace warren::lesson {

namespace {

using Kind = Expectation::Kind;
using Result = Verdict::Result;

// ", " between the parts of a list: a language may want its own comma.
QString listSeparator()
{
    return LessonText::tr(", ");
}

// The words of one checked value: "2 received", and whether it is as expected.
struct Part {
    bool met = true;
    QString text;
};

Part partOf(const std::optional<qint64> &expected, qint64 observed, const char *label)
{
    return Part{!expected || *expected == observed, LessonText::tr(label).arg(observed)};
}

Verdict verdictOf(const QList<Part> &parts)
{
    Verdict v{Result::Met, {}};
    QStringList texts;
    for (const Part &p : parts) {
        if (!p.met)
            v.result = Result::NotMet;
        texts.append(p.text);
    }
    v.observed = texts.join(listSeparator());
    return v;
}

Verdict missingClient(const QString &name)
{
    return Verdict{Result::NotMet, LessonText::tr("%1 has not been started").arg(name)};
}

// "3 from a, then 2 from b": who sent a run of messages, oldest first.
QString sendersOf(const QStringList &producers)
{
    QStringList runs;
    for (qsizetype i = 0; i < producers.size();) {
        qsizetype end = i;
        while (end < producers.size() && producers[end] == producers[i])
            ++end;
        const QString who = producers[i].isEmpty() ? LessonText::tr("no producer") : producers[i];
        runs.append(LessonText::tr("%1 from %2").arg(end - i).arg(who));
        i = end;
    }
    return runs.join(LessonText::tr(", then "));
}

// Whether the last messages a consumer received came from these producers, in this order.
Part lastFromPart(const QStringList &expected, const QList<sim::ReceivedMessage> &recent)
{
    QStringList observed;
    for (qsizetype i = qMax<qsizetype>(0, recent.size() - expected.size()); i < recent.size(); ++i)
        observed.append(recent[i].producer);
    return Part{observed == expected, LessonText::tr("last: %1").arg(sendersOf(observed))};
}

Verdict received(const Expectation &e, const sim::SimulationSnapshot &clients)
{
    for (const sim::ConsumerStatus &c : clients.consumers) {
        if (c.spec.name != e.client)
            continue;
        QList<Part> parts{partOf(e.count, qint64(c.received), QT_TRANSLATE_NOOP("warren::lesson::LessonText", "%1 received"))};
        if (e.redelivered)
            parts.append(partOf(e.redelivered, qint64(c.redelivered), QT_TRANSLATE_NOOP("warren::lesson::LessonText", "%1 redelivered")));
        if (e.acked)
            parts.append(partOf(e.acked, qint64(c.acked), QT_TRANSLATE_NOOP("warren::lesson::LessonText", "%1 acknowledged")));
        if (!e.lastFrom.isEmpty())
            parts.append(lastFromPart(e.lastFrom, c.recent));
        return verdictOf(parts);
    }
    return missingClient(e.client);
}

Verdict sent(const Expectation &e, const sim::SimulationSnapshot &clients)
{
    for (const sim::ProducerStatus &p : clients.producers) {
        if (p.spec.name != e.client)
            continue;
        switch (e.counter) {
        case Expectation::Counter::Published:
            return verdictOf({partOf(e.count, qint64(p.published), QT_TRANSLATE_NOOP("warren::lesson::LessonText", "%1 published"))});
        case Expectation::Counter::Confirmed:
            return verdictOf({partOf(e.count, qint64(p.confirmed), QT_TRANSLATE_NOOP("warren::lesson::LessonText", "%1 confirmed"))});
        case Expectation::Counter::Nacked:
            return verdictOf({partOf(e.count, qint64(p.nacked), QT_TRANSLATE_NOOP("warren::lesson::LessonText", "%1 nacked"))});
        case Expectation::Counter::Returned:
            return verdictOf({partOf(e.count, qint64(p.returned), QT_TRANSLATE_NOOP("warren::lesson::LessonText", "%1 returned"))});
        case Expectation::Counter::Replies:
            return verdictOf({partOf(e.count, qint64(p.replies), QT_TRANSLATE_NOOP("warren::lesson::LessonText", "%1 replies"))});
        }
    }
    return missingClient(e.client);
}

QString stateName(sim::ClientState s)
{
    switch (s) {
    case sim::ClientState::Stopped:
        return LessonText::tr("stopped");
    case sim::ClientState::Running:
        return LessonText::tr("running");
    case sim::ClientState::Finished:
        return LessonText::tr("finished");
    case sim::ClientState::Crashed:
        return LessonText::tr("crashed");
    case sim::ClientState::Failed:
        return LessonText::tr("failed");
    default:
        return LessonText::tr("busy (connecting, paused, blocked or reconnecting)");
    }
}

// The reply code an error starts with ("404 NOT_FOUND - ..."), 0 when none.
int replyCodeOf(const QString &error)
{
    return error.section(QLatin1Char(' '), 0, 0).toInt();
}

template <class Status> Verdict stateOf(const Expectation &e, const Status &s)
{
    const bool met = s.state == e.state && (!e.replyCode || replyCodeOf(s.error) == *e.replyCode);
    const QString observed = s.error.isEmpty() ? stateName(s.state) : LessonText::tr("%1: %2").arg(stateName(s.state), s.error);
    return Verdict{met ? Result::Met : Result::NotMet, observed};
}

Verdict state(const Expectation &e, const sim::SimulationSnapshot &clients)
{
    for (const sim::ProducerStatus &p : clients.producers) {
        if (p.spec.name == e.client)
            return stateOf(e, p);
    }
    for (const sim::ConsumerStatus &c : clients.consumers) {
        if (c.spec.name == e.client)
            return stateOf(e, c);
    }
    return missingClient(e.client);
}

Verdict queue(const Expectation &e, const BrokerSnapshot &broker)
{
    for (const QueueSnapshot &q : broker.queues) {
        if (q.vhost != e.vhost || q.name != e.queue)
            continue;
        if (!e.exists)
            return Verdict{Result::NotMet, LessonText::tr("the queue exists")};
        Verdict v = verdictOf({partOf(e.ready, q.ready, QT_TRANSLATE_NOOP("warren::lesson::LessonText", "%1 ready")), partOf(e.unacked, q.unacked, QT_TRANSLATE_NOOP("warren::lesson::LessonText", "%1 unacknowledged")),
                               partOf(e.consumers, q.consumers, QT_TRANSLATE_NOOP("warren::lesson::LessonText", "consumers: %1"))});
        if (e.durable) {
            v.observed += listSeparator() + (q.durable ? LessonText::tr("durable") : LessonText::tr("transient"));
            if (*e.durable != q.durable)
                v.result = Result::NotMet;
        }
        return v;
    }
    return Verdict{e.exists ? Result::NotMet : Result::Met, LessonText::tr("no such queue")};
}

Verdict routed(const Expectation &e, const BrokerSnapshot &broker)
{
    qint64 count = 0;
    for (const RouteEdgeSnapshot &r : broker.routes) {
        if (r.vhost == e.vhost && r.source == e.exchange && r.destination == e.queue && !r.toExchange)
            count = qint64(r.routed);
    }
    return verdictOf({partOf(e.count, count, QT_TRANSLATE_NOOP("warren::lesson::LessonText", "%1 routed"))});
}

// A client's connection, by the connection_name it gave: exactly one, with its channels.
Verdict connection(const Expectation &e, const BrokerSnapshot &broker)
{
    qint64 connections = 0, channels = 0;
    for (const ConnectionSnapshot &c : broker.connections) {
        if (c.name == e.client) {
            ++connections;
            channels += c.channels;
        }
    }
    return verdictOf({partOf(1, connections, QT_TRANSLATE_NOOP("warren::lesson::LessonText", "connections: %1")),
                      partOf(e.channels, channels, QT_TRANSLATE_NOOP("warren::lesson::LessonText", "channels: %1"))});
}

Verdict fate(const Expectation &e, const BrokerSnapshot &broker)
{
    FateTotals fates;
    for (const VHostSnapshot &v : broker.vhosts) {
        if (v.name == e.vhost)
            fates = v.fates;
    }
    switch (e.kind) {
    case Kind::Returned:
        return verdictOf({partOf(e.count, qint64(fates.returned), QT_TRANSLATE_NOOP("warren::lesson::LessonText", "%1 returned"))});
    case Kind::Unroutable:
        return verdictOf({partOf(e.count, qint64(fates.unroutable), QT_TRANSLATE_NOOP("warren::lesson::LessonText", "%1 dropped as unroutable"))});
    case Kind::DeadLettered:
        return verdictOf({partOf(e.count, qint64(fates.deadLettered), QT_TRANSLATE_NOOP("warren::lesson::LessonText", "%1 dead-lettered"))});
    default:
        return verdictOf({partOf(e.count, qint64(fates.expired), QT_TRANSLATE_NOOP("warren::lesson::LessonText", "%1 expired"))});
    }
}

QString exchangeName(const QString &name)
{
    return name.isEmpty() ? LessonText::tr("the default exchange") : QStringLiteral("'%1'").arg(name);
}

// "2 ready, 0 unacknowledged": the values an expectation names, in its terms.
QString valuesOf(std::initializer_list<std::pair<const std::optional<qint64> &, const char *>> values)
{
    QStringList parts;
    for (const auto &[value, label] : values) {
        if (value)
            parts.append(LessonText::tr(label).arg(*value));
    }
    return parts.join(listSeparator());
}

// A queue by name, and its vhost when not "/" (a lesson on vhosts has one name in two).
QString queueName(const Expectation &e)
{
    return e.vhost == QLatin1String("/") ? QStringLiteral("'%1'").arg(e.queue)
                                         : LessonText::tr("'%1' in vhost '%2'").arg(e.queue, e.vhost);
}

QString describeQueue(const Expectation &e)
{
    if (!e.exists)
        return LessonText::tr("queue %1 does not exist").arg(queueName(e));
    QString values = valuesOf({{e.ready, QT_TRANSLATE_NOOP("warren::lesson::LessonText", "%1 ready")},
                               {e.unacked, QT_TRANSLATE_NOOP("warren::lesson::LessonText", "%1 unacknowledged")},
                               {e.consumers, QT_TRANSLATE_NOOP("warren::lesson::LessonText", "consumers: %1")}});
    if (e.durable)
        values += (values.isEmpty() ? QString() : listSeparator()) + (*e.durable ? LessonText::tr("durable") : LessonText::tr("transient"));
    return values.isEmpty() ? LessonText::tr("queue %1 exists").arg(queueName(e))
                            : LessonText::tr("queue %1: %2").arg(queueName(e), values);
}

QString describeSent(const Expectation &e)
{
    switch (e.counter) {
    case Expectation::Counter::Published:
        return LessonText::tr("%1 has published %2").arg(e.client).arg(e.count.value_or(0));
    case Expectation::Counter::Confirmed:
        return LessonText::tr("%1 has had %2 confirmed by the broker").arg(e.client).arg(e.count.value_or(0));
    case Expectation::Counter::Nacked:
        return LessonText::tr("%1 has had %2 nacked by the broker").arg(e.client).arg(e.count.value_or(0));
    case Expectation::Counter::Returned:
        return LessonText::tr("%1 has had %2 returned as unroutable").arg(e.client).arg(e.count.value_or(0));
    case Expectation::Counter::Replies:
        return LessonText::tr("%1 has had %2 replies to its requests").arg(e.client).arg(e.count.value_or(0));
    }
    return {};
}

QString describeState(const Expectation &e)
{
    const QString state = LessonText::tr("%1 is %2").arg(e.client, stateName(e.state));
    return e.replyCode ? LessonText::tr("%1, with reply code %2").arg(state).arg(*e.replyCode) : state;
}

} // namespace

QString ExpectationCheck::mark(Verdict::Result result)
{
    switch (result) {
    case Result::Met:
        return QStringLiteral("✓");
    case Result::NotMet:
        return QStringLiteral("✗");
    case Result::Skipped:
        return QStringLiteral("–");
    }
    return {};
}

QString ExpectationCheck::describe(const Expectation &e)
{
    const qint64 count = e.count.value_or(0);
    switch (e.kind) {
    case Kind::Received: {
        QString more = valuesOf({{e.redelivered, QT_TRANSLATE_NOOP("warren::lesson::LessonText", "%1 redelivered")}, {e.acked, QT_TRANSLATE_NOOP("warren::lesson::LessonText", "%1 acknowledged")}});
        if (!e.lastFrom.isEmpty())
            more += (more.isEmpty() ? QString() : listSeparator()) + LessonText::tr("last: %1").arg(sendersOf(e.lastFrom));
        const QString got = LessonText::tr("%1 has received %2").arg(e.client).arg(count);
        return more.isEmpty() ? got : LessonText::tr("%1 (%2)").arg(got, more);
    }
    case Kind::Sent:
        return describeSent(e);
    case Kind::State:
        return describeState(e);
    case Kind::Queue:
        return describeQueue(e);
    case Kind::Routed:
        return LessonText::tr("%1 has routed %2 to queue '%3'").arg(exchangeName(e.exchange)).arg(count).arg(e.queue);
    case Kind::Returned:
        return LessonText::tr("%1 returned to their publisher in vhost '%2'").arg(count).arg(e.vhost);
    case Kind::Unroutable:
        return LessonText::tr("%1 dropped as unroutable in vhost '%2'").arg(count).arg(e.vhost);
    case Kind::DeadLettered:
        return LessonText::tr("%1 dead-lettered in vhost '%2'").arg(count).arg(e.vhost);
    case Kind::Expired:
        return LessonText::tr("%1 expired in vhost '%2'").arg(count).arg(e.vhost);
    case Kind::Connection:
        return e.channels ? LessonText::tr("%1 has one connection, with %2 channels").arg(e.client).arg(*e.channels)
                          : LessonText::tr("%1 has one connection").arg(e.client);
    }
    return {};
}

Verdict ExpectationCheck::check(const Expectation &e, const BrokerSnapshot *broker,
                                const sim::SimulationSnapshot &clients)
{
    if (e.isBrokerObserved() && !broker)
        return Verdict{Result::Skipped, LessonText::tr("not observable on another broker")};
    switch (e.kind) {
    case Kind::Received:
        return received(e, clients);
    case Kind::Sent:
        return sent(e, clients);
    case Kind::State:
        return state(e, clients);
    case Kind::Queue:
        return queue(e, *broker);
    case Kind::Routed:
        return routed(e, *broker);
    case Kind::Connection:
        return connection(e, *broker);
    default:
        return fate(e, *broker);
    }
}

} // namespace warren::lesson
