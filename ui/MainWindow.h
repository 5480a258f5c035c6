// The explorer's main window: the embedded broker (started on its own thread through
// BrokerController), a toolbar to start, stop and restart it, a sidebar of live panels
// over its snapshots (the overview, the events log, the tables), a banner while deliveries
// are paused (step mode), and a status line. Window layout and the chosen page are restored
// at start (QSettings). Closing the window stops the broker as SIGTERM does in headless
// mode: clients are told 320 CONNECTION_FORCED and the last group commit is written.
#pragma once

#include "BrokerConfig.h"
#include "BrokerSnapshot.h"

#include <QMainWindow>

class QAction;
class QDialog;
class QListWidget;
class QStackedWidget;

namespace warren {
class BrokerController;
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

private:
    void createActions();
    void createPages();
    void addPage(const QString &name, const QString &title, const QIcon &icon, QWidget *page);
    void connectPanelRequests();
    // Shows a dialog without blocking the window; it deletes itself when closed.
    void openDialog(QDialog *dialog);
    void connectBroker();
    void showSnapshot(const BrokerSnapshot &snapshot);
    void updateActions();
    void restoreLayout();
    void saveLayout();
    // Stops the broker before the window goes; waits at most `timeoutMs`.
    void stopBeforeClosing(int timeoutMs);

    BrokerConfig config_;
    BrokerController *broker_;
    BrokerStatusLine *status_;
    DefinitionsTransfer *definitions_;
    QListWidget *navigation_;
    QStackedWidget *pages_;
    OverviewPanel *overview_;
    EventsPanel *events_;
    ExplorerPanels *panels_;
    StepModeBanner *stepBanner_;
    FlowPage *flow_;
    SimulatorPanel *simulator_;
    LessonsPage *lessons_;
    bool restartPending_ = false;
    bool brokerStopping_ = false;
    bool closing_ = false;

    QAction *startAction_ = nullptr;
    QAction *stopAction_ = nullptr;
    QAction *restartAction_ = nullptr;
    QAction *settingsAction_ = nullptr;
};

} // namespace warren::ui
