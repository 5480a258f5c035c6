#include "MainWindow.h"

#include "BrokerController.h"
#include "BrokerStatusLine.h"
#include "models/QueueTableModel.h"
#include "overview/OverviewPanel.h"
#include "settings/ListenerSettings.h"
#include "settings/SettingsDialog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QListWidget>
#include <QMenuBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QToolBar>

namespace warren::ui {

MainWindow::MainWindow(const BrokerConfig &config, QWidget *parent)
    : QMainWindow(parent), config_(config), broker_(new BrokerController(this)),
      status_(new BrokerStatusLine(statusBar())), navigation_(new QListWidget), pages_(new QStackedWidget),
      overview_(new OverviewPanel), queues_(new QueueTableModel(this)), queueView_(new QTableView)
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

    QMenu *brokerMenu = menuBar()->addMenu(tr("&Broker"));
    brokerMenu->addActions({startAction_, stopAction_, restartAction_});
    brokerMenu->addSeparator();
    brokerMenu->addAction(settingsAction_);
    brokerMenu->addSeparator();
    brokerMenu->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QToolBar *toolbar = addToolBar(tr("Broker"));
    toolbar->setObjectName(QStringLiteral("brokerToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addActions({startAction_, stopAction_, restartAction_});
    toolbar->addSeparator();
    toolbar->addAction(settingsAction_);
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

    queueView_->setObjectName(QStringLiteral("queueView"));
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(queues_);
    queueView_->setModel(proxy);
    queueView_->setSortingEnabled(true);
    queueView_->sortByColumn(QueueTableModel::Name, Qt::AscendingOrder);
    queueView_->setSelectionBehavior(QAbstractItemView::SelectRows);
    queueView_->horizontalHeader()->setSectionResizeMode(QueueTableModel::Name, QHeaderView::Stretch);
    queueView_->verticalHeader()->hide();
    addPage(QStringLiteral("queues"), tr("Queues"), QIcon(QStringLiteral(":/icons/queues.svg")), queueView_);

    auto *splitter = new QSplitter;
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(navigation_);
    splitter->addWidget(pages_);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({170, 930});
    setCentralWidget(splitter);
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
    queues_->setQueues(snapshot.queues);
}

void MainWindow::restoreLayout()
{
    const QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1100, 700);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    showPage(settings.value(QStringLiteral("window/page"), QStringLiteral("overview")).toString());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/page"), navigation_->currentItem()
                                                         ? navigation_->currentItem()->data(Qt::UserRole)
                                                         : QVariant(QStringLiteral("overview")));
    event->accept();
}

} // namespace warren::ui
