#include "EventFilter.h"

#include "EventLogModel.h"

namespace warren::ui {

EventFilter::EventFilter(QObject *parent) : QSortFilterProxyModel(parent)
{
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(-1);   // a row matches when any of its cells does
}

void EventFilter::setCategory(int category)
{
    if (category == category_)
        return;
    category_ = category;
    invalidateFilter();
}

void EventFilter::follow(quint64 traceId)
{
    if (traceId == following_)
        return;
    following_ = traceId;
    followed_.clear();
    if (traceId)
        followed_.insert(traceId);
    invalidateFilter();
}

bool EventFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex row = sourceModel()->index(sourceRow, 0, sourceParent);
    if (category_ >= 0 && row.data(EventLogModel::CategoryRole).toInt() != category_)
        return false;
    if (following_) {
        const quint64 id = row.data(EventLogModel::TraceIdRole).value<quint64>();
        if (!followed_.contains(id))
            return false;
        if (const quint64 copy = row.data(EventLogModel::LinkedTraceIdRole).value<quint64>())
            followed_.insert(copy);
    }
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

} // namespace warren::ui
