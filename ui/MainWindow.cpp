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
#include "settings/ListenerSettings.h"
#include "settings/SettingsDialog.h"
#include "scenarios/LessonsPage.h"
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

namespace warren::ui {

MainWindow::MainWindow(const BrokerConfig &config, QWidget *parent)
    : QMainWindow(parent), config_(config), broker_(new BrokerController(this)),
      status_(new BrokerStatusLine(statusBar())), definitions_(new DefinitionsTransfer(broker_, this)), navigation_(new QListWidget), pages_(new QStackedWidget),
      overview_(new OverviewPanel), events_(new EventsPanel(broker_)), panels_(new ExplorerPanels(broker_, this)),
      stepBanner_(new StepModeBanner(broker_)), flow_(new FlowPage(broker_)),
      simulator_(new SimulatorPanel(broker_)), lessons_(new LessonsPage)
{
    setWindowTitle(tr("Warren"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/warren.svg")));
    createActions();
    createPages();
    connectBroker();
    restoreLayout();
    startBroker();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QStyle *style = QApplication::style();
    startAction_ = new QAction(style->standardIcon(QStyle::SP_MediaPlay), tr("&Start broker"), this);
    stopAction_ = new QAction(style->standardIcon(QStyle::SP_MediaStop), tr("S&top broker"), this);
    restartAction_ = new QAction(style->standardIcon(QStyle::SP_BrowserReload), tr("&Restart broker"), this);
    settingsAction_ = new QAction(style->standardIcon(QStyle::SP_FileDialogDetailedView), tr("Se&ttings…"), this);
    startAction_->setObjectName(QStringLiteral("startBroker"));
    stopAction_->setObjectName(QStringLiteral("stopBroker"));
    restartAction_->setObjectName(QStringLiteral("restartBroker"));
    settingsAction_->setObjectName(QStringLiteral("brokerSettings"));
    connect(startAction_, &QAction::triggered, this, &MainWindow::startBroker);
    connect(stopAction_, &QAction::triggered, this, &MainWindow::stopBroker);
    connect(restartAction_, &QAction::triggered, this, &MainWindow::restartBroker);
    connect(settingsAction_, &QAction::triggered, this, &MainWindow::editSettings);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *exportAction = fileMenu->addAction(style->standardIcon(QStyle::SP_DialogSaveButton),
                                                tr("&Export definitions…"), this, [this] { definitions_->exportTo(); });
    QAction *importAction = fileMenu->addAction(style->standardIcon(QStyle::SP_DialogOpenButton),
                                                tr("&Import definitions…"), this, [this] { definitions_->importFrom(); });
    exportAction->setObjectName(QStringLiteral("exportDefinitions"));
    importAction->setObjectName(QStringLiteral("importDefinitions"));
    exportAction->setToolTip(tr("Save exchanges, queues, bindings, users and virtual hosts as a RabbitMQ "
                                "definitions file"));
    importAction->setToolTip(tr("Create what a RabbitMQ definitions file describes"));
    fileMenu->addAction(flow_->exportAction());
    fileMenu->addSeparator();
    fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    connect(definitions_, &DefinitionsTransfer::finished, this,
            [this](const QString &summary) { statusBar()->showMessage(summary, 5000); });
    connect(definitions_, &DefinitionsTransfer::imported, this, [this](const QString &report, bool ok) {
        auto *box = new QMessageBox(ok ? QMessageBox::Information : QMessageBox::Warning, tr("Import definitions"),
                                    report.section(QLatin1Char('\n'), 0, 0), QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("importReport"));
        box->setDetailedText(report);
        openDialog(box);
    });

    QMenu *brokerMenu = menuBar()->addMenu(tr("&Broker"));
    brokerMenu->addActions({startAction_, stopAction_, restartAction_});
    brokerMenu->addSeparator();
    brokerMenu->addAction(settingsAction_);

    QToolBar *toolbar = addToolBar(tr("Broker"));
    toolbar->setObjectName(QStringLiteral("brokerToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addActions({startAction_, stopAction_, restartAction_});
    toolbar->addSeparator();
    toolbar->addAction(settingsAction_);
    toolbar->addSeparator();
    toolbar->addActions({exportAction, importAction});
}

void MainWindow::createPages()
{
    navigation_->setObjectName(QStringLiteral("navigation"));
    navigation_->setIconSize(QSize(20, 20));
    navigation_->setMinimumWidth(150);
    navigation_->setStyleSheet(QStringLiteral("QListWidget::item { padding: 6px 4px; }"));
    pages_->setObjectName(QStringLiteral("pages"));
    connect(navigation_, &QListWidget::currentRowChanged, pages_, &QStackedWidget::setCurrentIndex);

    addPage(QStringLiteral("overview"), tr("Overview"), QIcon(QStringLiteral(":/icons/overview.svg")), overview_);
    addPage(QStringLiteral("events"), tr("Events"), QIcon(QStringLiteral(":/icons/events.svg")), events_);
    addPage(QStringLiteral("flow"), tr("Flow"), QIcon(QStringLiteral(":/icons/flow.svg")), flow_);
    addPage(QStringLiteral("simulator"), tr("Simulator"), QIcon(QStringLiteral(":/icons/simulator.svg")), simulator_);
    addPage(QStringLiteral("lessons"), tr("Lessons"), QIcon(QStringLiteral(":/icons/lessons.svg")), lessons_);
    connect(flow_, &FlowPage::message, this, [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(lessons_, &LessonsPage::message, this, [this](const QString &text) { statusBar()->showMessage(text, 8000); });

    for (const ExplorerPanels::Page &page : panels_->pages())
        addPage(page.name, page.title, page.icon, page.panel);
    connectPanelRequests();

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
    connect(stepBanner_, &StepModeBanner::message, this, [this](const QString &text) {
        statusBar()->showMessage(text, 8000);
    });
    navigation_->setCurrentRow(0);
}

void MainWindow::addPage(const QString &name, const QString &title, const QIcon &icon, QWidget *page)
{
    if (page->objectName().isEmpty())
        page->setObjectName(name);
    auto *item = new QListWidgetItem(icon, title, navigation_);
    item->setData(Qt::UserRole, name);
    pages_->addWidget(page);
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
    connect(broker_, &BrokerController::started, this, [this](const QStringList &on) {
        status_->showRunning(on);
        updateActions();
    });
    connect(broker_, &BrokerController::failed, this, [this](const QString &error) {
        status_->showFailed(error);
        updateActions();
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
