// The typed front end of SnapshotTableModel: a table over one kind of snapshot row
// (QueueSnapshot, ConnectionSnapshot, ...), defined by data rather than code: a list of
// columns, the row's identity key, where the rows are in a BrokerSnapshot and, for tables
// with message rates, where a row's running totals are. EntityModels.h has the definitions;
// Columns.h the builders that make a column table read like the table it describes.
#pragma once

#include "BrokerSnapshot.h"
#include "RateTracker.h"
#include "SnapshotTableModel.h"

#include <functional>
#include <optional>

namespace warren::ui {

template <class Row> struct Column {
    QString title;
    QString tooltip;
    // Cell values get the row's rates too (zero in tables without traffic).
    std::function<QVariant(const Row &, const Rates &)> display;
    std::function<QVariant(const Row &, const Rates &)> sort;   // empty: sorts by display
    Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter;
    std::function<QString(const Row &)> cellToolTip;            // empty: none
};

template <class Row> struct TableDefinition {
    QList<Column<Row>> columns;
    int nameColumn = 0;
    std::function<RowKey(const Row &)> key;
    // Where the rows are in a BrokerSnapshot. Null for a table of rows from elsewhere (the
    // simulator's clients), fed only through setRows: a broker snapshot leaves it as it is.
    QList<Row> BrokerSnapshot::*rows = nullptr;
    std::function<TrafficTotals(const Row &)> traffic;   // empty: the table shows no rates
};

// Adds no signals or slots, so it needs no Q_OBJECT and can be a template.
template <class Row> class SnapshotModel final : public SnapshotTableModel {
public:
    explicit SnapshotModel(TableDefinition<Row> definition, QObject *parent = nullptr)
        : SnapshotTableModel(headersOf(definition.columns), definition.nameColumn, parent),
          definition_(std::move(definition))
    {
    }

    void showSnapshot(const BrokerSnapshot &snapshot) override
    {
        if (definition_.rows)
            setRows(snapshot.*definition_.rows, snapshot.takenAt);
    }

    // The rows of a snapshot taken at `takenAt` (which the rates are computed against).
    void setRows(const QList<Row> &rows, const QDateTime &takenAt = {})
    {
        QList<RowKey> keys;
        keys.reserve(rows.size());
        for (const Row &row : rows)
            keys.append(definition_.key(row));
        trackRates(rows, keys, takenAt);
        QList<Entry> entries;
        entries.reserve(rows.size());
        for (qsizetype i = 0; i < rows.size(); ++i)
            entries.append(render(rows[i], keys[i]));
        setEntries(std::move(entries));
    }

    std::optional<Row> rowAt(int row) const
    {
        const Row *value = std::any_cast<Row>(&valueAt(row));
        return value ? std::optional<Row>(*value) : std::nullopt;
    }

private:
    static QList<Header> headersOf(const QList<Column<Row>> &columns)
    {
        QList<Header> headers;
        for (const Column<Row> &c : columns)
            headers.append(Header{c.title, c.tooltip, c.alignment});
        return headers;
    }

    void trackRates(const QList<Row> &rows, const QList<RowKey> &keys, const QDateTime &takenAt)
    {
        if (!definition_.traffic)
            return;
        QHash<RowKey, TrafficTotals> totals;
        totals.reserve(rows.size());
        for (qsizetype i = 0; i < rows.size(); ++i)
            totals.insert(keys[i], definition_.traffic(rows[i]));
        rates_.update(takenAt, totals);
    }

    Entry render(const Row &row, const RowKey &key) const
    {
        const Rates rates = rates_.rates(key);
        Entry entry{key, {}, {}, row};
        entry.display.reserve(definition_.columns.size());
        entry.sort.reserve(definition_.columns.size());
        for (const Column<Row> &c : definition_.columns) {
            entry.display.append(c.display(row, rates));
            entry.sort.append(c.sort ? c.sort(row, rates) : QVariant());
        }
        return entry;
    }

    QString toolTipAt(int row, int column) const override
    {
        const Row *value = std::any_cast<Row>(&valueAt(row));
        const auto &tip = definition_.columns.at(column).cellToolTip;
        return value && tip ? tip(*value) : QString();
    }

    TableDefinition<Row> definition_;
    RateTracker rates_;
};

} // namespace warren::ui
