// The main window against its live embedded broker:
// - it starts the broker on its worker thread and shows where it listens;
// - a real client (pika, in a child process) declares a queue and publishes; the queue
//   table shows the queue with its ready count, refreshed live, and the totals line agrees;
// - a screenshot of the window is saved for the README;
// - the panels' requests open the dialogs: a queue declared through the dialog appears in
//   the queues panel;
// - definitions exported from one window's broker and imported into a fresh one give the
//   same exchanges, queues and bindings.
#include "MainWindow.h"
#include "BrokerController.h"
#include "DefinitionsTransfer.h"
#include "dialogs/DeclareQueueDialog.h"
#include "format/FieldTableText.h"
#include "panels/EntityPanel.h"
#include "panels/ExplorerPanels.h"
#include "panels/QueuesPanel.h"
#include "settings/ListenerSettings.h"

#include <QAbstractItemModel>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QProcess>
#include <QTableView>
#include <QTcpServer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using warren::ui::MainWindow;

class MainWindowTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }   // not the user's settings
    void showsQueuesOfTheLiveBroker();
    void declaresAQueueThroughTheDialog();
    void definitionsMoveToAFreshBroker();
    void restartKeepsDurableQueues();
    void listenerSettingsAreKept();

private:
    static warren::BrokerConfig configIn(const QTemporaryDir &dataDir);
    template <class Dialog> static Dialog *openedDialog(const MainWindow &window);
    static QStringList topology(const warren::BrokerSnapshot &snapshot);
    static quint16 freePort();
    static int rowOf(const QAbstractItemModel &model, const QString &queue);
    static int columnOf(const QAbstractItemModel &model, const QString &header);
};

quint16 MainWindowTest::freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

int MainWindowTest::rowOf(const QAbstractItemModel &model, const QString &queue)
{
    const int name = columnOf(model, QStringLiteral("Name"));
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, name).data().toString() == queue)
            return row;
    }
    return -1;
}

int MainWindowTest::columnOf(const QAbstractItemModel &model, const QString &header)
{
    for (int column = 0; column < model.columnCount(); ++column) {
        if (model.headerData(column, Qt::Horizontal).toString() == header)
            return column;
    }
    return -1;
}

void MainWindowTest::showsQueuesOfTheLiveBroker()
{
    warren::BrokerConfig config;
    config.bindAddresses = {QHostAddress(QHostAddress::LocalHost)};
    config.port = freePort();
    QTemporaryDir dataDir;
    config.dataDir = dataDir.path();
    MainWindow window(config);
    window.show();

    auto *status = window.findChild<QLabel *>(QStringLiteral("brokerStatus"));
    auto *totals = window.findChild<QLabel *>(QStringLiteral("brokerTotals"));
    auto *queues = window.findChild<warren::ui::EntityPanel *>(QStringLiteral("queues"));
    QVERIFY(status && totals && queues);
    QVERIFY(window.showPage(QStringLiteral("queues")));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QString::number(config.port)), 10000);

    const QString script = QStringLiteral(
        "import pika, sys\n"
        "c = pika.BlockingConnection(pika.ConnectionParameters('127.0.0.1', int(sys.argv[1])))\n"
        "ch = c.channel()\n"
        "ch.queue_declare('orders', durable=True)\n"
        "ch.queue_declare('emails')\n"
        "for i in range(3): ch.basic_publish('', 'orders', b'order %d' % i)\n"
        "ch.basic_publish('', 'emails', b'hello')\n"
        "c.close()\n");
    QProcess client;
    client.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), script, QString::number(config.port)});
    QVERIFY(client.waitForFinished(20000));
    QCOMPARE(client.exitCode(), 0);

    const QAbstractItemModel &model = *queues->model();
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(model, QStringLiteral("orders")) >= 0, 5000);
    const int row = rowOf(model, QStringLiteral("orders"));
    QTRY_COMPARE_WITH_TIMEOUT(model.index(row, columnOf(model, QStringLiteral("Ready"))).data().toString(),
                              QStringLiteral("3"), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(totals->text().contains(QStringLiteral("4 messages ready")), 5000);

    QDir().mkpath(QStringLiteral(WARREN_SCREENSHOT_DIR));
    QVERIFY(window.grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/main-window.png")));
}

warren::BrokerConfig MainWindowTest::configIn(const QTemporaryDir &dataDir)
{
    warren::BrokerConfig config;
    config.bindAddresses = {QHostAddress(QHostAddress::LocalHost)};
    config.port = freePort();
    config.dataDir = dataDir.path();
    return config;
}

template <class Dialog> Dialog *MainWindowTest::openedDialog(const MainWindow &window)
{
    Dialog *dialog = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        dialog = window.findChild<Dialog *>();
        return dialog && dialog->isVisible();
    }, 5000);
    return shown ? dialog : nullptr;
}

// Exchanges, queues and bindings, one line each, sorted: what definitions carry.
QStringList MainWindowTest::topology(const warren::BrokerSnapshot &snapshot)
{
    QStringList lines;
    for (const warren::ExchangeSnapshot &x : snapshot.exchanges)
        lines.append(QStringLiteral("exchange %1 %2 %3").arg(x.name, x.type).arg(x.durable));
    for (const warren::QueueSnapshot &q : snapshot.queues)
        lines.append(QStringLiteral("queue %1 %2 %3").arg(q.name).arg(q.durable).arg(warren::ui::describeTable(q.arguments)));
    for (const warren::BindingSnapshot &b : snapshot.bindings)
        lines.append(QStringLiteral("binding %1 %2 %3").arg(b.source, b.destination, b.routingKey));
    lines.sort();
    return lines;
}

void MainWindowTest::declaresAQueueThroughTheDialog()
{
    QTemporaryDir dataDir;
    MainWindow window(configIn(dataDir));
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.broker()->isRunning(), 10000);
    QVERIFY(window.showPage(QStringLiteral("queues")));
    auto *declare = window.findChild<QAction *>(QStringLiteral("declareQueue"));
    QVERIFY(declare);
    declare->trigger();

    auto *dialog = openedDialog<warren::ui::DeclareQueueDialog>(window);
    QVERIFY(dialog);
    dialog->findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral("invoices"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("actionButton")), Qt::LeftButton);

    const QAbstractItemModel &model = *window.panels()->queues()->model();
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(model, QStringLiteral("invoices")) >= 0, 5000);
    QTRY_VERIFY(!window.findChild<warren::ui::DeclareQueueDialog *>());   // closed and deleted
}

void MainWindowTest::definitionsMoveToAFreshBroker()
{
    QTemporaryDir firstDir, secondDir, files;
    MainWindow first(configIn(firstDir));
    QTRY_VERIFY_WITH_TIMEOUT(first.broker()->isRunning(), 10000);
    using namespace warren::management;
    int done = 0;
    const std::function<void(const Outcome &)> count = [&](const Outcome &o) { done += o.ok(); };
    first.broker()->call(&ManagementService::declareExchange, this, count,
                         ExchangeSpec{QStringLiteral("/"), QStringLiteral("billing"), QStringLiteral("topic")});
    first.broker()->call(&ManagementService::declareQueue, this, count,
                         QueueSpec{QStringLiteral("/"), QStringLiteral("invoices"), true, false, false,
                                   warren::amqp::FieldTable{{"x-max-length", warren::amqp::FieldValue::integer(500)}}});
    first.broker()->call(&ManagementService::bind, this, count,
                         BindingSpec{QStringLiteral("/"), QStringLiteral("billing"), QStringLiteral("invoices"), false,
                                     QStringLiteral("invoice.#")});
    QTRY_COMPARE(done, 3);
    QTRY_VERIFY(first.broker()->lastSnapshot().bindings.size() == 1);

    const QString path = files.filePath(QStringLiteral("definitions.json"));
    first.definitions()->exportTo(path);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), 5000);

    MainWindow second(configIn(secondDir));
    QTRY_VERIFY_WITH_TIMEOUT(second.broker()->isRunning(), 10000);
    second.definitions()->importFrom(path);
    auto *report = openedDialog<QMessageBox>(second);
    QVERIFY(report);
    QVERIFY2(report->text().contains(QLatin1String("1 exchanges")), qPrintable(report->text()));
    QTRY_COMPARE_WITH_TIMEOUT(topology(second.broker()->lastSnapshot()), topology(first.broker()->lastSnapshot()),
                              5000);
}

void MainWindowTest::restartKeepsDurableQueues()
{
    QTemporaryDir dataDir;
    MainWindow window(configIn(dataDir));
    QTRY_VERIFY_WITH_TIMEOUT(window.broker()->isRunning(), 10000);
    using namespace warren::management;
    bool declared = false;
    window.broker()->call(&ManagementService::declareQueue, this,
                          std::function<void(const Outcome &)>([&](const Outcome &o) { declared = o.ok(); }),
                          QueueSpec{QStringLiteral("/"), QStringLiteral("kept")});
    QTRY_VERIFY(declared);
    auto *restart = window.findChild<QAction *>(QStringLiteral("restartBroker"));
    auto *start = window.findChild<QAction *>(QStringLiteral("startBroker"));
    QVERIFY(restart && start && !start->isEnabled());
    QSignalSpy stopped(window.broker(), &warren::BrokerController::stopped);
    QSignalSpy started(window.broker(), &warren::BrokerController::started);
    restart->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 10000);
    // A new broker on the same data directory: the durable queue came back from disk.
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(*window.panels()->queues()->model(), QStringLiteral("kept")) >= 0, 5000);
    QVERIFY(!start->isEnabled());
}

void MainWindowTest::listenerSettingsAreKept()
{
    using warren::ui::ListenerSettings;
    const ListenerSettings chosen{5673, QStringLiteral("127.0.0.1"), QStringLiteral("/tmp/warren-data")};
    QVERIFY(chosen.validate().isEmpty());
    chosen.save();
    const ListenerSettings loaded = ListenerSettings::load(ListenerSettings{});
    QCOMPARE(loaded.port, chosen.port);
    QCOMPARE(loaded.bindAddress, chosen.bindAddress);
    QCOMPARE(loaded.dataDir, chosen.dataDir);
    warren::BrokerConfig config;
    loaded.applyTo(config);
    QCOMPARE(config.port, quint16(5673));
    QCOMPARE(config.bindAddresses, QList<QHostAddress>{QHostAddress(QHostAddress::LocalHost)});
    QVERIFY(config.bindAddressesExplicit);
    const ListenerSettings wrong{5672, QStringLiteral("not an address"), QStringLiteral("/d")};
    QVERIFY(!wrong.validate().isEmpty());
}

QTEST_MAIN(MainWindowTest)
#include "tst_mainwindow.moc"
