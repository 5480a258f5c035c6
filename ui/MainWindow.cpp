#include "MainWindow.h"

#include "BrokerController.h"
#include "BrokerStatusLine.h"
#include "DefinitionsTransfer.h"
#include "dialogs/BindDialog.h"
#include "dialogs/DeclareExchangeDialog.h"
#include "dialogs/DeclareQueueDialog.h"
#include "dialogs/GetMessagesDialog.h"
#include "dialogs/MoveMessagesDialog.h"
#include "dialogs/PublishDialog.h"
#include "events/EventsPanel.h"
#include "flow/FlowPage.h"
#include "panels/EntityPanel.h"
#include "panels/ExplorerPanels.h"
#include "overview/OverviewPanel.h"
#include "settings/LanguageMenu.h"
#include "settings/ListenerSettings.h"
#include "settings/PortTakenDialog.h"
#include "settings/SettingsDialog.h"
#include "scenarios/LessonsPage.h"
#include "sim/SimulationController.h"
#include "simulator/SimulatorPanel.h"
#include "stepmode/StepModeBanner.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QEventLoop>
#include <QListWidget>
#include <QMessageBox>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <utility>

namespace warren::ui {

MainWindow::MainWindow(const BrokerConfig &config, QWidget *parent)
    : QMainWindow(parent), config_(config), broker_(new BrokerController(this)),
      simulation_(new sim::SimulationController(this)), status_(new BrokerStatusLine(statusBar())),
      definitions_(new DefinitionsTransfer(broker_, this)), navigation_(new QListWidget),
      pages_(new QStackedWidget), lessons_(new LessonsPage)
{
    setWindowIcon(QIcon(QStringLiteral(":/icons/warren.svg")));
    createActions();
    createPages();
    translateActions();
    connectBroker();
    restoreLayout();
    startBroker();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    const auto action = [this](QStyle::StandardPixmap icon, const char *name) {
        auto *a = new QAction(QApplication::style()->standardIcon(icon), QString(), this);
        a->setObjectName(QLatin1String(name));
        return a;
    };
    startAction_ = action(QStyle::SP_MediaPlay, "startBroker");
    stopAction_ = action(QStyle::SP_MediaStop, "stopBroker");
    restartAction_ = action(QStyle::SP_BrowserReload, "restartBroker");
    settingsAction_ = action(QStyle::SP_FileDialogDetailedView, "brokerSettings");
    exportAction_ = action(QStyle::SP_DialogSaveButton, "exportDefinitions");
    importAction_ = action(QStyle::SP_DialogOpenButton, "importDefinitions");
    quitAction_ = new QAction(this);
    quitAction_->setShortcut(QKeySequence::Quit);
    connect(startAction_, &QAction::triggered, this, &MainWindow::startBroker);
    connect(stopAction_, &QAction::triggered, this, &MainWindow::stopBroker);
    connect(restartAction_, &QAction::triggered, this, &MainWindow::restartBroker);
    connect(settingsAction_, &QAction::triggered, this, &MainWindow::editSettings);
    connect(exportAction_, &QAction::triggered, this, [this] { definitions_->exportTo(); });
    connect(importAction_, &QAction::triggered, this, [this] { definitions_->importFrom(); });
    connect(quitAction_, &QAction::triggered, this, &QWidget::close);
    connect(definitions_, &DefinitionsTransfer::finished, this,
            [this](const QString &summary) { statusBar()->showMessage(summary, 5000); });
    connect(definitions_, &DefinitionsTransfer::imported, this, [this](const QString &report, bool ok) {
        auto *box = new QMessageBox(ok ? QMessageBox::Information : QMessageBox::Warning, tr("Import definitions"),
                                    report.section(QLatin1Char('\n'), 0, 0), QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("importReport"));
        box->setDetailedText(report);
        openDialog(box);
    });

    fileMenu_ = menuBar()->addMenu(QString());   // filled by connectViews()
    brokerMenu_ = menuBar()->addMenu(QString());
    brokerMenu_->addActions({startAction_, stopAction_, restartAction_});
    brokerMenu_->addSeparator();
    brokerMenu_->addAction(settingsAction_);
    settingsMenu_ = menuBar()->addMenu(QString());
    settingsMenu_->setObjectName(QStringLiteral("settingsMenu"));
    settingsMenu_->addAction(settingsAction_);
    settingsMenu_->addMenu(new LanguageMenu(settingsMenu_));

    toolBar_ = addToolBar(QString());
    toolBar_->setObjectName(QStringLiteral("brokerToolbar"));
    toolBar_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar_->addActions({startAction_, stopAction_, restartAction_});
    toolBar_->addSeparator();
    toolBar_->addAction(settingsAction_);
    toolBar_->addSeparator();
    toolBar_->addActions({exportAction_, importAction_});
}

void MainWindow::translateActions()
{
    setWindowTitle(tr("Warren"));
    fileMenu_->setTitle(tr("&File"));
    brokerMenu_->setTitle(tr("&Broker"));
    settingsMenu_->setTitle(tr("&Settings"));
    toolBar_->setWindowTitle(tr("Broker"));
    startAction_->setText(tr("&Start broker"));
    stopAction_->setText(tr("S&top broker"));
    restartAction_->setText(tr("&Restart broker"));
    settingsAction_->setText(tr("Broker se&ttings…"));
    exportAction_->setText(tr("&Export definitions…"));
    exportAction_->setToolTip(tr("Save exchanges, queues, bindings, users and virtual hosts as a RabbitMQ "
                                 "definitions file"));
    importAction_->setText(tr("&Import definitions…"));
    importAction_->setToolTip(tr("Create what a RabbitMQ definitions file describes"));
    quitAction_->setText(tr("&Quit"));
}

void MainWindow::createPages()
{
    navigation_->setObjectName(QStringLiteral("navigation"));
    navigation_->setIconSize(QSize(20, 20));
    navigation_->setMinimumWidth(150);
    navigation_->setStyleSheet(QStringLiteral("QListWidget::item { padding: 6px 4px; }"));
    pages_->setObjectName(QStringLiteral("pages"));
    connect(navigation_, &QListWidget::currentRowChanged, pages_, &QStackedWidget::setCurrentIndex);
    createViews();
    placeViews();
    connectViews();
    connect(lessons_, &LessonsPage::message, this, [this](const QString &text) { statusBar()->showMessage(text, 8000); });

    auto *splitter = new QSplitter;
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(navigation_);
    splitter->addWidget(pages_);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({170, 930});
    // The step mode banner spans the window: whichever page is open, it says why consumers
    // get nothing.
    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto *banner = new QVBoxLayout;
    banner->setContentsMargins(6, 6, 6, 0);
    banner->addWidget(stepBanner_);
    layout->addLayout(banner);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);
    navigation_->setCurrentRow(0);
}

void MainWindow::createViews()
{
    overview_ = new OverviewPanel;
    events_ = new EventsPanel(broker_);
    flow_ = new FlowPage(broker_);
    simulator_ = new SimulatorPanel(broker_, simulation_);
    panels_ = new ExplorerPanels(broker_, this);
    stepBanner_ = new StepModeBanner(broker_);
}

void MainWindow::placeViews()
{
    setPage(QStringLiteral("overview"), tr("Overview"), QIcon(QStringLiteral(":/icons/overview.svg")), overview_);
    setPage(QStringLiteral("events"), tr("Events"), QIcon(QStringLiteral(":/icons/events.svg")), events_);
    setPage(QStringLiteral("flow"), tr("Flow"), QIcon(QStringLiteral(":/icons/flow.svg")), flow_);
    setPage(QStringLiteral("simulator"), tr("Simulator"), QIcon(QStringLiteral(":/icons/simulator.svg")), simulator_);
    setPage(QStringLiteral("lessons"), tr("Lessons"), QIcon(QStringLiteral(":/icons/lessons.svg")), lessons_);
    for (const ExplorerPanels::Page &page : panels_->pages())
        setPage(page.name, page.title, page.icon, page.panel);
}

void MainWindow::setPage(const QString &name, const QString &title, const QIcon &icon, QWidget *page)
{
    if (page->objectName().isEmpty())
        page->setObjectName(name);
    const int row = int(pageNames().indexOf(name));
    if (row < 0) {
        auto *item = new QListWidgetItem(icon, title, navigation_);
        item->setData(Qt::UserRole, name);
        pages_->addWidget(page);
        return;
    }
    navigation_->item(row)->setText(title);
    QWidget *previous = pages_->widget(row);
    if (previous == page)
        return;
    pages_->insertWidget(row, page);
    if (pages_->currentWidget() == previous)
        pages_->setCurrentWidget(page);
    delete previous;   // leaves the stack by itself
}

void MainWindow::connectViews()
{
    const auto toStatusBar = [this](const QString &text) { statusBar()->showMessage(text, 8000); };
    connect(flow_, &FlowPage::message, this, toStatusBar);
    connect(stepBanner_, &StepModeBanner::message, this, toStatusBar);
    connectPanelRequests();
    // The Flow page's "Export graph…" is listed with the definitions.
    fileMenu_->clear();
    fileMenu_->addActions({exportAction_, importAction_, flow_->exportAction()});
    fileMenu_->addSeparator();
    fileMenu_->addAction(quitAction_);
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::LanguageChange && !std::exchange(retranslatePending_, true))
        QMetaObject::invokeMethod(this, &MainWindow::retranslate, Qt::QueuedConnection);
}

void MainWindow::retranslate()
{
    retranslatePending_ = false;
    translateActions();
    renewViews();
    status_->retranslate();
}

void MainWindow::renewViews()
{
    OverviewPanel *const overview = overview_;
    EventsPanel *const events = events_;
    FlowPage *const flow = flow_;
    SimulatorPanel *const simulator = simulator_;
    ExplorerPanels *const panels = panels_;
    StepModeBanner *const banner = stepBanner_;
    createViews();
    // The tables take their rows now rather than with the next snapshot: a selected row must
    // be there to be selected again.
    const BrokerSnapshot shown = broker_->isRunning() ? broker_->lastSnapshot() : BrokerSnapshot{};
    panels_->showSnapshot(shown);
    panels_->continueFrom(*panels);
    overview_->continueFrom(*overview);
    events_->continueFrom(*events);
    flow_->continueFrom(*flow);
    simulator_->continueFrom(*simulator);
    placeViews();   // deletes the previous pages
    delete panels;
    delete centralWidget()->layout()->replaceWidget(banner, stepBanner_);   // the old item is ours
    delete banner;
    stepBanner_->showSnapshot(shown);   // once in the window: it shows or hides itself
    connectViews();
}

void MainWindow::connectPanelRequests()
{
    const auto snapshot = [this] { return broker_->lastSnapshot(); };
    connect(panels_, &ExplorerPanels::message, this, [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(panels_, &ExplorerPanels::declareQueueRequested, this, [=, this](const QString &vhost) {
        openDialog(new DeclareQueueDialog(broker_, snapshot(), vhost, this));
    });
    connect(panels_, &ExplorerPanels::declareExchangeRequested, this, [=, this](const QString &vhost) {
        openDialog(new DeclareExchangeDialog(broker_, snapshot(), vhost, this));
    });
    connect(panels_, &ExplorerPanels::bindRequested, this, [=, this](const QString &vhost, const QString &source) {
        management::BindingSpec preset;
        preset.vhost = vhost;
        preset.source = source;
        openDialog(new BindDialog(broker_, snapshot(), preset, this));
    });
    connect(panels_, &ExplorerPanels::publishToExchangeRequested, this,
            [=, this](const QString &vhost, const QString &exchange) {
                openDialog(new PublishDialog(broker_, snapshot(), vhost, exchange, {}, this));
            });
    // To a queue: through the default exchange, whose routing key is the queue's name.
    connect(panels_, &ExplorerPanels::publishToQueueRequested, this,
            [=, this](const QString &vhost, const QString &queue) {
                openDialog(new PublishDialog(broker_, snapshot(), vhost, {}, queue, this));
            });
    connect(panels_, &ExplorerPanels::getMessagesRequested, this, [this](const QString &vhost, const QString &queue) {
        openDialog(new GetMessagesDialog(broker_, vhost, queue, this));
    });
    connect(panels_, &ExplorerPanels::moveMessagesRequested, this,
            [=, this](const QString &vhost, const QString &queue) {
                openDialog(new MoveMessagesDialog(broker_, snapshot(), vhost, queue, this));
            });
}

void MainWindow::openDialog(QDialog *dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

bool MainWindow::showPage(const QString &name)
{
    for (int row = 0; row < navigation_->count(); ++row) {
        if (navigation_->item(row)->data(Qt::UserRole).toString() == name) {
            navigation_->setCurrentRow(row);
            return true;
        }
    }
    return false;
}

QStringList MainWindow::pageNames() const
{
    QStringList names;
    for (int row = 0; row < navigation_->count(); ++row)
        names.append(navigation_->item(row)->data(Qt::UserRole).toString());
    return names;
}

void MainWindow::connectBroker()
{
    connect(broker_, &BrokerController::started, this, [this](const QStringList &on, const QStringList &tlsOn) {
        status_->showRunning(on, tlsOn);
        updateActions();
    });
    connect(broker_, &BrokerController::failed, this, [this](const QString &error) {
        status_->showFailed(error);
        updateActions();
        offerFreePortIfTaken();
    });
    connect(broker_, &BrokerController::stopped, this, [this] {
        brokerStopping_ = false;
        status_->showStopped();
        panels_->showSnapshot(BrokerSnapshot{});   // nothing is there while it is stopped
        stepBanner_->showSnapshot(BrokerSnapshot{});
        events_->showSnapshot(BrokerSnapshot{});
        if (restartPending_) {
            restartPending_ = false;
            startBroker();
        }
        updateActions();
    });
    connect(broker_, &BrokerController::snapshotUpdated, this, &MainWindow::showSnapshot);
}

void MainWindow::startBroker()
{
    if (broker_->isRunning())
        return;
    overview_->clearHistory();
    status_->showStarting();
    broker_->start(config_);
}

void MainWindow::offerFreePortIfTaken()
{
    if (!portTaken(config_.port, config_.bindAddresses))
        return;
    auto *dialog = new PortTakenDialog(config_.port, PortOwner::of(config_.port),
                                       freePortAfter(config_.port, config_.bindAddresses), this);
    connect(dialog, &PortTakenDialog::startRequested, this, [this](quint16 port) {
        config_.port = port;
        startBroker();
    });
    openDialog(dialog);
}

void MainWindow::stopBroker()
{
    if (!broker_->isRunning() || brokerStopping_)
        return;
    brokerStopping_ = true;
    status_->showStopping();
    broker_->stop();
    updateActions();
}

void MainWindow::restartBroker()
{
    if (!broker_->isRunning())
        return startBroker();
    restartPending_ = true;
    stopBroker();
}

void MainWindow::editSettings()
{
    SettingsDialog dialog(ListenerSettings::from(config_), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ListenerSettings chosen = dialog.settings();
    chosen.save();
    chosen.applyTo(config_);
    restartBroker();
}

void MainWindow::updateActions()
{
    const bool running = broker_->isRunning();
    startAction_->setEnabled(!running && !brokerStopping_);
    stopAction_->setEnabled(running && !brokerStopping_);
    restartAction_->setEnabled(!brokerStopping_);
}

void MainWindow::showSnapshot(const BrokerSnapshot &snapshot)
{
    overview_->showSnapshot(snapshot);
    status_->showSnapshot(snapshot, overview_->history());
    panels_->showSnapshot(snapshot);
    events_->showSnapshot(snapshot);
    stepBanner_->showSnapshot(snapshot);
}

void MainWindow::restoreLayout()
{
    const QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1100, 700);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    showPage(settings.value(QStringLiteral("window/page"), QStringLiteral("overview")).toString());
}

void MainWindow::saveLayout()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/page"), navigation_->currentItem()
                                                         ? navigation_->currentItem()->data(Qt::UserRole)
                                                         : QVariant(QStringLiteral("overview")));
}

// Closing is a clean shutdown, as SIGTERM is in headless mode: clients hear
// 320 CONNECTION_FORCED and can reconnect elsewhere, the store writes its last group commit.
// Not a reset: a client must not see its socket simply vanish.
void MainWindow::closeEvent(QCloseEvent *event)
{
    // A second close while the first one waits for the broker would end that wait early
    // (closing the last window quits every event loop).
    if (closing_)
        return event->ignore();
    closing_ = true;
    saveLayout();
    stopBeforeClosing(5000);
    closing_ = false;
    event->accept();
}

void MainWindow::stopBeforeClosing(int timeoutMs)
{
    restartPending_ = false;
    if (!broker_->isRunning())
        return;   // stopped or never started: nothing to wait for
    status_->showStopping();
    if (!brokerStopping_) {
        brokerStopping_ = true;
        broker_->stopAndWait(timeoutMs);
        return;
    }
    // A stop is already under way (the toolbar's): wait for it rather than stop twice.
    QEventLoop loop;
    connect(broker_, &BrokerController::stopped, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (broker_->isRunning())
        loop.exec();
}

} // namespace warren::ui
