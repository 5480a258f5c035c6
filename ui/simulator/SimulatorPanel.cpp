#include "SimulatorPanel.h"

#include "ClientTable.h"
#include "ConsumerDialog.h"
#include "LocalBrokerUrl.h"
#include "ProducerDialog.h"
#include "ReceivedModel.h"
#include "SimulatorTables.h"

#include "BrokerController.h"
#include "sim/SimulationController.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

namespace warren::ui {

using sim::ClientCommand;

SimulatorPanel::SimulatorPanel(BrokerController *broker, sim::SimulationController *simulation, QWidget *parent)
    : QWidget(parent), simulation_(simulation), url_(new QLineEdit),
      useLocal_(new QPushButton(tr("This window's broker"))), urlStatus_(new QLabel),
      receivedModel_(new ReceivedModel(this)), received_(new QTableView)
{
    auto *intro = new QLabel(tr("Simulated producers and consumers are real AMQP clients: each has its own "
                                "connection to the broker below and appears on the Connections page under its "
                                "name. Add them, then watch what each one sends, receives and acknowledges."));
    intro->setObjectName(QStringLiteral("simulatorIntro"));
    intro->setWordWrap(true);
    createProducerTable();
    createConsumerTable();

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->setObjectName(QStringLiteral("simulatorSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(producers_);
    splitter->addWidget(consumers_);
    splitter->addWidget(createReceivedSection());
    splitter->setSizes({150, 170, 260});

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(createUrlRow());
    layout->addWidget(splitter, 1);

    connect(simulation_, &sim::SimulationController::snapshotUpdated, this, &SimulatorPanel::showSimulation);
    connect(broker, &BrokerController::started, this, &SimulatorPanel::setLocalBroker);
    if (broker->isRunning())
        setLocalBroker(broker->lastSnapshot().listeningOn);
    showUrlStatus();
    showSimulation(simulation_->lastSnapshot());
}

SimulatorPanel::~SimulatorPanel() = default;

void SimulatorPanel::continueFrom(const SimulatorPanel &previous)
{
    localUrl_ = previous.localUrl_;
    url_->setText(previous.url_->text());
    producersAdded_ = previous.producersAdded_;
    consumersAdded_ = previous.consumersAdded_;
    if (const auto id = previous.producers_->selectedId())
        producers_->selectWhenListed(*id);
    if (const auto id = previous.consumers_->selectedId())
        consumers_->selectWhenListed(*id);
}

QWidget *SimulatorPanel::createUrlRow()
{
    url_->setObjectName(QStringLiteral("brokerUrl"));
    url_->setPlaceholderText(tr("amqp://user:password@host:port/vhost"));
    url_->setToolTip(tr("New clients connect here; clients already added keep their broker."));
    useLocal_->setObjectName(QStringLiteral("useLocalBroker"));
    urlStatus_->setObjectName(QStringLiteral("urlStatus"));
    urlStatus_->setStyleSheet(QStringLiteral("color: #555555"));
    connect(url_, &QLineEdit::textChanged, this, &SimulatorPanel::showUrlStatus);
    connect(useLocal_, &QPushButton::clicked, this, [this] { url_->setText(localUrl_); });

    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Broker:")));
    layout->addWidget(url_, 2);
    layout->addWidget(useLocal_);
    layout->addWidget(urlStatus_, 3);
    return row;
}

void SimulatorPanel::createProducerTable()
{
    producers_ = new ClientTable(tr("Producers"), new ProducerTableModel(SimulatorTables::producers()));
    producers_->setObjectName(QStringLiteral("producers"));
    addProducer_ = producers_->addAction(QStringLiteral("addProducer"), tr("Add producer…"),
                                         tr("A new producer with its own connection, started at once"),
                                         [this] { addProducer(); });
    const auto command = [this](ClientCommand c) { return [this, c](quint32 id) { simulation_->command(id, c); }; };
    producers_->addCommand(QStringLiteral("startProducer"), tr("Start"),
                           tr("Publish: another burst, or the rate again after a pause"), command(ClientCommand::Start));
    producers_->addCommand(QStringLiteral("pauseProducer"), tr("Pause"), tr("Stop publishing and stay connected"),
                           command(ClientCommand::Pause));
    producers_->addCommand(QStringLiteral("stopProducer"), tr("Stop"), tr("Stop publishing and close the connection"),
                           command(ClientCommand::Stop));
    producers_->addCommand(QStringLiteral("removeProducer"), tr("Remove"), tr("Close its connection and remove it"),
                           command(ClientCommand::Remove));
}

void SimulatorPanel::createConsumerTable()
{
    consumers_ = new ClientTable(tr("Consumers"), new ConsumerTableModel(SimulatorTables::consumers()));
    consumers_->setObjectName(QStringLiteral("consumers"));
    addConsumer_ = consumers_->addAction(QStringLiteral("addConsumer"), tr("Add consumer…"),
                                         tr("A new consumer with its own connection, started at once"),
                                         [this] { addConsumer(); });
    const auto command = [this](ClientCommand c) { return [this, c](quint32 id) { simulation_->command(id, c); }; };
    consumers_->addCommand(QStringLiteral("startConsumer"), tr("Start"), tr("Connect (if needed) and consume"),
                           command(ClientCommand::Start));
    consumers_->addCommand(QStringLiteral("stopConsumer"), tr("Stop"),
                           tr("Cancel the consumer and close its connection: what it has not acknowledged goes back "
                              "to the queue"),
                           command(ClientCommand::Stop));
    consumers_->addCommand(QStringLiteral("crashConsumer"), tr("Crash"),
                           tr("Cut the connection now, without closing it: the broker requeues what it has not "
                              "acknowledged"),
                           command(ClientCommand::Crash));
    consumers_->addCommand(QStringLiteral("restartConsumer"), tr("Restart"),
                           tr("Start again with a new connection, after a crash, a hang or a stop"),
                           command(ClientCommand::Restart));
    consumers_->addCommand(QStringLiteral("removeConsumer"), tr("Remove"), tr("Close its connection and remove it"),
                           command(ClientCommand::Remove));
}

QWidget *SimulatorPanel::createReceivedSection()
{
    auto *heading = new QLabel(tr("<b>Received</b> by each consumer, oldest first. <b>↻ redelivered</b>: the "
                                  "broker had delivered the message before, to a consumer that did not "
                                  "acknowledge it."));
    heading->setWordWrap(true);
    received_->setObjectName(QStringLiteral("received"));
    received_->setModel(receivedModel_);
    received_->setSelectionMode(QAbstractItemView::NoSelection);
    received_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    received_->setWordWrap(false);
    received_->verticalHeader()->hide();   // row numbers would read like message numbers
    received_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    received_->verticalHeader()->setDefaultSectionSize(received_->fontMetrics().height() + 6);
    received_->horizontalHeader()->setDefaultSectionSize(
        received_->fontMetrics().horizontalAdvance(QStringLiteral("#00000 ↻ redelivered")) + 24);
    // Follows the newest messages while the view is scrolled to the bottom.
    connect(receivedModel_, &QAbstractItemModel::rowsInserted, this, [this] {
        QScrollBar *bar = received_->verticalScrollBar();
        if (bar->value() >= bar->maximum() - received_->verticalHeader()->defaultSectionSize() * 2)
            QMetaObject::invokeMethod(received_, &QAbstractItemView::scrollToBottom, Qt::QueuedConnection);
    });

    auto *section = new QWidget;
    auto *layout = new QVBoxLayout(section);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(heading);
    layout->addWidget(received_, 1);
    return section;
}

void SimulatorPanel::setLocalBroker(const QStringList &listeningOn)
{
    const QString local = localBrokerUrl(listeningOn);
    // A URL the learner typed stays; one that was this window's follows it.
    if (url_->text().isEmpty() || url_->text() == localUrl_)
        url_->setText(local);
    localUrl_ = local;
    showUrlStatus();
}

void SimulatorPanel::showUrlStatus()
{
    const QUrl url(url_->text().trimmed());
    const bool valid = url.isValid() && url.scheme() == QLatin1String("amqp");
    const bool local = url_->text() == localUrl_ && !localUrl_.isEmpty();
    useLocal_->setEnabled(!localUrl_.isEmpty() && !local);
    if (!valid)
        urlStatus_->setText(tr("Not an amqp:// URL: amqp://user:password@host:port/vhost"));
    else if (local)
        urlStatus_->setText(tr("New clients connect to the broker of this window."));
    else
        urlStatus_->setText(tr("New clients connect to the broker at %1.").arg(url.host()));
    addProducer_->setEnabled(valid);
    addConsumer_->setEnabled(valid);
}

void SimulatorPanel::addProducer()
{
    auto *dialog = new ProducerDialog(tr("producer P%1").arg(producersAdded_ + 1), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        sim::ProducerSpec spec = dialog->spec();
        spec.url = url_->text().trimmed();
        ++producersAdded_;
        producers_->selectWhenListed(simulation_->addProducer(spec));
    });
    dialog->open();
}

void SimulatorPanel::addConsumer()
{
    auto *dialog = new ConsumerDialog(tr("worker %1").arg(consumersAdded_ + 1), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        sim::ConsumerSpec spec = dialog->spec();
        spec.url = url_->text().trimmed();
        ++consumersAdded_;
        consumers_->selectWhenListed(simulation_->addConsumer(spec));
    });
    dialog->open();
}

void SimulatorPanel::showSimulation(const sim::SimulationSnapshot &snapshot)
{
    static_cast<ProducerTableModel *>(producers_->model())->setRows(snapshot.producers);
    static_cast<ConsumerTableModel *>(consumers_->model())->setRows(snapshot.consumers);
    receivedModel_->showConsumers(snapshot.consumers);
}

} // namespace warren::ui
