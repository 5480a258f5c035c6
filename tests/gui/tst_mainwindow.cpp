// The main window against its live embedded broker:
// - it starts the broker on its worker thread and shows where it listens;
// - a real client (pika, in a child process) declares a queue and publishes; the queue
//   table shows the queue with its ready count, refreshed live, and the totals line agrees;
// - a screenshot of the window is saved for the README;
// - the panels' requests open the dialogs: a queue declared through the dialog appears in
//   the queues panel;
// - definitions exported from one window's broker and imported into a fresh one give the
//   same exchanges, queues and bindings;
// - step mode from the Queues page, with a pika consumer: "Pause deliveries" holds them (the
//   State column says paused, the window's banner appears), publishes pile up as ready,
//   the banner's Step releases exactly one and says so, "Resume deliveries" lets the rest go
//   and the banner goes; the same for a whole virtual host from the Virtual hosts page;
// - closing the window stops the broker as SIGTERM does: a connected pika client hears
//   320 CONNECTION_FORCED; with the broker stopped, the window closes at once.
// - the listener settings (TLS too) are kept and checked; the settings dialog offers AMQPS and
//   keeps itself open with the reason while the choice cannot work.
#include "MainWindow.h"
#include "BrokerController.h"
#include "DefinitionsTransfer.h"
#include "dialogs/DeclareQueueDialog.h"
#include "format/FieldTableText.h"
#include "panels/EntityPanel.h"
#include "panels/ExplorerPanels.h"
#include "panels/QueuesPanel.h"
#include "panels/VHostsPanel.h"
#include "settings/ListenerSettings.h"
#include "settings/SettingsDialog.h"
#include "stepmode/StepModeBanner.h"

#include <QAbstractItemModel>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QProcess>
#include <QSpinBox>
#include <QTableView>
#include <QTcpServer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include "LocalBrokerConfig.h"
#include "TestSupport.h"

using warren::test::localBrokerConfig;
using warren::test::columnOf;

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
    void brokerSettingsOfferTls();
    void stepModeFromTheQueuesPage();
    void stepModeForAVirtualHost();
    void closingStopsTheBrokerAsSigtermDoes();
    void closingWithoutABrokerIsPrompt();

private:
    static warren::BrokerConfig configIn(const QTemporaryDir &dataDir);
    template <class Dialog> static Dialog *openedDialog(const MainWindow &window);
    static QStringList topology(const warren::BrokerSnapshot &snapshot);
    static int rowOf(const QAbstractItemModel &model, const QString &queue);
    static std::unique_ptr<QProcess> startClients(quint16 port, const QStringList &scene);
    static QByteArray readLine(QProcess &process, int timeoutMs = 20000);
    static bool publish(MainWindow &window, const QString &queue, int count);
};

std::unique_ptr<QProcess> MainWindowTest::startClients(quint16 port, const QStringList &scene)
{
    auto client = std::make_unique<QProcess>();
    client->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    client->start(QStringLiteral("/usr/bin/python3"),
                  QStringList{QStringLiteral(WARREN_SCENES_DIR "/learner_clients.py"), QString::number(port)} + scene);
    return client;
}

QByteArray MainWindowTest::readLine(QProcess &process, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!process.canReadLine() && !deadline.hasExpired() && process.state() != QProcess::NotRunning)
        process.waitForReadyRead(100);
    return process.readLine().trimmed();
}

// Publishes `count` messages to `queue` through the default exchange, as the explorer does.
bool MainWindowTest::publish(MainWindow &window, const QString &queue, int count)
{
    using namespace warren::management;
    auto done = std::make_shared<int>(0);   // outlives this call if the broker answers late
    for (int i = 0; i < count; ++i) {
        PublishSpec spec;
        spec.routingKey = queue;
        spec.body = QByteArray("step ") + QByteArray::number(i + 1);
        window.broker()->call(&ManagementService::publish, &window,
                              std::function<void(const PublishResult &)>([done](const PublishResult &r) {
                                  *done += r.routed;
                              }),
                              spec);
    }
    return QTest::qWaitFor([&] { return *done == count; }, 5000);
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

void MainWindowTest::showsQueuesOfTheLiveBroker()
{
    QTemporaryDir dataDir;
    warren::BrokerConfig config = localBrokerConfig(dataDir.path());
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
    return localBrokerConfig(dataDir.path());
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
    const ListenerSettings chosen{5673, QStringLiteral("127.0.0.1"), QStringLiteral("/tmp/warren-data"),
                                 {5674, QStringLiteral("/c.pem"), QStringLiteral("/k.pem"), QStringLiteral("/ca.pem"), true}};
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
    QCOMPARE(config.tls.port, quint16(5674));
    QCOMPARE(config.tls.certFile, QStringLiteral("/c.pem"));
    QCOMPARE(config.tls.keyFile, QStringLiteral("/k.pem"));
    QCOMPARE(config.tls.caFile, QStringLiteral("/ca.pem"));
    QVERIFY(config.tls.verifyPeer);
    const ListenerSettings wrong{5672, QStringLiteral("not an address"), QStringLiteral("/d")};
    QVERIFY(!wrong.validate().isEmpty());

    // TLS choices that cannot work: each alone makes the settings invalid.
    const auto withTls = [](const warren::BrokerConfig::Tls &tls) {
        return ListenerSettings{5672, QString(), QStringLiteral("/d"), tls};
    };
    QVERIFY(withTls({5671, QStringLiteral("/c.pem"), QString(), QString(), false}).validate().contains(u"private key"));
    QVERIFY(withTls({5671, QString(), QStringLiteral("/k.pem"), QString(), false}).validate().contains(u"private key"));
    QVERIFY(!withTls({5671, QString(), QString(), QStringLiteral("/ca.pem"), false}).validate().isEmpty());
    QVERIFY(!withTls({5671, QStringLiteral("/c.pem"), QStringLiteral("/k.pem"), QString(), true}).validate().isEmpty());
    QVERIFY(!withTls({5672, QStringLiteral("/c.pem"), QStringLiteral("/k.pem"), QString(), false}).validate().isEmpty());
    QVERIFY(withTls({5671, QStringLiteral("/c.pem"), QStringLiteral("/k.pem"), QString(), false}).validate().isEmpty());
    QVERIFY(withTls({}).validate().isEmpty());   // no TLS at all
}

void MainWindowTest::brokerSettingsOfferTls()
{
    using warren::ui::ListenerSettings;
    ListenerSettings current{5672, QString(), QStringLiteral("/tmp/warren-data")};
    current.tls.caFile = QStringLiteral("/etc/warren/ca.pem");
    warren::ui::SettingsDialog dialog(current);
    dialog.show();
    auto *tlsPort = dialog.findChild<QSpinBox *>(QStringLiteral("settingsTlsPort"));
    auto *cert = dialog.findChild<QLineEdit *>(QStringLiteral("settingsTlsCert"));
    auto *key = dialog.findChild<QLineEdit *>(QStringLiteral("settingsTlsKey"));
    auto *ca = dialog.findChild<QLineEdit *>(QStringLiteral("settingsTlsCa"));
    auto *verifyPeer = dialog.findChild<QCheckBox *>(QStringLiteral("settingsTlsVerifyPeer"));
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("settingsError"));
    QVERIFY(tlsPort && cert && key && ca && verifyPeer && error);
    QCOMPARE(tlsPort->value(), 5671);
    QCOMPARE(ca->text(), current.tls.caFile);
    QVERIFY(cert->text().isEmpty() && key->text().isEmpty() && !verifyPeer->isChecked());

    cert->setText(QStringLiteral("/etc/warren/server.pem"));
    verifyPeer->setChecked(true);
    dialog.accept();   // a certificate without its key
    QVERIFY(dialog.isVisible());
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(u"private key"), qPrintable(error->text()));

    key->setText(QStringLiteral("/etc/warren/server.key"));
    tlsPort->setValue(5681);
    QDir().mkpath(QStringLiteral(WARREN_SCREENSHOT_DIR));
    QVERIFY(dialog.grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/broker-settings-tls.png")));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const ListenerSettings chosen = dialog.settings();
    QCOMPARE(chosen.tls.port, quint16(5681));
    QCOMPARE(chosen.tls.certFile, QStringLiteral("/etc/warren/server.pem"));
    QCOMPARE(chosen.tls.keyFile, QStringLiteral("/etc/warren/server.key"));
    QCOMPARE(chosen.tls.caFile, QStringLiteral("/etc/warren/ca.pem"));
    QVERIFY(chosen.tls.verifyPeer);
}

void MainWindowTest::stepModeFromTheQueuesPage()
{
    QTemporaryDir dataDir;
    const warren::BrokerConfig config = configIn(dataDir);
    MainWindow window(config);
    window.resize(1280, 760);
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.broker()->isRunning(), 10000);
    QVERIFY(window.showPage(QStringLiteral("queues")));
    using namespace warren::management;
    bool declared = false;
    window.broker()->call(&ManagementService::declareQueue, this,
                          std::function<void(const Outcome &)>([&](const Outcome &o) { declared = o.ok(); }),
                          QueueSpec{QStringLiteral("/"), QStringLiteral("steps")});
    QTRY_VERIFY(declared);
    std::unique_ptr<QProcess> consumer = startClients(config.port, {QStringLiteral("consume"), QStringLiteral("steps")});
    QCOMPARE(readLine(*consumer), QByteArray("ready"));

    warren::ui::QueuesPanel *queues = window.panels()->queues();
    const warren::ui::RowKey steps{QStringLiteral("/"), QStringLiteral("steps")};
    QTRY_VERIFY_WITH_TIMEOUT(queues->select(steps), 5000);
    const auto state = [&] {
        const int row = queues->model()->rowOf(steps);
        return queues->model()->index(row, columnOf(*queues->model(), QStringLiteral("State"))).data().toString();
    };
    QCOMPARE(state(), QStringLiteral("running"));
    auto *pause = queues->findChild<QAction *>(QStringLiteral("pauseQueue"));
    auto *step = queues->findChild<QAction *>(QStringLiteral("stepQueue"));
    auto *resume = queues->findChild<QAction *>(QStringLiteral("resumeQueue"));
    QVERIFY(pause->isEnabled() && !step->isEnabled() && !resume->isEnabled());
    QVERIFY(pause->toolTip().contains(QStringLiteral("publishing continues")));
    QVERIFY(pause->toolTip().contains(QStringLiteral("TTLs keep running")));
    QVERIFY(pause->toolTip().contains(QStringLiteral("basic.get still answers")));

    // Paused: the column and the banner say so; what is published waits as ready.
    warren::ui::StepModeBanner *banner = window.stepBanner();
    QVERIFY(!banner->isVisible());
    pause->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(state(), QStringLiteral("paused"), 5000);
    QTRY_VERIFY(banner->isVisible());
    const auto bannerText = [&] { return banner->findChild<QLabel *>(QStringLiteral("stepBannerText"))->text(); };
    QVERIFY2(bannerText().contains(QStringLiteral("queue 'steps'")), qPrintable(bannerText()));
    QVERIFY(!pause->isEnabled() && step->isEnabled() && resume->isEnabled());
    QVERIFY(publish(window, QStringLiteral("steps"), 3));
    const auto ready = [&] {
        const int row = queues->model()->rowOf(steps);
        return queues->model()->index(row, columnOf(*queues->model(), QStringLiteral("Ready"))).data().toLongLong();
    };
    QTRY_COMPARE_WITH_TIMEOUT(ready(), 3LL, 5000);
    QTest::qWait(500);
    QVERIFY(!consumer->canReadLine());   // nothing delivered while paused
    QTRY_VERIFY(bannerText().contains(QStringLiteral("3 message")));
    QDir().mkpath(QStringLiteral(WARREN_SCREENSHOT_DIR));
    QVERIFY(window.grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/step-mode-paused.png")));

    // The banner's Step: exactly one message, and it says which queue let it go.
    banner->findChild<QPushButton *>(QStringLiteral("stepButton"))->click();
    QCOMPARE(readLine(*consumer), QByteArray("got step 1"));
    auto *result = banner->findChild<QLabel *>(QStringLiteral("stepResult"));
    QTRY_COMPARE(result->text(), QStringLiteral("Released one message from 'steps'."));
    QTRY_COMPARE_WITH_TIMEOUT(ready(), 2LL, 5000);
    QTest::qWait(300);
    QVERIFY(!consumer->canReadLine());
    QVERIFY(window.grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/step-mode-stepped.png")));
    // The Queues page's own Step does the same.
    step->trigger();
    QCOMPARE(readLine(*consumer), QByteArray("got step 2"));

    // Resume: the rest go, the column says running, the banner goes.
    resume->trigger();
    QCOMPARE(readLine(*consumer), QByteArray("got step 3"));
    QTRY_COMPARE_WITH_TIMEOUT(state(), QStringLiteral("running"), 5000);
    QTRY_VERIFY(!banner->isVisible());
    consumer->closeWriteChannel();
    QVERIFY(consumer->waitForFinished(10000));
}

void MainWindowTest::stepModeForAVirtualHost()
{
    QTemporaryDir dataDir;
    const warren::BrokerConfig config = configIn(dataDir);
    MainWindow window(config);
    window.resize(1280, 760);
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.broker()->isRunning(), 10000);
    using namespace warren::management;
    bool declared = false;
    window.broker()->call(&ManagementService::declareQueue, this,
                          std::function<void(const Outcome &)>([&](const Outcome &o) { declared = o.ok(); }),
                          QueueSpec{QStringLiteral("/"), QStringLiteral("steps")});
    QTRY_VERIFY(declared);
    std::unique_ptr<QProcess> consumer = startClients(config.port, {QStringLiteral("consume"), QStringLiteral("steps")});
    QCOMPARE(readLine(*consumer), QByteArray("ready"));

    QVERIFY(window.showPage(QStringLiteral("vhosts")));
    warren::ui::VHostsPanel *vhosts = window.panels()->vhosts();
    const warren::ui::RowKey root{QStringLiteral("/")};
    QTRY_VERIFY_WITH_TIMEOUT(vhosts->select(root), 5000);
    vhosts->findChild<QAction *>(QStringLiteral("pauseVHost"))->trigger();
    warren::ui::StepModeBanner *banner = window.stepBanner();
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 5000);
    QVERIFY(banner->findChild<QLabel *>(QStringLiteral("stepBannerText"))->text().contains(QStringLiteral("virtual host '/'")));
    const auto deliveries = [&] {
        const int row = vhosts->model()->rowOf(root);
        return vhosts->model()->index(row, columnOf(*vhosts->model(), QStringLiteral("Deliveries"))).data().toString();
    };
    QTRY_COMPARE(deliveries(), QStringLiteral("paused"));
    // The queues of a paused virtual host show as paused too.
    const warren::ui::RowKey steps{QStringLiteral("/"), QStringLiteral("steps")};
    const warren::ui::SnapshotTableModel *queues = window.panels()->queues()->model();
    QCOMPARE(queues->index(queues->rowOf(steps), columnOf(*queues, QStringLiteral("State"))).data().toString(),
             QStringLiteral("paused"));

    // Nothing to release yet, then one message: the oldest.
    QSignalSpy messages(window.panels(), &warren::ui::ExplorerPanels::message);
    vhosts->findChild<QAction *>(QStringLiteral("stepVHost"))->trigger();
    QTRY_VERIFY(!messages.isEmpty());
    QCOMPARE(messages.last().at(0).toString(), QStringLiteral("No message is waiting: nothing to release."));
    QVERIFY(publish(window, QStringLiteral("steps"), 2));
    QTRY_VERIFY_WITH_TIMEOUT(banner->findChild<QLabel *>(QStringLiteral("stepBannerText"))->text().contains(QStringLiteral("2 message")),
                             5000);
    QTRY_COMPARE_WITH_TIMEOUT(vhosts->selected<warren::VHostSnapshot>()->ready, 2LL, 5000);
    vhosts->findChild<QAction *>(QStringLiteral("stepVHost"))->trigger();
    QCOMPARE(readLine(*consumer), QByteArray("got step 1"));
    QTRY_COMPARE(messages.last().at(0).toString(), QStringLiteral("Released one message from 'steps'."));
    QVERIFY(window.grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/step-mode-vhost.png")));
    banner->findChild<QPushButton *>(QStringLiteral("resumeButton"))->click();
    QCOMPARE(readLine(*consumer), QByteArray("got step 2"));
    QTRY_COMPARE_WITH_TIMEOUT(deliveries(), QStringLiteral("running"), 5000);
    QTRY_VERIFY(!banner->isVisible());
    consumer->closeWriteChannel();
    QVERIFY(consumer->waitForFinished(10000));
}

void MainWindowTest::closingStopsTheBrokerAsSigtermDoes()
{
    QTemporaryDir dataDir;
    const warren::BrokerConfig config = configIn(dataDir);
    auto window = std::make_unique<MainWindow>(config);
    window->show();
    QTRY_VERIFY_WITH_TIMEOUT(window->broker()->isRunning(), 10000);
    std::unique_ptr<QProcess> client = startClients(config.port, {QStringLiteral("hold")});
    QCOMPARE(readLine(*client), QByteArray("ready"));
    QTRY_COMPARE_WITH_TIMEOUT(window->broker()->lastSnapshot().connections.size(), qsizetype(1), 5000);

    QElapsedTimer clock;
    clock.start();
    QVERIFY(window->close());
    QVERIFY(!window->broker()->isRunning());   // stopped before close() returned
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(readLine(*client, 10000),
             QByteArray("closed 320 CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'"));
    // It may have exited already while its last line was read (waitForFinished() is false then).
    QVERIFY(client->state() == QProcess::NotRunning || client->waitForFinished(10000));
    QCOMPARE(client->exitCode(), 0);
    window.reset();
}

void MainWindowTest::closingWithoutABrokerIsPrompt()
{
    QTemporaryDir dataDir;
    MainWindow window(configIn(dataDir));
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.broker()->isRunning(), 10000);
    QSignalSpy stopped(window.broker(), &warren::BrokerController::stopped);
    window.findChild<QAction *>(QStringLiteral("stopBroker"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 10000);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(window.close());
    QVERIFY2(clock.elapsed() < 500, qPrintable(QString::number(clock.elapsed())));
}

QTEST_MAIN(MainWindowTest)
#include "tst_mainwindow.moc"
