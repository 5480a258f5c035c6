// The queues of the latest broker snapshot as a table. Rows are matched by (vhost, name)
// across snapshots so that views keep their selection while counts change.
#pragma once

#include "BrokerSnapshot.h"

#include <QAbstractTableModel>

namespace warren::ui {

class QueueTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, VHost, Ready, Unacked, Consumers, Durable, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setQueues(const QList<QueueSnapshot> &queues);

private:
    QList<QueueSnapshot> queues_;
};

} // namespace warren::ui
