// The broker's events (observe::TraceEvent) told in words, in the learner's language: one
// sentence per event ("worker 2 published to 'logs' with key 'kern.critical'", "routed to
// 'q1' by binding 'kern.*'", "requeued (connection lost): ..."), a short name for its kind
// and the group it belongs to, for the Events page's columns and filter.
#pragma once

#include "observe/TraceEvent.h"

#include <QCoreApplication>
#include <QString>

namespace warren::ui {

class EventText {
    Q_DECLARE_TR_FUNCTIONS(warren::ui::EventText)
public:
    // What the Events page filters by.
    enum class Category { Messages, Clients, Topology };
    static Category category(observe::EventKind kind);
    static QString categoryName(Category category);   // "Messages", translated

    // "published", "routed", "requeued", ..., translated.
    static QString kindName(observe::EventKind kind);
    // One sentence about `event`; `who` names its connection (the client's connection_name,
    // else its address), empty for events that belong to no connection.
    static QString sentence(const observe::TraceEvent &event, const QString &who);
    // The details the sentence leaves out (virtual host, consumer and delivery tags).
    static QString details(const observe::TraceEvent &event);
    // An exchange's name as the explorer writes it: the default exchange has none.
    static QString exchange(const QByteArray &name);

private:
    static QString routed(const observe::TraceEvent &event);
    static QString settled(const observe::TraceEvent &event, const QString &who);
};

} // namespace warren::ui
