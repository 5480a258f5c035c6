// Who may do what where: virtual hosts, and users with their permissions in each.
#include "Columns.h"
#include "EntityModels.h"
#include "stepmode/StepMode.h"

namespace warren::ui {

namespace {

struct Fate {
    std::uint64_t FateTotals::*count;
    const char *word;      // in the cell: "3 unroutable"
    const char *meaning;   // in the tooltip
};

const Fate kFates[] = {
    {&FateTotals::returned, QT_TRANSLATE_NOOP("warren::ui::EntityModels", "%1 returned"),
     QT_TRANSLATE_NOOP("warren::ui::EntityModels",
                       "%1 returned: unroutable, published as mandatory, sent back with basic.return")},
    {&FateTotals::unroutable, QT_TRANSLATE_NOOP("warren::ui::EntityModels", "%1 unroutable"),
     QT_TRANSLATE_NOOP("warren::ui::EntityModels",
                       "%1 unroutable: no queue matched and not mandatory, dropped without a word")},
    {&FateTotals::deadLettered, QT_TRANSLATE_NOOP("warren::ui::EntityModels", "%1 dead-lettered"),
     QT_TRANSLATE_NOOP("warren::ui::EntityModels",
                       "%1 dead-lettered: republished to a dead-letter exchange (x-dead-letter-exchange)")},
    {&FateTotals::expired, QT_TRANSLATE_NOOP("warren::ui::EntityModels", "%1 expired"),
     QT_TRANSLATE_NOOP("warren::ui::EntityModels", "%1 expired: their time-to-live passed while they waited")},
    {&FateTotals::overflowDropped, QT_TRANSLATE_NOOP("warren::ui::EntityModels", "%1 overflowed"),
     QT_TRANSLATE_NOOP("warren::ui::EntityModels",
                       "%1 overflowed: a full queue dropped or refused them (x-max-length, x-max-length-bytes)")},
};

// "3 unroutable, 2 expired": only what happened.
QString fatesText(const FateTotals &fates)
{
    QStringList parts;
    for (const Fate &f : kFates) {
        if (fates.*f.count)
            parts.append(EntityModels::tr(f.word).arg(fates.*f.count));
    }
    return parts.join(EntityModels::tr(", ", "between the items of a list in a cell"));
}

QString fatesTip(const FateTotals &fates)
{
    QStringList lines;
    for (const Fate &f : kFates)
        lines.append(EntityModels::tr(f.meaning).arg(fates.*f.count));
    return lines.join(QLatin1Char('\n'));
}

// "/: .* | .* | .*; dev: ^bob- | (nothing) | .*"
QString permissionsText(const UserSnapshot &user)
{
    const auto shown = [](const QString &pattern) {
        return pattern.isEmpty() ? EntityModels::tr("(nothing)", "a permission pattern that allows nothing") : pattern;
    };
    QStringList parts;
    for (const PermissionSnapshot &p : user.permissions)
        parts.append(QStringLiteral("%1: %2 | %3 | %4").arg(p.vhost, shown(p.configure), shown(p.write), shown(p.read)));
    return parts.join(QStringLiteral("; "));
}

} // namespace

SnapshotModel<VHostSnapshot> *EntityModels::vhosts(QObject *parent)
{
    using R = VHostSnapshot;
    using C = Columns<R>;
    TableDefinition<R> table;
    table.columns = {
        C::text(tr("Name"), {}, &R::name),
        C::number(tr("Exchanges"), {}, &R::exchanges),
        C::number(tr("Queues"), {}, &R::queues),
        C::number(tr("Ready"), tr("Messages waiting in its queues"), &R::ready),
        C::number(tr("Unacked"), tr("Messages delivered from its queues and not yet acknowledged"), &R::unacked),
        C::number(tr("Connections"), tr("Client connections opened on it"), &R::connections),
        C::text(tr("Deliveries"), tr("running, or paused: its queues hold deliveries to consumers (step mode)"),
                [](const R &v) { return v.paused ? tr("paused") : tr("running"); },
                [](const R &v) { return v.paused ? StepMode::pausedTip() : QString(); }),
        C::flag(tr("Firehose"),
                tr("Tracing on: every publish and delivery in this virtual host is copied to the exchange "
                   "amq.rabbitmq.trace (rabbitmqctl trace_on)"),
                &R::firehose),
        // One column, not five: the table stays narrow, and a learner reads "3 unroutable".
        C::text(tr("Not delivered"),
                tr("Messages that did not simply go from a publisher to a consumer since the broker started: "
                   "returned, unroutable, dead-lettered, expired, overflowed (the cell's tooltip says what each "
                   "means)"),
                [](const R &v) { return fatesText(v.fates); }, [](const R &v) { return fatesTip(v.fates); }),
    };
    table.key = [](const R &v) { return RowKey{v.name}; };
    table.rows = &BrokerSnapshot::vhosts;
    return new SnapshotModel<R>(std::move(table), parent);
}

SnapshotModel<UserSnapshot> *EntityModels::users(QObject *parent)
{
    using R = UserSnapshot;
    using C = Columns<R>;
    const auto joined = [](QStringList (*list)(const R &)) {
        return [list](const R &u) { return list(u).join(QStringLiteral(", ")); };
    };
    TableDefinition<R> table;
    table.columns = {
        C::text(tr("Name"), {}, &R::name),
        C::text(tr("Tags"), tr("administrator, monitoring, management, policymaker, ..."),
                joined([](const R &u) { return u.tags; })),
        C::text(tr("Can access virtual hosts"), tr("The virtual hosts this user may open"),
                joined([](const R &u) { return u.vhosts(); })),
        C::text(tr("Permissions: configure | write | read"),
                tr("Per virtual host: configure | write | read, RabbitMQ's regular expressions over the names of "
                   "exchanges and queues; (nothing) allows nothing"),
                permissionsText),
    };
    table.key = [](const R &u) { return RowKey{u.name}; };
    table.rows = &BrokerSnapshot::users;
    return new SnapshotModel<R>(std::move(table), parent);
}

} // namespace warren::ui
