#include "QueueTableModel.h"

namespace warren::ui {

namespace {
bool sameQueue(const QueueSnapshot &a, const QueueSnapshot &b) { return a.vhost == b.vhost && a.name == b.name; }
} // namespace

int QueueTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(queues_.size());
}

int QueueTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueueTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QueueSnapshot &q = queues_.at(index.row());
    if (role == Qt::TextAlignmentRole && index.column() >= Ready && index.column() <= Consumers)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name: return q.name;
    case VHost: return q.vhost;
    case Ready: return q.ready;
    case Unacked: return q.unacked;
    case Consumers: return q.consumers;
    case Durable: return q.durable ? tr("durable") : tr("transient");
    }
    return {};
}

QVariant QueueTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Queue");
    case VHost: return tr("Virtual host");
    case Ready: return tr("Ready");
    case Unacked: return tr("Unacked");
    case Consumers: return tr("Consumers");
    case Durable: return tr("Durability");
    }
    return {};
}

void QueueTableModel::setQueues(const QList<QueueSnapshot> &queues)
{
    // Remove rows that are gone, update the ones that stay, append the new ones: views keep
    // their selection and scroll position.
    for (int row = int(queues_.size()) - 1; row >= 0; --row) {
        const bool stays = std::any_of(queues.begin(), queues.end(),
                                       [&](const QueueSnapshot &q) { return sameQueue(q, queues_[row]); });
        if (!stays) {
            beginRemoveRows({}, row, row);
            queues_.removeAt(row);
            endRemoveRows();
        }
    }
    for (const QueueSnapshot &q : queues) {
        auto it = std::find_if(queues_.begin(), queues_.end(), [&](const QueueSnapshot &old) { return sameQueue(old, q); });
        if (it != queues_.end()) {
            *it = q;
            continue;
        }
        const int row = int(queues_.size());
        beginInsertRows({}, row, row);
        queues_.append(q);
        endInsertRows();
    }
    if (!queues_.isEmpty())
        emit dataChanged(index(0, 0), index(int(queues_.size()) - 1, ColumnCount - 1), {Qt::DisplayRole});
}

} // namespace warren::ui
