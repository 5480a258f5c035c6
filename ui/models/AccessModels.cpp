// Who may do what where: virtual hosts and users with the virtual hosts they may open.
#include "Columns.h"
#include "EntityModels.h"

namespace warren::ui {

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
    };
    table.key = [](const R &v) { return RowKey{v.name}; };
    table.rows = &BrokerSnapshot::vhosts;
    return new SnapshotModel<R>(std::move(table), parent);
}

SnapshotModel<UserSnapshot> *EntityModels::users(QObject *parent)
{
    using R = UserSnapshot;
    using C = Columns<R>;
    const auto joined = [](QStringList R::*list) {
        return [list](const R &u) { return (u.*list).join(QStringLiteral(", ")); };
    };
    TableDefinition<R> table;
    table.columns = {
        C::text(tr("Name"), {}, &R::name),
        C::text(tr("Tags"), tr("administrator, monitoring, management, policymaker, ..."), joined(&R::tags)),
        C::text(tr("Can access virtual hosts"), tr("The virtual hosts this user may open"), joined(&R::vhosts)),
    };
    table.key = [](const R &u) { return RowKey{u.name}; };
    table.rows = &BrokerSnapshot::users;
    return new SnapshotModel<R>(std::move(table), parent);
}

} // namespace warren::ui
