// What is declared: exchanges, queues and the bindings between them.
#include "Columns.h"
#include "EntityModels.h"
#include "stepmode/StepMode.h"

namespace warren::ui {

namespace {

struct Feature {
    QString abbreviation;   // as RabbitMQ's tables abbreviate it
    QString meaning;
};

QString featureText(const QList<Feature> &features)
{
    QStringList parts;
    for (const Feature &f : features)
        parts.append(f.abbreviation);
    return parts.join(QLatin1Char(' '));
}

QString featureTip(const QList<Feature> &features, const amqp::FieldTable &arguments)
{
    QStringList lines;
    for (const Feature &f : features) {
        if (!f.meaning.isEmpty())
            lines.append(f.abbreviation + QStringLiteral(": ") + f.meaning);
    }
    for (const auto &[name, value] : arguments)
        lines.append(QString::fromUtf8(name) + QStringLiteral(" = ") + describeValue(value));
    return lines.join(QLatin1Char('\n'));
}

void addFlag(QList<Feature> &features, bool on, const QString &abbreviation, const QString &meaning)
{
    if (on)
        features.append({abbreviation, meaning});
}

QList<Feature> exchangeFeatures(const ExchangeSnapshot &x)
{
    QList<Feature> features;
    addFlag(features, x.durable, EntityModels::tr("D", "durable"), EntityModels::tr("durable"));
    addFlag(features, x.autoDelete, EntityModels::tr("AD", "auto-delete"), EntityModels::tr("auto-delete"));
    addFlag(features, x.internal, EntityModels::tr("I", "internal"), EntityModels::tr("internal"));
    return features;
}

// Queue arguments get RabbitMQ's abbreviations too; their values are in the tooltip.
struct KnownArgument {
    const char *argument;
    const char *abbreviation;
    const char *meaning;
};

const KnownArgument kKnownArguments[] = {
    {"x-message-ttl", QT_TRANSLATE_NOOP("warren::ui::EntityModels", "TTL"),
     QT_TRANSLATE_NOOP("warren::ui::EntityModels", "message time-to-live")},
    {"x-expires", QT_TRANSLATE_NOOP("warren::ui::EntityModels", "Exp"),
     QT_TRANSLATE_NOOP("warren::ui::EntityModels", "queue expires when unused")},
    {"x-max-length", QT_TRANSLATE_NOOP("warren::ui::EntityModels", "Lim"),
     QT_TRANSLATE_NOOP("warren::ui::EntityModels", "maximum length")},
    {"x-max-length-bytes", QT_TRANSLATE_NOOP("warren::ui::EntityModels", "Lim B"),
     QT_TRANSLATE_NOOP("warren::ui::EntityModels", "maximum size in bytes")},
    {"x-overflow", QT_TRANSLATE_NOOP("warren::ui::EntityModels", "Ovfl"),
     QT_TRANSLATE_NOOP("warren::ui::EntityModels", "what happens when full")},
    {"x-dead-letter-exchange", QT_TRANSLATE_NOOP("warren::ui::EntityModels", "DLX"),
     QT_TRANSLATE_NOOP("warren::ui::EntityModels", "dead-letter exchange")},
    {"x-dead-letter-routing-key", QT_TRANSLATE_NOOP("warren::ui::EntityModels", "DLK"),
     QT_TRANSLATE_NOOP("warren::ui::EntityModels", "dead-letter routing key")},
    {"x-max-priority", QT_TRANSLATE_NOOP("warren::ui::EntityModels", "Pri"),
     QT_TRANSLATE_NOOP("warren::ui::EntityModels", "message priorities")},
    {"x-single-active-consumer", QT_TRANSLATE_NOOP("warren::ui::EntityModels", "SAC"),
     QT_TRANSLATE_NOOP("warren::ui::EntityModels", "single active consumer")},
    {"x-delivery-limit", QT_TRANSLATE_NOOP("warren::ui::EntityModels", "DlvLim"),
     QT_TRANSLATE_NOOP("warren::ui::EntityModels", "delivery limit")},
    {"x-queue-mode", QT_TRANSLATE_NOOP("warren::ui::EntityModels", "Mode"),
     QT_TRANSLATE_NOOP("warren::ui::EntityModels", "queue mode (lazy)")},
};

Feature argumentFeature(const QByteArray &name)
{
    for (const KnownArgument &k : kKnownArguments) {
        if (name == k.argument)
            return {EntityModels::tr(k.abbreviation), EntityModels::tr(k.meaning)};
    }
    return {EntityModels::tr("Args", "other arguments"), EntityModels::tr("other arguments")};
}

// "<b>D</b> durable · <b>AD</b> auto-delete ...", for a legend under a table.
QString legend(const QList<Feature> &features)
{
    QStringList parts;
    for (const Feature &f : features)
        parts.append(QStringLiteral("<b>%1</b>&nbsp;%2").arg(f.abbreviation.toHtmlEscaped(), f.meaning.toHtmlEscaped()));
    return parts.join(QStringLiteral(" &nbsp;· "));
}

QList<Feature> queueFeatures(const QueueSnapshot &q)
{
    QList<Feature> features;
    addFlag(features, q.durable, EntityModels::tr("D", "durable"), EntityModels::tr("durable"));
    addFlag(features, q.autoDelete, EntityModels::tr("AD", "auto-delete"), EntityModels::tr("auto-delete"));
    addFlag(features, q.exclusive, EntityModels::tr("Excl", "exclusive"), EntityModels::tr("exclusive"));
    for (const auto &[name, value] : q.arguments) {
        if (name == "x-queue-type")
            continue;   // it has its own column
        const Feature feature = argumentFeature(name);
        const bool listed = std::any_of(features.begin(), features.end(),
                                        [&](const Feature &f) { return f.abbreviation == feature.abbreviation; });
        if (!listed)   // "Args" once is enough
            features.append(feature);
    }
    return features;
}

} // namespace

QString EntityModels::queueFeatureLegend()
{
    QList<Feature> features{{tr("D", "durable"), tr("durable")},
                            {tr("AD", "auto-delete"), tr("auto-delete")},
                            {tr("Excl", "exclusive"), tr("exclusive")}};
    for (const KnownArgument &k : kKnownArguments)
        features.append({tr(k.abbreviation), tr(k.meaning)});
    features.append({tr("Args", "other arguments"), tr("other arguments")});
    return tr("Features:") + QStringLiteral(" &nbsp;") + legend(features);
}

QString EntityModels::exchangeFeatureLegend()
{
    return tr("Features:") + QStringLiteral(" &nbsp;")
        + legend({{tr("D", "durable"), tr("durable")},
                  {tr("AD", "auto-delete"), tr("auto-delete")},
                  {tr("I", "internal"), tr("internal: only other exchanges publish to it")}});
}

QString EntityModels::exchangeName(const QString &name)
{
    return name.isEmpty() ? tr("(AMQP default)") : name;
}

QString EntityModels::queueType(const QueueSnapshot &queue)
{
    const amqp::FieldValue *type = queue.arguments.find("x-queue-type");
    return type ? QString::fromUtf8(type->toBytes()) : QStringLiteral("classic");
}

SnapshotModel<ExchangeSnapshot> *EntityModels::exchanges(QObject *parent)
{
    using R = ExchangeSnapshot;
    using C = Columns<R>;
    TableDefinition<R> table;
    table.columns = {
        C::text(tr("Virtual host"), {}, &R::vhost),
        C::text(tr("Name"), {}, [](const R &x) { return exchangeName(x.name); }),
        C::text(tr("Type"), {}, &R::type),
        C::text(tr("Features"), tr("D: durable, AD: auto-delete, I: internal"),
                [](const R &x) { return featureText(exchangeFeatures(x)); },
                [](const R &x) { return featureTip(exchangeFeatures(x), {}); }),
        C::arguments(tr("Arguments"), {}, &R::arguments),
        C::number(tr("Bindings out"), tr("Bindings with this exchange as their source"), &R::bindingsOut),
        C::number(tr("Bindings in"), tr("Exchange-to-exchange bindings to this exchange"), &R::bindingsIn),
        C::rate(tr("Publish in"), tr("Messages published to this exchange per second"), &Rates::publish),
    };
    table.nameColumn = 1;
    table.key = [](const R &x) { return RowKey{x.vhost, x.name}; };
    table.rows = &BrokerSnapshot::exchanges;
    table.traffic = [](const R &x) { return TrafficTotals{x.publishedIn, 0, 0, 0}; };
    return new SnapshotModel<R>(std::move(table), parent);
}

SnapshotModel<QueueSnapshot> *EntityModels::queues(QObject *parent)
{
    using R = QueueSnapshot;
    using C = Columns<R>;
    TableDefinition<R> table;
    table.columns = {
        C::text(tr("Virtual host"), {}, &R::vhost),
        C::text(tr("Name"), {}, &R::name),
        C::text(tr("Type"), tr("classic or quorum (the x-queue-type argument)"), &queueType),
        C::text(tr("Features"),
                tr("D: durable, AD: auto-delete, Excl: exclusive, then the arguments set (the legend under the "
                   "table says what each abbreviation means)"),
                [](const R &q) { return featureText(queueFeatures(q)); },
                [](const R &q) { return featureTip(queueFeatures(q), q.arguments); }),
        C::text(tr("State"), tr("running, or paused: deliveries to consumers held (step mode)"),
                [](const R &q) { return q.paused ? tr("paused") : tr("running"); },
                [](const R &q) { return q.paused ? StepMode::pausedTip() : QString(); }),
        C::number(tr("Ready"), tr("Messages waiting to be delivered"), &R::ready),
        C::number(tr("Unacked"), tr("Messages delivered and not yet acknowledged"), &R::unacked),
        C::number(tr("Total"), tr("Ready and unacknowledged"), [](const R &q) { return q.ready + q.unacked; }),
        C::bytes(tr("Bytes"), tr("Size of the ready messages' bodies"), &R::readyBytes),
        C::number(tr("Consumers"), {}, &R::consumers),
        C::rate(tr("Incoming"), tr("Messages enqueued per second"), &Rates::publish),
        C::rate(tr("Deliver"), tr("Messages delivered or fetched per second"), &Rates::deliver),
        C::rate(tr("Ack"), tr("Messages acknowledged per second"), &Rates::ack),
    };
    table.nameColumn = 1;
    table.key = [](const R &q) { return RowKey{q.vhost, q.name}; };
    table.rows = &BrokerSnapshot::queues;
    table.traffic = &R::traffic;
    return new SnapshotModel<R>(std::move(table), parent);
}

SnapshotModel<BindingSnapshot> *EntityModels::bindings(QObject *parent)
{
    using R = BindingSnapshot;
    using C = Columns<R>;
    TableDefinition<R> table;
    table.columns = {
        C::text(tr("Virtual host"), {}, &R::vhost),
        C::text(tr("Source"), tr("The exchange messages come from"), [](const R &b) { return exchangeName(b.source); }),
        C::text(tr("Destination"), {}, &R::destination),
        C::text(tr("Destination type"), {}, [](const R &b) { return b.toExchange ? tr("exchange") : tr("queue"); }),
        C::text(tr("Routing key"), {}, &R::routingKey),
        C::arguments(tr("Arguments"), tr("Header matching for headers exchanges"), &R::arguments),
    };
    table.nameColumn = 2;
    table.key = [](const R &b) {
        return RowKey{b.vhost, b.source, b.destination, b.toExchange ? QStringLiteral("e") : QStringLiteral("q"),
                      b.routingKey, describeTable(b.arguments)};
    };
    table.rows = &BrokerSnapshot::bindings;
    return new SnapshotModel<R>(std::move(table), parent);
}

} // namespace warren::ui
