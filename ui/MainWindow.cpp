#include "MainWindow.h"

#include "BrokerController.h"
#include "models/QueueTableModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

namespace warren::ui {

MainWindow::MainWindow(const BrokerConfig &config, QWidget *parent)
    : QMainWindow(parent), broker_(new BrokerController(this)), queues_(new QueueTableModel(this)),
      status_(new QLabel(tr("Starting the broker…"))), connections_(new QLabel), queueView_(new QTableView)
{
    setWindowTitle(tr("Warren"));
    status_->setObjectName(QStringLiteral("brokerStatus"));
    connections_->setObjectName(QStringLiteral("brokerTotals"));
    queueView_->setObjectName(QStringLiteral("queueView"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/warren.svg")));

    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(queues_);
    queueView_->setModel(proxy);
    queueView_->setSortingEnabled(true);
    queueView_->sortByColumn(QueueTableModel::Name, Qt::AscendingOrder);
    queueView_->setSelectionBehavior(QAbstractItemView::SelectRows);
    queueView_->horizontalHeader()->setSectionResizeMode(QueueTableModel::Name, QHeaderView::Stretch);
    queueView_->verticalHeader()->hide();

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(status_);
    layout->addWidget(connections_);
    layout->addWidget(queueView_);
    setCentralWidget(central);
    resize(820, 520);

    connect(broker_, &BrokerController::started, this, [this](const QStringList &on) {
        status_->setText(tr("Listening on %1").arg(on.join(QStringLiteral(", "))));
        statusBar()->showMessage(tr("Broker running"));
    });
    connect(broker_, &BrokerController::failed, this, [this](const QString &error) {
        status_->setText(tr("The broker could not start: %1").arg(error));
        statusBar()->showMessage(tr("Broker stopped"));
    });
    connect(broker_, &BrokerController::snapshotUpdated, this, &MainWindow::showSnapshot);
    broker_->start(config);
}

MainWindow::~MainWindow() = default;

void MainWindow::showSnapshot(const BrokerSnapshot &snapshot)
{
    connections_->setText(tr("%n connection(s) · %1 messages ready · %2 unacknowledged", nullptr,
                             int(snapshot.connections.size()))
                              .arg(snapshot.totalReady())
                              .arg(snapshot.totalUnacked()));
    queues_->setQueues(snapshot.queues);
}

} // namespace warren::ui
