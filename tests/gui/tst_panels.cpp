// The explorer's live panels against a real broker on a free port:
// - queues: a declared queue shows up with its ready count; "Purge" (confirmed) empties it;
//   "Delete…" with "only if empty" is refused with RabbitMQ's 406, without it deletes;
//   the filter narrows the rows; double-click asks to get messages;
// - exchanges and bindings: deleting amq.direct is refused with 403, "Unbind" removes the
//   binding, "Bind…" asks for the bind dialog;
// - connections, channels, consumers: a pika client shows up in all three; "Close…"
//   closes its connection and the client hears CONNECTION_FORCED with the reason;
// - virtual hosts and users: add, permissions, delete through the panels' dialogs;
// - named pika clients: the Connections page's Name column shows each connection_name, the
//   Channels and Consumers pages name connections by it; the producer's channel says which
//   exchanges it published to and how often; two consumers' Delivered and Acked counts show
//   the round-robin (5 and 5 of 10);
// - the firehose: toggled on from the Virtual hosts page, a queue bound to
//   amq.rabbitmq.trace receives publish.<exchange> and deliver.<queue> copies of a pika
//   client's traffic; toggled off, nothing more;
// - the Features legend under the queues and exchanges tables.
// Every panel is saved as a screenshot under the build directory (panel-<name>.png).
#include "BrokerController.h"
#include "panels/BindingsPanel.h"
#include "panels/ConnectionsPanel.h"
#include "panels/ExchangesPanel.h"
#include "panels/ExplorerPanels.h"
#include "panels/QueuesPanel.h"
#include "panels/UsersPanel.h"
#include "panels/VHostsPanel.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include "LocalBrokerConfig.h"
#include "TestSupport.h"

using namespace warren;
using namespace warren::management;
using namespace warren::ui;

using warren::test::localBrokerConfig;
using warren::test::columnOf;

namespace {

// A cell of the row with this key, or an invalid QVariant while the row is not listed.
QVariant cell(const EntityPanel *panel, const RowKey &key, const QString &title)
{
    const SnapshotTableModel *model = panel->model();
    const int row = model->rowOf(key);
    return row < 0 ? QVariant() : model->index(row, columnOf(*model, title)).data();
}

bool listed(const EntityPanel *panel, const RowKey &key) { return panel->model()->rowOf(key) >= 0; }

QAction *action(const EntityPanel *panel, const char *name)
{
    return panel->findChild<QAction *>(QLatin1String(name));
}

// Runs `handle` on the next modal dialog (a confirmation, an input dialog) once it is open:
// the panels ask with exec(), which returns only after the dialog is closed.
void whenDialogOpens(std::function<void(QDialog *)> handle)
{
    auto *timer = new QTimer;
    auto deadline = std::make_shared<QDeadlineTimer>(5000);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, deadline, handle = std::move(handle)] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        if (!dialog && !deadline->hasExpired())
            return;
        timer->deleteLater();
        timer->stop();
        if (dialog)
            handle(dialog);
    });
    timer->start(20);
}

void confirm(QDialog *dialog, const QStringList &options = {})
{
    for (const QString &option : options)
        dialog->findChild<QCheckBox *>(option)->setChecked(true);
    dialog->findChild<QPushButton *>(QStringLiteral("confirmButton"))->click();
}

bool anyMessageContains(const QSignalSpy &spy, const QString &text)
{
    for (const QList<QVariant> &args : spy) {
        if (args.at(0).toString().contains(text))
            return true;
    }
    return false;
}

} // namespace

class PanelsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void queues();
    void exchangesAndBindings();
    void connectionsChannelsConsumers();
    void vhostsAndUsers();
    void namedConnectionsAndRoundRobin();
    void firehose();

private:
    // Runs a ManagementService command and waits for its result.
    template <class R, class... Params, class... Args>
    R command(R (ManagementService::*method)(Params...), Args &&...args)
    {
        auto result = std::make_shared<std::optional<R>>();
        broker->call(method, this, std::function<void(const R &)>([result](const R &r) { *result = r; }),
                     std::forward<Args>(args)...);
        if (!QTest::qWaitFor([&] { return result->has_value(); }, 5000))
            qWarning("command timed out");
        return result->value_or(R{});
    }
    void declareQueue(const QString &name);
    void publish(const QString &exchange, const QString &key, int count);
    void screenshot(EntityPanel *panel);

    QTemporaryDir dataDir;
    std::unique_ptr<BrokerController> broker;
    std::unique_ptr<ExplorerPanels> panels;
    quint16 port = 0;
};

void PanelsTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
    BrokerConfig config = localBrokerConfig(dataDir.path());
    port = config.port;
    broker = std::make_unique<BrokerController>();
    QSignalSpy started(broker.get(), &BrokerController::started);
    broker->start(config);
    QVERIFY(started.wait(10000));
    QDir().mkpath(QStringLiteral(WARREN_SCREENSHOT_DIR));
}

void PanelsTest::init()
{
    panels = std::make_unique<ExplorerPanels>(broker.get());
    connect(broker.get(), &BrokerController::snapshotUpdated, panels.get(), &ExplorerPanels::showSnapshot);
}

void PanelsTest::cleanup()
{
    panels.reset();
}

void PanelsTest::declareQueue(const QString &name)
{
    QueueSpec spec;
    spec.name = name;
    QVERIFY(command(&ManagementService::declareQueue, spec).ok());
}

void PanelsTest::publish(const QString &exchange, const QString &key, int count)
{
    for (int i = 0; i < count; ++i) {
        PublishSpec message;
        message.exchange = exchange;
        message.routingKey = key;
        message.body = QByteArray("message ") + QByteArray::number(i);
        QVERIFY(command(&ManagementService::publish, message).outcome.ok());
    }
}

void PanelsTest::screenshot(EntityPanel *panel)
{
    panel->resize(1100, 360);
    panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel));
    QVERIFY(panel->grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/panel-%1.png").arg(panel->objectName())));
}

void PanelsTest::queues()
{
    QueuesPanel *panel = panels->queues();
    QSignalSpy messages(panels.get(), &ExplorerPanels::message);
    for (const char *name : {"orders", "emails", "scratch"})
        declareQueue(QString::fromLatin1(name));
    publish(QString(), QStringLiteral("orders"), 3);
    publish(QString(), QStringLiteral("scratch"), 1);
    const RowKey orders{QStringLiteral("/"), QStringLiteral("orders")};
    const RowKey scratch{QStringLiteral("/"), QStringLiteral("scratch")};
    QTRY_COMPARE_WITH_TIMEOUT(cell(panel, orders, QStringLiteral("Ready")).toLongLong(), 3LL, 5000);
    screenshot(panel);
    // The Features column's abbreviations are explained under the table.
    const QLabel *legend = panel->findChild<QLabel *>(QStringLiteral("legend"));
    QVERIFY(legend && legend->isVisible());
    for (const char *meaning : {"durable", "auto-delete", "exclusive", "dead-letter exchange", "message time-to-live"})
        QVERIFY2(legend->text().contains(QLatin1String(meaning)), meaning);

    // Purge, confirmed: the queue empties and the count is told.
    QVERIFY(!action(panel, "purgeQueue")->isEnabled());   // nothing selected yet
    QVERIFY(panel->select(orders));
    QVERIFY(action(panel, "purgeQueue")->isEnabled());
    whenDialogOpens([](QDialog *d) { confirm(d); });
    action(panel, "purgeQueue")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(cell(panel, orders, QStringLiteral("Ready")).toLongLong(), 0LL, 5000);
    QTRY_VERIFY(anyMessageContains(messages, QStringLiteral("Purged 3 message")));
    QCOMPARE(panel->selected<QueueSnapshot>()->name, QStringLiteral("orders"));   // still selected

    // Delete only if empty: refused as RabbitMQ refuses it; then deleted.
    QVERIFY(panel->select(scratch));
    whenDialogOpens([](QDialog *d) {
        d->grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/panel-queues-delete.png"));
        confirm(d, {QStringLiteral("ifEmpty")});
    });
    action(panel, "deleteQueue")->trigger();
    QTRY_VERIFY(anyMessageContains(messages, QStringLiteral("406 PRECONDITION_FAILED - queue 'scratch' in vhost '/' not empty")));
    QVERIFY(listed(panel, scratch));
    QVERIFY(panel->grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/panel-queues-refused.png")));
    whenDialogOpens([](QDialog *d) { confirm(d); });
    action(panel, "deleteQueue")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!listed(panel, scratch), 5000);
    QVERIFY(!action(panel, "deleteQueue")->isEnabled());   // its row went, and the selection

    // The filter looks at every column, case-insensitively.
    panel->filter()->setText(QStringLiteral("ORD"));
    QCOMPARE(panel->proxy()->rowCount(), 1);
    panel->filter()->setText(QStringLiteral("classic"));
    QCOMPARE(panel->proxy()->rowCount(), 2);
    panel->filter()->clear();

    // Double-click: get messages.
    QSignalSpy get(panels.get(), &ExplorerPanels::getMessagesRequested);
    QVERIFY(panel->select(orders));
    QTableView *view = panel->view();
    const QModelIndex shown = view->selectionModel()->selectedRows().first();
    // A real double click is press, release, double-click, release; QTest::mouseDClick
    // sends only the third.
    const QPoint at = view->visualRect(shown).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(get.size(), 1);
    QCOMPARE(get.first(), (QVariantList{QStringLiteral("/"), QStringLiteral("orders")}));
}

void PanelsTest::exchangesAndBindings()
{
    QSignalSpy messages(panels.get(), &ExplorerPanels::message);
    QVERIFY(command(&ManagementService::declareExchange,
                    ExchangeSpec{QStringLiteral("/"), QStringLiteral("logs"), QStringLiteral("topic")}).ok());
    declareQueue(QStringLiteral("errors"));
    const BindingSpec binding{QStringLiteral("/"), QStringLiteral("logs"), QStringLiteral("errors"), false,
                              QStringLiteral("*.error")};
    QVERIFY(command(&ManagementService::bind, binding).ok());
    publish(QStringLiteral("logs"), QStringLiteral("disk.error"), 2);

    ExchangesPanel *exchanges = panels->exchanges();
    const RowKey logs{QStringLiteral("/"), QStringLiteral("logs")};
    QTRY_COMPARE_WITH_TIMEOUT(cell(exchanges, logs, QStringLiteral("Bindings out")).toLongLong(), 1LL, 5000);
    QCOMPARE(cell(exchanges, {QStringLiteral("/"), QString()}, QStringLiteral("Name")).toString(),
             QStringLiteral("(AMQP default)"));
    screenshot(exchanges);

    QSignalSpy bind(panels.get(), &ExplorerPanels::bindRequested);
    QVERIFY(exchanges->select(logs));
    action(exchanges, "bindExchange")->trigger();
    QCOMPARE(bind.size(), 1);
    QCOMPARE(bind.first(), (QVariantList{QStringLiteral("/"), QStringLiteral("logs")}));

    QVERIFY(exchanges->select({QStringLiteral("/"), QStringLiteral("amq.direct")}));
    whenDialogOpens([](QDialog *d) { confirm(d); });
    action(exchanges, "deleteExchange")->trigger();
    QTRY_VERIFY(anyMessageContains(messages, QStringLiteral("Could not delete exchange 'amq.direct': 403 ACCESS_REFUSED")));

    BindingsPanel *bindings = panels->bindings();
    const RowKey key{QStringLiteral("/"), QStringLiteral("logs"), QStringLiteral("errors"), QStringLiteral("q"),
                     QStringLiteral("*.error"), QString()};
    QTRY_VERIFY_WITH_TIMEOUT(listed(bindings, key), 5000);
    screenshot(bindings);
    QVERIFY(bindings->select(key));
    whenDialogOpens([](QDialog *d) { confirm(d); });
    action(bindings, "unbind")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!listed(bindings, key), 5000);
    QTRY_COMPARE(cell(exchanges, logs, QStringLiteral("Bindings out")).toLongLong(), 0LL);
}

void PanelsTest::connectionsChannelsConsumers()
{
    declareQueue(QStringLiteral("work"));
    const QString script = QStringLiteral(
        "import pika, sys\n"
        "c = pika.BlockingConnection(pika.ConnectionParameters('127.0.0.1', int(sys.argv[1])))\n"
        "ch = c.channel()\n"
        "ch.basic_qos(prefetch_count=5)\n"
        "ch.confirm_delivery()\n"
        "ch.basic_consume('work', lambda *a: None)\n"
        "print('ready', flush=True)\n"
        "try:\n"
        "    for _ in range(300): c.process_data_events(time_limit=0.1)\n"
        "except pika.exceptions.ConnectionClosedByBroker as e:\n"
        "    print(e.reply_code, e.reply_text, flush=True)\n");
    QProcess client;
    client.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), script, QString::number(port)});
    QVERIFY(client.waitForReadyRead(20000));
    QVERIFY(client.readLine().startsWith("ready"));

    EntityPanel *connections = panels->connections();
    QTRY_COMPARE_WITH_TIMEOUT(connections->model()->rowCount(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(panels->panel(QStringLiteral("channels"))->model()->rowCount(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(panels->panel(QStringLiteral("consumers"))->model()->rowCount(), 1, 5000);
    const SnapshotTableModel *channels = panels->panel(QStringLiteral("channels"))->model();
    QCOMPARE(channels->index(0, columnOf(*channels, QStringLiteral("Mode"))).data().toString(), QStringLiteral("C"));
    QCOMPARE(channels->index(0, columnOf(*channels, QStringLiteral("Prefetch"))).data().toLongLong(), 5LL);
    for (const char *name : {"connections", "channels", "consumers"})
        screenshot(panels->panel(QString::fromLatin1(name)));

    connections->view()->selectRow(0);
    whenDialogOpens([](QDialog *d) {
        auto *input = qobject_cast<QInputDialog *>(d);
        QVERIFY(input);
        QCOMPARE(input->textValue(), QStringLiteral("Closed via Warren explorer"));
        input->accept();
    });
    action(connections, "closeConnection")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(connections->model()->rowCount(), 0, 5000);
    // It may have ended already, while the test waited for the row to go.
    const bool finished = client.state() == QProcess::NotRunning || client.waitForFinished(10000);
    const QString heard = QString::fromUtf8(client.readAll() + client.readAllStandardError());
    QVERIFY2(finished, qPrintable(heard));
    QVERIFY2(heard.contains(QStringLiteral("320 CONNECTION_FORCED - Closed via Warren explorer")), qPrintable(heard));
    QTRY_COMPARE_WITH_TIMEOUT(panels->panel(QStringLiteral("channels"))->model()->rowCount(), 0, 5000);
}

void PanelsTest::vhostsAndUsers()
{
    QSignalSpy messages(panels.get(), &ExplorerPanels::message);
    VHostsPanel *vhosts = panels->vhosts();
    whenDialogOpens([](QDialog *d) {
        qobject_cast<QInputDialog *>(d)->setTextValue(QStringLiteral("staging"));
        d->accept();
    });
    action(vhosts, "addVHost")->trigger();
    const RowKey staging{QStringLiteral("staging")};
    QTRY_VERIFY_WITH_TIMEOUT(listed(vhosts, staging), 5000);

    UsersPanel *users = panels->users();
    whenDialogOpens([](QDialog *d) {
        d->findChild<QLineEdit *>(QStringLiteral("userName"))->setText(QStringLiteral("alice"));
        d->findChild<QLineEdit *>(QStringLiteral("password"))->setText(QStringLiteral("secret"));
        d->findChild<QLineEdit *>(QStringLiteral("tags"))->setText(QStringLiteral("monitoring, management"));
        d->accept();
    });
    action(users, "addUser")->trigger();
    const RowKey alice{QStringLiteral("alice")};
    QTRY_VERIFY_WITH_TIMEOUT(listed(users, alice), 5000);
    QCOMPARE(cell(users, alice, QStringLiteral("Tags")).toString(), QStringLiteral("monitoring, management"));

    // Permissions: a checkbox per virtual host, and RabbitMQ's three patterns in each.
    QVERIFY(users->select(alice));
    whenDialogOpens([](QDialog *d) {
        for (QCheckBox *box : d->findChildren<QCheckBox *>())
            box->setChecked(true);
        d->findChild<QLineEdit *>(QStringLiteral("configure:staging"))->setText(QStringLiteral("^alice-"));
        d->findChild<QLineEdit *>(QStringLiteral("write:staging"))->clear();
        d->accept();
    });
    action(users, "userPermissions")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(cell(users, alice, QStringLiteral("Can access virtual hosts")).toString(),
                              QStringLiteral("/, staging"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(users, alice, QStringLiteral("Permissions: configure | write | read")).toString(),
                              QStringLiteral("/: .* | .* | .*; staging: ^alice- | (nothing) | .*"), 5000);
    screenshot(vhosts);
    screenshot(users);

    // The dialog shows what the broker holds; an invalid pattern is the broker's to refuse.
    QVERIFY(users->select(alice));
    whenDialogOpens([](QDialog *d) {
        QCOMPARE(d->findChild<QLineEdit *>(QStringLiteral("configure:staging"))->text(), QStringLiteral("^alice-"));
        QVERIFY(d->findChild<QCheckBox *>(QStringLiteral("allowed:/"))->isChecked());
        d->findChild<QLineEdit *>(QStringLiteral("read:staging"))->setText(QStringLiteral("("));
        d->findChild<QCheckBox *>(QStringLiteral("allowed:/"))->setChecked(false);
        QVERIFY(!d->findChild<QLineEdit *>(QStringLiteral("write:/"))->isEnabled());
        d->grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/panel-users-permissions.png"));
        d->accept();
    });
    action(users, "userPermissions")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(cell(users, alice, QStringLiteral("Can access virtual hosts")).toString(),
                              QStringLiteral("staging"), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(anyMessageContains(messages, QStringLiteral("regular expression '(' is invalid")), 5000);
    QCOMPARE(cell(users, alice, QStringLiteral("Permissions: configure | write | read")).toString(),
             QStringLiteral("staging: ^alice- | (nothing) | .*"));

    QVERIFY(vhosts->select(staging));
    whenDialogOpens([](QDialog *d) {
        QVERIFY(d->findChild<QLabel *>(QStringLiteral("confirmText"))->text().contains(QStringLiteral("queues")));
        confirm(d);
    });
    action(vhosts, "deleteVHost")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!listed(vhosts, staging), 5000);

    QVERIFY(users->select(alice));
    whenDialogOpens([](QDialog *d) { confirm(d); });
    action(users, "deleteUser")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!listed(users, alice), 5000);
    QVERIFY(anyMessageContains(messages, QStringLiteral("Deleted user 'alice'.")));
}

// Runs a scene of learner_clients.py; it is killed when the test ends.
static std::unique_ptr<QProcess> startClients(quint16 port, const QStringList &scene)
{
    auto client = std::make_unique<QProcess>();
    client->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    client->start(QStringLiteral("/usr/bin/python3"),
                  QStringList{QStringLiteral(WARREN_SCENES_DIR "/learner_clients.py"), QString::number(port)} + scene);
    return client;
}

static QByteArray readLine(QProcess &process, int timeoutMs = 20000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!process.canReadLine() && !deadline.hasExpired() && process.state() != QProcess::NotRunning)
        process.waitForReadyRead(100);
    return process.readLine().trimmed();
}

void PanelsTest::namedConnectionsAndRoundRobin()
{
    std::unique_ptr<QProcess> clients = startClients(port, {QStringLiteral("round-robin"), QStringLiteral("10")});
    QCOMPARE(readLine(*clients), QByteArray("acked 5 5"));

    // Connections: the Name column, first, is what each client called itself.
    EntityPanel *connections = panels->connections();
    QCOMPARE(connections->model()->headerData(0, Qt::Horizontal).toString(), QStringLiteral("Name"));
    const auto names = [&] {
        QStringList all;
        for (int row = 0; row < connections->model()->rowCount(); ++row)
            all.append(connections->model()->index(row, 0).data().toString());
        all.sort();
        return all;
    };
    QTRY_COMPARE_WITH_TIMEOUT(names(), (QStringList{QStringLiteral("producer P1"), QStringLiteral("setup"),
                                                    QStringLiteral("worker 1"), QStringLiteral("worker 2")}),
                              5000);

    // Consumers: named by their connection; round-robin gave each worker every other message.
    EntityPanel *consumers = panels->panel(QStringLiteral("consumers"));
    const SnapshotTableModel *model = consumers->model();
    const auto countsOf = [&](const QString &worker) {
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, columnOf(*model, QStringLiteral("Connection"))).data().toString() == worker)
                return QString(QStringLiteral("%1 %2 %3"))
                    .arg(model->index(row, columnOf(*model, QStringLiteral("Delivered"))).data().toLongLong())
                    .arg(model->index(row, columnOf(*model, QStringLiteral("Redelivered"))).data().toLongLong())
                    .arg(model->index(row, columnOf(*model, QStringLiteral("Acked"))).data().toLongLong());
        }
        return QString();
    };
    QTRY_COMPARE_WITH_TIMEOUT(countsOf(QStringLiteral("worker 1")), QStringLiteral("5 0 5"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(countsOf(QStringLiteral("worker 2")), QStringLiteral("5 0 5"), 5000);

    // Channels: the producer's says where it published, a line per exchange in the tooltip.
    EntityPanel *channels = panels->panel(QStringLiteral("channels"));
    const SnapshotTableModel *channelModel = channels->model();
    int producer = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int row = 0; row < channelModel->rowCount(); ++row) {
                if (channelModel->index(row, 0).data().toString() == QStringLiteral("producer P1"))
                    producer = row;
            }
            return producer >= 0;
        }(),
        5000);
    const QModelIndex publishedTo = channelModel->index(producer, columnOf(*channelModel, QStringLiteral("Published to")));
    QTRY_COMPARE_WITH_TIMEOUT(publishedTo.data().toString(), QStringLiteral("(AMQP default): 10, audit: 3"), 5000);
    QCOMPARE(publishedTo.data(Qt::ToolTipRole).toString(), QStringLiteral("(AMQP default): 10\naudit: 3"));
    // The peer is still there, in the connection cell's tooltip.
    QVERIFY(channelModel->index(producer, 0).data(Qt::ToolTipRole).toString().startsWith(QStringLiteral("127.0.0.1:")));

    for (const char *name : {"connections", "channels", "consumers"}) {
        EntityPanel *panel = panels->panel(QString::fromLatin1(name));
        panel->resize(1200, 300);
        panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(panel));
        QVERIFY(panel->grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/panel-%1-named.png").arg(panel->objectName())));
    }
    clients->closeWriteChannel();
    QVERIFY(clients->waitForFinished(10000));
    QCOMPARE(clients->exitCode(), 0);
}

void PanelsTest::firehose()
{
    VHostsPanel *vhosts = panels->vhosts();
    const RowKey root{QStringLiteral("/")};
    QTRY_VERIFY_WITH_TIMEOUT(listed(vhosts, root), 5000);
    QCOMPARE(cell(vhosts, root, QStringLiteral("Firehose")).toString(), QStringLiteral("\u25CB"));
    declareQueue(QStringLiteral("work"));
    declareQueue(QStringLiteral("firehose-log"));
    QVERIFY(command(&ManagementService::bind, BindingSpec{QStringLiteral("/"), QStringLiteral("amq.rabbitmq.trace"),
                                                          QStringLiteral("firehose-log"), false, QStringLiteral("#")})
                .ok());

    QAction *toggle = action(vhosts, "firehose");
    QVERIFY(toggle->isCheckable());
    QVERIFY(!toggle->isEnabled());   // no virtual host selected
    QVERIFY(vhosts->select(root));
    QVERIFY(toggle->isEnabled() && !toggle->isChecked());
    QVERIFY(toggle->toolTip().contains(QStringLiteral("trace_on")));
    toggle->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(cell(vhosts, root, QStringLiteral("Firehose")).toString(), QStringLiteral("\u25CF"), 5000);
    QVERIFY(toggle->isChecked());
    screenshot(vhosts);

    // A pika client's publish and delivery, each copied to amq.rabbitmq.trace.
    std::unique_ptr<QProcess> clients = startClients(port, {QStringLiteral("consume"), QStringLiteral("work")});
    QCOMPARE(readLine(*clients), QByteArray("ready"));
    const QString publish = QStringLiteral(
        "import pika, sys\n"
        "c = pika.BlockingConnection(pika.ConnectionParameters('127.0.0.1', int(sys.argv[1])))\n"
        "c.channel().basic_publish('', 'work', b'traced')\n"
        "c.close()\n");
    QVERIFY(QProcess::execute(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), publish, QString::number(port)})
            == 0);
    QCOMPARE(readLine(*clients), QByteArray("got traced"));

    toggle->trigger();   // off again, before looking: a look is a delivery too
    QTRY_COMPARE_WITH_TIMEOUT(cell(vhosts, root, QStringLiteral("Firehose")).toString(), QStringLiteral("\u25CB"), 5000);
    const GetResult traced = command(&ManagementService::getMessages, QStringLiteral("/"),
                                     QStringLiteral("firehose-log"), 10, GetMode::Ack);
    QVERIFY(traced.outcome.ok());
    QStringList keys;
    for (const MessageView &m : traced.messages) {
        QCOMPARE(m.body, QByteArray("traced"));
        keys.append(m.routingKey);
    }
    QCOMPARE(keys, (QStringList{QStringLiteral("publish."), QStringLiteral("deliver.work")}));
    clients->closeWriteChannel();
    QVERIFY(clients->waitForFinished(10000));
}

QTEST_MAIN(PanelsTest)
#include "tst_panels.moc"
