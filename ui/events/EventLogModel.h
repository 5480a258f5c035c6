// The Events page's table: the broker's events as they arrive, one row each, the newest
// last, at most `capacity` rows (the oldest go first). A batch from the event tap is one
// insertion (one beginInsertRows), and the rows it pushes out one removal, whatever its size.
//
// Rows keep the events themselves; their text is made when a view asks for it, so that a
// connection is named by what is known when the row is shown: the client's connection_name
// or its address, from the snapshots and from the connection_opened events seen here.
#pragma once

#include "BrokerSnapshot.h"
#include "observe/TraceEvent.h"

#include <QAbstractTableModel>
#include <QHash>

#include <deque>

namespace warren::ui {

class EventLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, MessageColumn, ConnectionColumn, KindColumn, WhatColumn, ColumnCount };
    static constexpr int CategoryRole = Qt::UserRole + 1;        // int(EventText::Category)
    static constexpr int TraceIdRole = Qt::UserRole + 2;         // quint64, 0: not about a message
    static constexpr int LinkedTraceIdRole = Qt::UserRole + 3;   // a dead-lettered copy's trace id
    static constexpr int kDefaultCapacity = 5000;

    explicit EventLogModel(int capacity = kDefaultCapacity, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int capacity() const { return capacity_; }
    const observe::TraceEvent &eventAt(int row) const { return rows_[size_t(row)]; }

    // Adds a batch's events at the end, dropping the oldest rows past the capacity.
    void append(const QList<observe::TraceEvent> &events);
    void clear();
    // The rows and connection names of another log, in place of these.
    void copyFrom(const EventLogModel &other);
    // The connections of the last snapshot, to name them; names of connections that have
    // closed since are kept, for the rows still about them.
    void setConnections(const QList<ConnectionSnapshot> &connections);
    // connection_name, else address; "the explorer" for its own connection, which no
    // snapshot lists.
    QString connectionName(quint64 id) const;

private:
    void learn(const observe::TraceEvent &event);
    void forgetUnusedNames();

    int capacity_;
    std::deque<observe::TraceEvent> rows_;
    QHash<quint64, QString> names_;
};

} // namespace warren::ui
