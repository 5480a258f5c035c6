// An event log as a table, as the Events and Flow pages show it, through its own filter:
// whole rows selected, fixed row heights (the view need not measure thousands of rows), the
// time and message columns as wide as their contents and the sentence taking the rest; new
// rows followed only while the view is at the bottom. It also makes the controls of its
// filter, for the page to place.
#pragma once

#include "observe/TraceEvent.h"

#include <QTableView>

class QComboBox;
class QLineEdit;

namespace warren::ui {

class EventFilter;
class EventLogModel;

class EventLogView : public QTableView {
    Q_OBJECT
public:
    explicit EventLogView(EventLogModel *log, QWidget *parent = nullptr);

    EventFilter *filter() const { return filter_; }
    // The event shown in a row of this view.
    const observe::TraceEvent &eventAt(const QModelIndex &index) const;
    // Adds events to the log. The view follows the newest rows only when it is already at
    // the bottom: someone who scrolled up to read is not pulled away.
    void append(const QList<observe::TraceEvent> &events);

    // "All events" or one group of them (messages, clients, declarations).
    QComboBox *createCategoryChooser();
    // A text the rows must contain.
    QLineEdit *createSearchField();

private:
    EventLogModel *log_;
    EventFilter *filter_;
};

} // namespace warren::ui
