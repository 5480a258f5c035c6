// The explorer's main window: the embedded broker (started on its own thread through
// BrokerController), a toolbar to start, stop and restart it, a sidebar of live panels
// over its snapshots (the overview, the events log, the tables), a banner while deliveries
// are paused (step mode), and a status line; when its port is taken, a dialog says by what
// and offers a free one (PortTakenDialog). Window layout and the chosen page are restored
// at start (QSettings). Closing the window stops the broker as SIGTERM does in headless
// mode: clients are told 320 CONNECTION_FORCED and the last group commit is written.
//
// A change of language (Settings → Language) applies at once. The window's own words
// (menus, actions, the navigation) are set again in place. The views are built with their
// words, about a thousand of them in their constructors, so rather than each page naming
// every text twice, they are made anew: the overview, events, flow, simulator and table pages
// and the step banner only show the broker's and the simulation's state, which goes on
// outside them (the broker, its connections and data in BrokerController; the simulated
// clients in the SimulationController the window owns). Each new page takes over, through
// its continueFrom(), what the learner did in the old one that no snapshot brings back
// (history, logs, filters, selections, URLs); the current page stays. The Lessons page
// keeps its object, and its running lesson: it translates itself. Open dialogs keep the
// language they were opened in.
#pragma once

#include "BrokerConfig.h"
#include "BrokerSnapshot.h"

#include <QMainWindow>

class QAction;
class QDialog;
class QListWidget;
class QMenu;
class QStackedWidget;
class QToolBar;

namespace warren {
class BrokerController;
namespace sim {
class SimulationController;
}
}

namespace warren::ui {

class BrokerStatusLine;
class DefinitionsTransfer;
class EventsPanel;
class FlowPage;
class LessonsPage;
class SimulatorPanel;
class ExplorerPanels;
class OverviewPanel;
class StepModeBanner;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const BrokerConfig &config, QWidget *parent = nullptr);
    ~MainWindow() override;

    BrokerController *broker() const { return broker_; }
    DefinitionsTransfer *definitions() const { return definitions_; }
    ExplorerPanels *panels() const { return panels_; }
    EventsPanel *events() const { return events_; }
    FlowPage *flow() const { return flow_; }
    SimulatorPanel *simulator() const { return simulator_; }
    LessonsPage *lessons() const { return lessons_; }
    StepModeBanner *stepBanner() const { return stepBanner_; }
    // Shows the page with this object name ("overview", "queues", ...).
    bool showPage(const QString &name);
    // The names showPage() knows, in the navigation's order.
    QStringList pageNames() const;

public slots:
    void startBroker();
    void stopBroker();
    void restartBroker();
    void editSettings();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createActions();
    // The texts of the menus, actions and toolbar, in the current language.
    void translateActions();
    void createPages();
    // The views over the broker's and the simulation's state (see above).
    void createViews();
    // Every page in the navigation and the page stack, titled in the current language.
    void placeViews();
    // A new page goes at the end; a page of a name already there takes the place of the old
    // one, which is deleted (unless it is `page` itself, as the Lessons page is).
    void setPage(const QString &name, const QString &title, const QIcon &icon, QWidget *page);
    void connectViews();
    void connectPanelRequests();
    // After a change of language: everything said again, the views made anew.
    void retranslate();
    void renewViews();
    // Shows a dialog without blocking the window; it deletes itself when closed.
    void openDialog(QDialog *dialog);
    void connectBroker();
    // After a failed start: when the broker's port is taken, says by what and offers a free one.
    void offerFreePortIfTaken();
    void showSnapshot(const BrokerSnapshot &snapshot);
    void updateActions();
    void restoreLayout();
    void saveLayout();
    // Stops the broker before the window goes; waits at most `timeoutMs`.
    void stopBeforeClosing(int timeoutMs);

    BrokerConfig config_;
    BrokerController *broker_;
    sim::SimulationController *simulation_;
    BrokerStatusLine *status_;
    DefinitionsTransfer *definitions_;
    QListWidget *navigation_;
    QStackedWidget *pages_;
    OverviewPanel *overview_ = nullptr;
    EventsPanel *events_ = nullptr;
    ExplorerPanels *panels_ = nullptr;
    StepModeBanner *stepBanner_ = nullptr;
    FlowPage *flow_ = nullptr;
    SimulatorPanel *simulator_ = nullptr;
    LessonsPage *lessons_;
    bool restartPending_ = false;
    bool brokerStopping_ = false;
    bool closing_ = false;
    // Swapping translators sends several LanguageChange events: the window answers the last.
    bool retranslatePending_ = false;

    QMenu *fileMenu_ = nullptr;
    QMenu *brokerMenu_ = nullptr;
    QMenu *settingsMenu_ = nullptr;
    QToolBar *toolBar_ = nullptr;
    QAction *exportAction_ = nullptr;
    QAction *importAction_ = nullptr;
    QAction *quitAction_ = nullptr;
    QAction *startAction_ = nullptr;
    QAction *stopAction_ = nullptr;
    QAction *restartAction_ = nullptr;
    QAction *settingsAction_ = nullptr;
};

} // namespace warren::ui
