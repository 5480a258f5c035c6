// The simulator page's two tables, as column definitions over the simulation's statuses
// (SnapshotModel fed with setRows: a row per client, keyed by its id, so selections stay put
// while the counts move). Counts are the clients' own exact totals.
#pragma once

#include "models/SnapshotModel.h"
#include "sim/SimulationTypes.h"

#include <QCoreApplication>

namespace warren::ui {

class SimulatorTables {
    Q_DECLARE_TR_FUNCTIONS(warren::ui::SimulatorTables)
public:
    static TableDefinition<sim::ProducerStatus> producers();
    static TableDefinition<sim::ConsumerStatus> consumers();
    static RowKey key(quint32 id) { return {QString::number(id)}; }
};

using ProducerTableModel = SnapshotModel<sim::ProducerStatus>;
using ConsumerTableModel = SnapshotModel<sim::ConsumerStatus>;

} // namespace warren::ui
