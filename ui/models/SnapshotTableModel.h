// A table of value rows taken from broker snapshots, for Qt's item views. Each row has an
// identity (RowKey: vhost and name, a connection id, ...), so a new snapshot is applied as
// the difference to the last one: rows that changed emit dataChanged, rows that went away
// are removed, new rows are appended, and nothing resets the model. Views over it keep
// their selection and scroll position while the broker's numbers move four times a second.
//
// Cells are rendered once per snapshot (display text and sort value per column) and kept,
// so painting and sorting never call back into column code, and "changed" means "shows
// something else". The row's value struct is kept too (type-erased) for the panels'
// commands; SnapshotModel<Row> (SnapshotModel.h) is the typed front end.
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>

#include <any>

namespace warren {
struct BrokerSnapshot;
}

namespace warren::ui {

// A row's identity across snapshots, e.g. {vhost, name}. A list, not a joined string, so
// that names containing any separator cannot collide.
using RowKey = QStringList;

class SnapshotTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // What a column sorts by: numbers as numbers, so 9 < 10 < 100.
    static constexpr int SortRole = Qt::UserRole;

    struct Header {
        QString title;
        QString tooltip;
        Qt::Alignment alignment;
    };

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The column that names a row: views sort by it first and give it the spare width.
    int nameColumn() const { return nameColumn_; }
    RowKey keyAt(int row) const;
    int rowOf(const RowKey &key) const;   // -1 when not listed
    // The value struct shown in `row`; SnapshotModel<Row>::rowAt() gives it typed.
    const std::any &valueAt(int row) const;

    // Takes this table's rows out of a snapshot; a table whose rows come from elsewhere
    // (SnapshotModel without TableDefinition::rows) keeps them.
    virtual void showSnapshot(const BrokerSnapshot &snapshot) = 0;

protected:
    SnapshotTableModel(QList<Header> headers, int nameColumn, QObject *parent);

    struct Entry {
        RowKey key;
        QVariantList display;   // one per column
        QVariantList sort;      // one per column; invalid: sorts by the display value
        std::any value;
    };
    // Brings the table to `entries` with the fewest changes (see the top of this file).
    // Rows that stay keep their place; a key listed twice keeps its first entry.
    void setEntries(QList<Entry> entries);
    // A tooltip for one cell, asked for only when a view shows it.
    virtual QString toolTipAt(int row, int column) const;

private:
    void removeMissing(const QHash<RowKey, qsizetype> &incoming);
    void updateKept(QList<Entry> &incoming, const QHash<RowKey, qsizetype> &positions, QList<bool> &taken);
    void appendNew(QList<Entry> &incoming, const QList<bool> &taken);
    void changedRows(int first, int last);
    void reindex();

    QList<Header> headers_;
    int nameColumn_;
    QList<Entry> entries_;
    QHash<RowKey, int> rows_;   // key → row
};

} // namespace warren::ui
