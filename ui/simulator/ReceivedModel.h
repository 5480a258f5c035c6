// What each simulated consumer received, side by side: one column per consumer (headed by
// its name and exact total), its last messages down the column, oldest first, each as its
// number with a "↻ redelivered" label when the broker had delivered it before. A fast
// worker's column grows longer than a slow one's: fair dispatch at a glance; a crashed
// worker's last message shows up again, redelivered, in another column.
//
// Rows only ever grow by appends while the consumers stay the same, so a view keeps its
// scroll position; the columns are reset when consumers come or go.
#pragma once

#include "sim/SimulationTypes.h"

#include <QAbstractTableModel>

namespace warren::ui {

class ReceivedModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // The role that says whether a cell's message was redelivered.
    static constexpr int RedeliveredRole = Qt::UserRole + 1;

    using QAbstractTableModel::QAbstractTableModel;

    void showConsumers(const QList<sim::ConsumerStatus> &consumers);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Column {
        quint32 id = 0;
        QString name;
        quint64 total = 0;
        QList<sim::ReceivedMessage> recent;
    };
    static int longest(const QList<Column> &columns);

    QList<Column> columns_;
};

} // namespace warren::ui
