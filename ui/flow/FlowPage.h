// The Flow page: the live routing graph of one virtual host (producers → exchanges → queues
// → consumers, exact counters on every edge), messages moving along the edges they took
// (a sample, and the page says so), a log of recent events, the broker's explanation of a
// clicked message's route, and step mode. Shortcuts: Space pauses or resumes deliveries,
// N steps one message, Ctrl+E writes flow-<date-time>.svg and .png into the current
// directory.
//
// Like the Events page it subscribes to the broker's events only while it is shown
// (EventSubscription), and a hidden page does not rebuild its graph.
#pragma once

#include "BrokerSnapshot.h"
#include "FlowGraph.h"
#include "RecentDeliveries.h"
#include "observe/TraceEvent.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace warren {
class BrokerController;
}

namespace warren::ui {

class EventLogModel;
class EventLogView;
class EventSubscription;
class FlowAnimator;
class FlowClock;
class FlowExplanation;
class FlowScene;
class FlowView;

class FlowPage : public QWidget {
    Q_OBJECT
public:
    explicit FlowPage(BrokerController *broker, QWidget *parent = nullptr);

    FlowScene *scene() const { return scene_; }
    FlowView *view() const { return view_; }
    FlowAnimator *animator() const { return animator_; }
    EventLogModel *log() const { return log_; }
    EventLogView *logView() const { return logView_; }
    FlowExplanation *explanation() const { return explanation_; }
    // For the main window's File menu: asks where to write the SVG and PNG.
    QAction *exportAction() const { return exportAs_; }
    bool isWatching() const;
    QString vhost() const;
    // Not owned; null: the steady clock. Tests stop time with a ManualClock.
    void setClock(FlowClock *clock);
    // Made anew in another language (MainWindow): goes on with the previous page's virtual
    // host, its "only what has traffic", its last snapshot and its log. Dots in flight and the
    // zoom start afresh.
    void continueFrom(const FlowPage &previous);

public slots:
    void showSnapshot(const warren::BrokerSnapshot &snapshot);
    void addBatch(const warren::observe::TraceBatch &batch);
    // Asks the broker why this message went where it went, and shows the answer.
    void explainMessage(quint64 traceId);
    // Writes <base>.svg and <base>.png; says where in message().
    bool exportTo(const QString &base);
    void exportToCurrentDirectory();

signals:
    // For the status bar.
    void message(const QString &text);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QWidget *createToolBar();
    QWidget *createLog();
    void createShortcuts();
    void rebuildGraph();
    void updateVHosts(const BrokerSnapshot &snapshot);
    void updateNotes();
    void explainRow(const observe::TraceEvent &event);
    void togglePause();
    void step();
    void setPaused(bool paused);
    void exportAs();

    QPointer<BrokerController> broker_;
    EventSubscription *subscription_;
    FlowScene *scene_;
    FlowView *view_;
    FlowAnimator *animator_;
    EventLogModel *log_;
    EventLogView *logView_;
    FlowExplanation *explanation_;
    QComboBox *vhosts_;
    QCheckBox *onlyTraffic_;
    QLabel *notes_;
    QAction *pause_;
    QAction *step_;
    QAction *resume_;
    QAction *exportAs_;
    BrokerSnapshot snapshot_;
    RecentDeliveries recent_;
    QHash<QString, QPointF> dragged_;
    bool stale_ = true;   // a snapshot came while hidden
    int sampleEvery_ = 1;
};

} // namespace warren::ui
