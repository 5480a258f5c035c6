#include "ReceivedModel.h"

#include "SimulatorText.h"

#include <QFont>
#include <QPalette>

namespace warren::ui {

void ReceivedModel::showConsumers(const QList<sim::ConsumerStatus> &consumers)
{
    QList<Column> incoming;
    incoming.reserve(consumers.size());
    for (const sim::ConsumerStatus &c : consumers)
        incoming.append({c.id, c.spec.name, c.received, c.recent});
    const bool sameConsumers = std::equal(incoming.begin(), incoming.end(), columns_.begin(), columns_.end(),
                                          [](const Column &a, const Column &b) { return a.id == b.id; });
    const int oldRows = longest(columns_);
    const int newRows = longest(incoming);
    if (!sameConsumers || newRows < oldRows) {
        beginResetModel();
        columns_ = std::move(incoming);
        return endResetModel();
    }
    // A column that received nothing new still shares its list with the last snapshot's.
    QList<int> changed;
    for (int c = 0; c < incoming.size(); ++c) {
        if (incoming[c].total != columns_[c].total || incoming[c].recent != columns_[c].recent)
            changed.append(c);
    }
    if (newRows > oldRows)
        beginInsertRows({}, oldRows, newRows - 1);
    columns_ = std::move(incoming);
    if (newRows > oldRows)
        endInsertRows();
    for (int c : std::as_const(changed)) {
        if (oldRows > 0)
            emit dataChanged(index(0, c), index(oldRows - 1, c));
        emit headerDataChanged(Qt::Horizontal, c, c);
    }
}

int ReceivedModel::longest(const QList<Column> &columns)
{
    qsizetype rows = 0;
    for (const Column &c : columns)
        rows = std::max(rows, c.recent.size());
    return int(rows);
}

int ReceivedModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : longest(columns_);
}

int ReceivedModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(columns_.size());
}

QVariant ReceivedModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.column() >= columns_.size())
        return {};
    const QList<sim::ReceivedMessage> &recent = columns_.at(index.column()).recent;
    if (index.row() >= recent.size())
        return {};
    const sim::ReceivedMessage &message = recent.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return SimulatorText::received(message);
    case Qt::ToolTipRole:
        return SimulatorText::receivedDetails(message);
    case RedeliveredRole:
        return message.redelivered;
    case Qt::FontRole:
        if (message.redelivered) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    default:
        return {};
    }
}

QVariant ReceivedModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columns_.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    const Column &c = columns_.at(section);
    if (role == Qt::DisplayRole)
        return tr("%1 (%L2)").arg(c.name).arg(c.total);
    if (role == Qt::ToolTipRole)
        return tr("%1 received %n message(s) in all; the last %2 are listed.", nullptr, int(c.total))
            .arg(c.name)
            .arg(c.recent.size());
    return {};
}

} // namespace warren::ui
