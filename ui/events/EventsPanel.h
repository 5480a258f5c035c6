// The Events page: a live log of what the broker does with each message, one sentence per
// event in the learner's language ("shop published to 'orders' with key 'order.created.eu'",
// "routed to 'orders.audit' by binding '#'", "delivered to audit worker from 'orders.audit'").
//
// The broker's event tap costs nothing while nobody watches, so the page subscribes only
// while it is shown (EventSubscription). Batches arrive every ~30 ms and go into
// an EventLogModel (the last 5,000 events). The status line says honestly what is not
// shown: events of messages the sampler skipped past its budget, events lost because the
// explorer fell behind, events held while scrolling is paused.
#pragma once

#include "BrokerSnapshot.h"
#include "observe/TraceEvent.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace warren {
class BrokerController;
}

namespace warren::ui {

class EventFilter;
class EventLogModel;
class EventLogView;
class EventSubscription;

class EventsPanel : public QWidget {
    Q_OBJECT
public:
    explicit EventsPanel(BrokerController *broker, QWidget *parent = nullptr);

    EventLogModel *model() const { return model_; }
    EventFilter *filter() const;
    QTableView *view() const;
    // Subscribed to the broker's events: while the page is shown.
    bool isWatching() const;
    // Made anew in another language (MainWindow): goes on with the previous page's log, its
    // counts, its filter and whether scrolling is paused.
    void continueFrom(const EventsPanel &previous);

public slots:
    // Names connections and notes whether the broker runs; every snapshot, shown or not.
    void showSnapshot(const warren::BrokerSnapshot &snapshot);
    void addBatch(const warren::observe::TraceBatch &batch);
    // Only this message's events (0: all again).
    void follow(quint64 traceId);

private:
    void setScrollingPaused(bool paused);
    void clear();
    void updateStatus();

    EventSubscription *subscription_;
    EventLogModel *model_;
    EventLogView *view_;
    QComboBox *category_;
    QLineEdit *search_;
    QAction *pause_;
    QAction *clear_;
    QLabel *following_;
    QPushButton *showAll_;
    QLabel *status_;
    bool running_ = false;
    QList<observe::TraceEvent> held_;   // while scrolling is paused
    std::uint64_t untraced_ = 0;
    std::uint64_t lost_ = 0;
    int sampleEvery_ = 1;
};

} // namespace warren::ui
