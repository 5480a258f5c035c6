// What the Events page shows of its log: one group of events (messages, clients,
// declarations) or all, rows containing a text, and optionally one message only, followed
// end to end (with the copies dead-lettering made of it).
#pragma once

#include <QSet>
#include <QSortFilterProxyModel>

namespace warren::ui {

class EventFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit EventFilter(QObject *parent = nullptr);

    // -1: every group; else an EventText::Category.
    void setCategory(int category);
    // 0: every message.
    void follow(quint64 traceId);
    quint64 following() const { return following_; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int category_ = -1;
    quint64 following_ = 0;
    // The followed message and its dead-lettered copies, found as their rows are filtered
    // (in order: a copy's dead_lettered event comes before the copy's own events).
    mutable QSet<quint64> followed_;
};

} // namespace warren::ui
