#include "SnapshotTableModel.h"

namespace warren::ui {

SnapshotTableModel::SnapshotTableModel(QList<Header> headers, int nameColumn, QObject *parent)
    : QAbstractTableModel(parent), headers_(std::move(headers)), nameColumn_(nameColumn)
{
}

int SnapshotTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(entries_.size());
}

int SnapshotTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(headers_.size());
}

QVariant SnapshotTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = entries_.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return entry.display.value(column);
    case SortRole: {
        const QVariant sort = entry.sort.value(column);
        return sort.isValid() ? sort : entry.display.value(column);
    }
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(headers_.at(column).alignment);
    case Qt::ToolTipRole: {
        const QString tip = toolTipAt(index.row(), column);
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    default:
        return {};
    }
}

QVariant SnapshotTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= headers_.size())
        return {};
    const Header &header = headers_.at(section);
    switch (role) {
    case Qt::DisplayRole:
        return header.title;
    case Qt::ToolTipRole:
        return header.tooltip.isEmpty() ? QVariant() : QVariant(header.tooltip);
    default:
        return {};
    }
}

RowKey SnapshotTableModel::keyAt(int row) const
{
    return row >= 0 && row < entries_.size() ? entries_.at(row).key : RowKey();
}

int SnapshotTableModel::rowOf(const RowKey &key) const
{
    return rows_.value(key, -1);
}

const std::any &SnapshotTableModel::valueAt(int row) const
{
    static const std::any none;
    return row >= 0 && row < entries_.size() ? entries_.at(row).value : none;
}

QString SnapshotTableModel::toolTipAt(int, int) const
{
    return {};
}

void SnapshotTableModel::setEntries(QList<Entry> entries)
{
    QHash<RowKey, qsizetype> positions;
    positions.reserve(entries.size());
    QList<bool> taken(entries.size(), false);
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (positions.contains(entries[i].key))
            taken[i] = true;   // a duplicate: never shown
        else
            positions.insert(entries[i].key, i);
    }
    removeMissing(positions);
    updateKept(entries, positions, taken);
    appendNew(entries, taken);
}

// From the bottom up, one beginRemoveRows per run of consecutive rows that went away.
void SnapshotTableModel::removeMissing(const QHash<RowKey, qsizetype> &incoming)
{
    bool removed = false;
    for (int last = int(entries_.size()) - 1; last >= 0; --last) {
        if (incoming.contains(entries_[last].key))
            continue;
        int first = last;
        while (first > 0 && !incoming.contains(entries_[first - 1].key))
            --first;
        beginRemoveRows({}, first, last);
        entries_.remove(first, last - first + 1);
        endRemoveRows();
        removed = true;
        last = first;
    }
    if (removed)
        reindex();
}

// Every kept row takes its new value; those whose cells differ are announced, in runs.
void SnapshotTableModel::updateKept(QList<Entry> &incoming, const QHash<RowKey, qsizetype> &positions,
                                    QList<bool> &taken)
{
    int runStart = -1;
    for (int row = 0; row < entries_.size(); ++row) {
        const qsizetype from = positions.value(entries_[row].key);
        Entry &next = incoming[from];
        const bool changed = next.display != entries_[row].display || next.sort != entries_[row].sort;
        entries_[row] = std::move(next);
        taken[from] = true;
        if (changed && runStart < 0)
            runStart = row;
        if (!changed && runStart >= 0) {
            changedRows(runStart, row - 1);
            runStart = -1;
        }
    }
    if (runStart >= 0)
        changedRows(runStart, int(entries_.size()) - 1);
}

void SnapshotTableModel::appendNew(QList<Entry> &incoming, const QList<bool> &taken)
{
    const int added = int(taken.count(false));
    if (added == 0)
        return;
    const int first = int(entries_.size());
    beginInsertRows({}, first, first + added - 1);
    for (qsizetype i = 0; i < incoming.size(); ++i) {
        if (taken[i])
            continue;
        rows_.insert(incoming[i].key, int(entries_.size()));
        entries_.append(std::move(incoming[i]));
    }
    endInsertRows();
}

void SnapshotTableModel::changedRows(int first, int last)
{
    emit dataChanged(index(first, 0), index(last, columnCount() - 1));
}

void SnapshotTableModel::reindex()
{
    rows_.clear();
    rows_.reserve(entries_.size());
    for (int row = 0; row < entries_.size(); ++row)
        rows_.insert(entries_[row].key, row);
}

} // namespace warren::ui
