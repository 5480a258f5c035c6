#include "EventLogModel.h"

#include "EventText.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QSet>

#include <algorithm>

namespace warren::ui {

using observe::EventKind;
using observe::TraceEvent;

namespace {

// A colour per outcome, so that the eye finds the messages that went wrong in a long log.
QColor kindColor(EventKind kind)
{
    switch (kind) {
    case EventKind::Returned:
    case EventKind::Unroutable:
    case EventKind::Refused:
    case EventKind::Rejected:
    case EventKind::Expired:
    case EventKind::Dropped:
    case EventKind::ConnectionLost:
        return QColor(0xb00020);
    case EventKind::Requeued:
    case EventKind::DeadLettered:
        return QColor(0x9a6700);
    case EventKind::Delivered:
    case EventKind::Got:
    case EventKind::Acked:
    case EventKind::Confirmed:
        return QColor(0x1a7f37);
    default:
        return {};
    }
}

} // namespace

EventLogModel::EventLogModel(int capacity, QObject *parent)
    : QAbstractTableModel(parent), capacity_(std::max(1, capacity))
{
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(rows_.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case TimeColumn: return tr("Time");
        case MessageColumn: return tr("Message");
        case ConnectionColumn: return tr("Connection");
        case KindColumn: return tr("Event");
        case WhatColumn: return tr("What happened");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case MessageColumn:
            return tr("The number the broker gave the message when it was published: every event about the same "
                      "message has the same number. Double-click a row to follow its message.");
        case ConnectionColumn:
            return tr("The client's connection_name, or its address when it gave none");
        }
    }
    return {};
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const TraceEvent &e = rows_[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(e.timeUs / 1000).toString(QStringLiteral("HH:mm:ss.zzz"));
        case MessageColumn:
            return e.traceId ? QStringLiteral("#%1").arg(e.traceId) : QString();
        case ConnectionColumn:
            return e.connection ? connectionName(e.connection) : QString();
        case KindColumn:
            return EventText::kindName(e.kind);
        case WhatColumn:
            return EventText::sentence(e, e.connection ? connectionName(e.connection) : QString());
        }
        break;
    case Qt::ToolTipRole: {
        const QString sentence = EventText::sentence(e, e.connection ? connectionName(e.connection) : QString());
        const QString details = EventText::details(e);
        return details.isEmpty() ? sentence : sentence + QLatin1Char('\n') + details;
    }
    case Qt::ForegroundRole:
        if (index.column() == KindColumn) {
            const QColor color = kindColor(e.kind);
            return color.isValid() ? QVariant(QBrush(color)) : QVariant();
        }
        break;
    case CategoryRole:
        return int(EventText::category(e.kind));
    case TraceIdRole:
        return QVariant::fromValue(quint64(e.traceId));
    case LinkedTraceIdRole:
        return QVariant::fromValue(quint64(e.linkedTraceId));
    }
    return {};
}

void EventLogModel::append(const QList<TraceEvent> &events)
{
    if (events.isEmpty())
        return;
    for (const TraceEvent &e : events)
        learn(e);
    // A batch larger than the whole log keeps only its newest events.
    const qsizetype skip = std::max<qsizetype>(0, events.size() - capacity_);
    const int incoming = int(events.size() - skip);
    const int overflow = int(rows_.size()) + incoming - capacity_;
    if (overflow > 0) {
        beginRemoveRows({}, 0, overflow - 1);
        rows_.erase(rows_.begin(), rows_.begin() + overflow);
        endRemoveRows();
    }
    const int first = int(rows_.size());
    beginInsertRows({}, first, first + incoming - 1);
    rows_.insert(rows_.end(), events.begin() + skip, events.end());
    endInsertRows();
}

void EventLogModel::copyFrom(const EventLogModel &other)
{
    beginResetModel();
    rows_ = other.rows_;
    names_ = other.names_;
    endResetModel();
}

void EventLogModel::clear()
{
    if (rows_.empty())
        return;
    beginResetModel();
    rows_.clear();
    endResetModel();
    forgetUnusedNames();
}

void EventLogModel::learn(const TraceEvent &e)
{
    if (e.kind != EventKind::ConnectionOpened || !e.connection)
        return;
    // The explorer's own connection has no TCP peer (port 0); it stays "the explorer".
    if (e.peer.endsWith(":0"))
        return;
    names_.insert(e.connection, e.detail.isEmpty() ? QString::fromUtf8(e.peer) : QString::fromUtf8(e.detail));
}

void EventLogModel::setConnections(const QList<ConnectionSnapshot> &connections)
{
    bool renamed = false;
    for (const ConnectionSnapshot &c : connections) {
        const QString name = c.name.isEmpty() ? c.peer : c.name;
        auto it = names_.find(c.id);
        if (it == names_.end()) {
            names_.insert(c.id, name);
            renamed = true;   // rows may have called it "the explorer" until now
        } else if (*it != name) {
            *it = name;
            renamed = true;
        }
    }
    if (names_.size() > 4 * qsizetype(capacity_))
        forgetUnusedNames();
    if (renamed && !rows_.empty())
        emit dataChanged(index(0, ConnectionColumn), index(rowCount() - 1, WhatColumn));
}

// Connections come and go (a Celery worker may open thousands): names no row refers to
// any more are forgotten, the snapshot's next call adds back those still open.
void EventLogModel::forgetUnusedNames()
{
    QSet<quint64> used;
    for (const TraceEvent &e : rows_)
        used.insert(e.connection);
    names_.removeIf([&](const QHash<quint64, QString>::iterator &it) { return !used.contains(it.key()); });
}

QString EventLogModel::connectionName(quint64 id) const
{
    const auto it = names_.constFind(id);
    // Every client connection is in a snapshot or announced by connection_opened while the
    // page listens: the one nobody names is the explorer's own (its Publish and Get dialogs).
    return it != names_.constEnd() ? *it : tr("the explorer");
}

} // namespace warren::ui
