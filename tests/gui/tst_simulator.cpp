// The Simulator page in the main window, driven with clicks and keys only (the toolbar's
// actions, the dialogs' fields and buttons, the tables' rows), against the window's own
// broker on a free port; what the test reads is what the page shows:
// - hello world: one consumer and one producer with the defaults (queue "hello", the default
//   exchange, routing key "hello"): the consumer's list shows message #1;
// - round robin: three consumers and a burst of nine: three messages each;
// - crash before ack: a worker that crashes at its first message, then a second worker, which
//   gets that message marked redelivered; the crashed worker's state says what became of it;
// - durability across a restart: a durable queue and persistent messages published while the
//   consumer is stopped, the window's restart action, then the consumer started again
//   receives them;
// - template errors in the producer dialog disable "Add and start" and say where they are;
// - the teaching notes follow their toggles as they are clicked: ack mode (manual: redelivered
//   after a crash; automatic: lost), prefetch (fair dispatch at 1, a number above, unlimited
//   at 0, no limit with automatic ack), queue durability (declared or not, durable or not)
//   and message persistence with the queue's durability;
// - the default URL is the window's broker, and the page says when it is another one;
// - the received lists' model (QAbstractItemModelTester): rows appended as messages come,
//   only changed columns refreshed, reset when consumers come or go;
// - the client tables take their rows from the simulation only: a broker snapshot, which
//   has none of them, leaves them as they are.
// Each scenario saves a screenshot of the window (simulator-<scenario>.png); the crash is
// shown once more in Simplified Chinese (simulator-zh.png, simulator-zh-consumer-dialog.png),
// with the translations in WARREN_QM_DIR (or the environment variable of that name).
#include "MainWindow.h"
#include "simulator/ClientTable.h"
#include "simulator/ConsumerDialog.h"
#include "simulator/LocalBrokerUrl.h"
#include "simulator/ProducerDialog.h"
#include "simulator/ReceivedModel.h"
#include "simulator/SimulatorPanel.h"
#include "simulator/SimulatorTables.h"
#include "simulator/SimulatorText.h"

#include "BrokerController.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QToolBar>
#include <QTranslator>
#include <QtTest>

#include <memory>
#include "LocalBrokerConfig.h"
#include "TestSupport.h"

using namespace warren;
using namespace warren::ui;

using warren::test::localBrokerConfig;
using warren::test::columnOf;

namespace {

// A table cell as the page shows it (or its tooltip), by client name and column title.
QString cell(const ClientTable *table, const QString &name, const QString &title, int role = Qt::DisplayRole)
{
    const QAbstractItemModel &model = *table->model();
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, 0).data().toString() == name)
            return model.index(row, columnOf(model, title)).data(role).toString();
    }
    return {};
}

void click(QWidget *widget)
{
    QTest::mouseClick(widget, Qt::LeftButton, {}, widget->rect().center());
}

// On its indicator: a check box stretched across a form takes clicks on its box and text only.
void tick(QAbstractButton *box)
{
    QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(box->height() / 2, box->height() / 2));
}

void clickAction(ClientTable *table, const char *name)
{
    QAction *action = table->findChild<QAction *>(QLatin1String(name));
    QVERIFY2(action && action->isEnabled(), name);
    click(table->toolBar()->widgetForAction(action));
}

void clickRow(ClientTable *table, const QString &name)
{
    const QAbstractItemModel &model = *table->model();
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, 0).data().toString() == name) {
            QTableView *view = table->view();
            QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(model.index(row, 0)).center());
            return;
        }
    }
    QFAIL(qPrintable(QStringLiteral("no row %1").arg(name)));
}

// Types into a line or spin box as a user does: select everything, type over it.
void typeInto(QWidget *field, const QString &text)
{
    field->setFocus();
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(field, text);
}

// The received list of one consumer, top to bottom.
QStringList receivedBy(const SimulatorPanel *page, const QString &name)
{
    const QAbstractItemModel &model = *page->received()->model();
    for (int c = 0; c < model.columnCount(); ++c) {
        if (!model.headerData(c, Qt::Horizontal).toString().startsWith(name + QLatin1String(" (")))
            continue;
        QStringList items;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString text = model.index(row, c).data().toString();
            if (!text.isEmpty())
                items << text;
        }
        return items;
    }
    return {};
}

} // namespace

class SimulatorTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void localBrokerUrl();
    void receivedModel();
    void clientTablesIgnoreBrokerSnapshots();
    void helloWorld();
    void roundRobin();
    void crashBeforeAck();
    void durabilityAcrossARestart();
    void templateErrorsAreShown();
    void teachingNotesFollowToggles();
    void anotherBroker();
    void inChinese();

private:
    template <class Dialog> Dialog *openDialog(ClientTable *table, const char *action);
    // Adds a consumer (or producer) with the dialog's defaults, changed by `edit`.
    void addConsumer(const std::function<void(ConsumerDialog *)> &edit = {});
    void addProducer(const std::function<void(ProducerDialog *)> &edit = {});
    bool waitState(ClientTable *table, const QString &name, const QString &state);
    void screenshot(const QString &scenario);
    void addCrashingConsumer();

    std::unique_ptr<QTemporaryDir> dataDir_;
    std::unique_ptr<MainWindow> window_;
    SimulatorPanel *page_ = nullptr;
};

void SimulatorTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);   // not the user's settings
    QLocale::setDefault(QLocale::c());
    QDir().mkpath(QStringLiteral(WARREN_SCREENSHOT_DIR));
}

void SimulatorTest::init()
{
    dataDir_ = std::make_unique<QTemporaryDir>();
    const BrokerConfig config = localBrokerConfig(dataDir_->path());
    window_ = std::make_unique<MainWindow>(config);
    window_->resize(1280, 860);
    window_->show();
    QVERIFY(window_->showPage(QStringLiteral("simulator")));
    page_ = window_->simulator();
    QTRY_VERIFY_WITH_TIMEOUT(window_->broker()->isRunning(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(page_->brokerUrl()->text().contains(QString::number(config.port)), 5000);
}

void SimulatorTest::cleanup()
{
    window_.reset();
    dataDir_.reset();
}

template <class Dialog> Dialog *SimulatorTest::openDialog(ClientTable *table, const char *action)
{
    clickAction(table, action);
    Dialog *dialog = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        dialog = page_->findChild<Dialog *>();
        return dialog && dialog->isVisible();
    }, 5000);
    return shown ? dialog : nullptr;
}

void SimulatorTest::addConsumer(const std::function<void(ConsumerDialog *)> &edit)
{
    auto *dialog = openDialog<ConsumerDialog>(page_->consumers(), "addConsumer");
    QVERIFY(dialog);
    if (edit)
        edit(dialog);
    QVERIFY(dialog->addButton()->isEnabled());
    click(dialog->addButton());
    QTRY_VERIFY(!page_->findChild<ConsumerDialog *>());
}

void SimulatorTest::addProducer(const std::function<void(ProducerDialog *)> &edit)
{
    auto *dialog = openDialog<ProducerDialog>(page_->producers(), "addProducer");
    QVERIFY(dialog);
    if (edit)
        edit(dialog);
    QVERIFY(dialog->addButton()->isEnabled());
    click(dialog->addButton());
    QTRY_VERIFY(!page_->findChild<ProducerDialog *>());
}

bool SimulatorTest::waitState(ClientTable *table, const QString &name, const QString &state)
{
    const bool reached = QTest::qWaitFor([&] { return cell(table, name, QStringLiteral("State")).startsWith(state); },
                                         10000);
    if (!reached)
        qWarning() << name << "is" << cell(table, name, QStringLiteral("State")) << "not" << state;
    return reached;
}

void SimulatorTest::screenshot(const QString &scenario)
{
    QTest::qWait(300);   // one more snapshot, so the tables show the last counts
    QVERIFY(window_->grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/simulator-%1.png").arg(scenario)));
}

void SimulatorTest::localBrokerUrl()
{
    using warren::ui::localBrokerUrl;
    QCOMPARE(localBrokerUrl({QStringLiteral("127.0.0.1:5672"), QStringLiteral("[::1]:5672")}),
             QStringLiteral("amqp://guest:guest@127.0.0.1:5672/"));
    QCOMPARE(localBrokerUrl({QStringLiteral("[::1]:5673")}), QStringLiteral("amqp://guest:guest@[::1]:5673/"));
    QCOMPARE(localBrokerUrl({QStringLiteral("0.0.0.0:5674")}), QStringLiteral("amqp://guest:guest@127.0.0.1:5674/"));
    QCOMPARE(localBrokerUrl({QStringLiteral("192.168.1.5:5672")}),
             QStringLiteral("amqp://guest:guest@192.168.1.5:5672/"));
    QCOMPARE(localBrokerUrl({}), QString());
}

void SimulatorTest::receivedModel()
{
    ReceivedModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    sim::ConsumerStatus a;
    a.id = 1;
    a.spec.name = QStringLiteral("worker 1");
    sim::ConsumerStatus b = a;
    b.id = 2;
    b.spec.name = QStringLiteral("worker 2");
    model.showConsumers({a, b});
    QCOMPARE(model.columnCount(), 2);
    QCOMPARE(model.rowCount(), 0);

    a.recent = {{1, QStringLiteral("producer P1"), false}, {3, QStringLiteral("producer P1"), false}};
    a.received = 2;
    b.recent = {{2, QStringLiteral("producer P1"), false}};
    b.received = 1;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.showConsumers({a, b});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("#3"));
    QVERIFY(!model.index(1, 1).data().isValid());
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("worker 1 (2)"));

    // Only worker 2 gets something new: only its column changes.
    b.recent.append({1, QStringLiteral("producer P1"), true});
    b.received = 2;
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.showConsumers({a, b});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.front().at(0).toModelIndex().column(), 1);
    QCOMPARE(model.index(1, 1).data().toString(), QStringLiteral("#1 ↻ redelivered"));
    QVERIFY(model.index(1, 1).data(ReceivedModel::RedeliveredRole).toBool());
    QVERIFY(model.index(1, 1).data(Qt::ToolTipRole).toString().contains(QLatin1String("producer P1")));

    model.showConsumers({b});   // worker 1 removed
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.columnCount(), 1);
    QCOMPARE(model.rowCount(), 2);
}

void SimulatorTest::clientTablesIgnoreBrokerSnapshots()
{
    ProducerTableModel producers(SimulatorTables::producers());
    sim::ProducerStatus p;
    p.id = 1;
    p.spec.name = QStringLiteral("producer P1");
    producers.setRows({p});
    BrokerSnapshot broker;
    broker.connections.append(ConnectionSnapshot{});
    broker.queues.append(QueueSnapshot{});
    producers.showSnapshot(broker);
    QCOMPARE(producers.rowCount(), 1);
    QCOMPARE(producers.rowAt(0)->spec.name, QStringLiteral("producer P1"));
}

void SimulatorTest::helloWorld()
{
    addConsumer();
    QVERIFY(waitState(page_->consumers(), QStringLiteral("worker 1"), QStringLiteral("Running")));
    addProducer();
    QTRY_COMPARE_WITH_TIMEOUT(receivedBy(page_, QStringLiteral("worker 1")), QStringList{QStringLiteral("#1")}, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(page_->consumers(), QStringLiteral("worker 1"), QStringLiteral("Acked")),
                              QStringLiteral("1"), 5000);
    QCOMPARE(cell(page_->producers(), QStringLiteral("producer P1"), QStringLiteral("Published")), QStringLiteral("1"));
    QCOMPARE(cell(page_->producers(), QStringLiteral("producer P1"), QStringLiteral("Exchange")),
             QStringLiteral("(default)"));
    QCOMPARE(cell(page_->consumers(), QStringLiteral("worker 1"), QStringLiteral("Queue")), QStringLiteral("hello"));
    // Real connections: the broker lists them under their names.
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        QStringList names;
        for (const ConnectionSnapshot &c : window_->broker()->lastSnapshot().connections)
            names << c.name;
        return names.contains(QStringLiteral("worker 1")) && names.contains(QStringLiteral("producer P1"));
    }(), 5000);
    screenshot(QStringLiteral("hello"));
}

void SimulatorTest::roundRobin()
{
    for (int i = 0; i < 3; ++i)
        addConsumer();
    for (const char *name : {"worker 1", "worker 2", "worker 3"})
        QVERIFY(waitState(page_->consumers(), QLatin1String(name), QStringLiteral("Running")));
    addProducer([](ProducerDialog *d) { typeInto(d->findChild<QSpinBox *>(QStringLiteral("burstSize")), QStringLiteral("9")); });
    QTRY_COMPARE_WITH_TIMEOUT(cell(page_->producers(), QStringLiteral("producer P1"), QStringLiteral("Published")),
                              QStringLiteral("9"), 10000);
    int total = 0;
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        total = 0;
        for (const char *name : {"worker 1", "worker 2", "worker 3"})
            total += cell(page_->consumers(), QLatin1String(name), QStringLiteral("Acked")).toInt();
        return total == 9;
    }(), 15000);
    for (const char *name : {"worker 1", "worker 2", "worker 3"}) {
        const int received = cell(page_->consumers(), QLatin1String(name), QStringLiteral("Received")).toInt();
        QVERIFY2(qAbs(received - 3) <= 1, qPrintable(QStringLiteral("%1 received %2").arg(QLatin1String(name)).arg(received)));
        QCOMPARE(receivedBy(page_, QLatin1String(name)).size(), received);
    }
    screenshot(QStringLiteral("round-robin"));
}

void SimulatorTest::addCrashingConsumer()
{
    addConsumer([](ConsumerDialog *d) {
        auto *outcome = d->findChild<QComboBox *>(QStringLiteral("outcome"));
        outcome->setFocus();
        // Crash before the ack, chosen with the arrow keys as a user would.
        const int crash = outcome->findData(int(sim::Outcome::CrashBeforeAck));
        QVERIFY(crash > 0);
        for (int i = 0; i < crash; ++i)
            QTest::keyClick(outcome, Qt::Key_Down);
        QCOMPARE(outcome->currentIndex(), crash);
    });
}

void SimulatorTest::crashBeforeAck()
{
    addCrashingConsumer();
    QVERIFY(waitState(page_->consumers(), QStringLiteral("worker 1"), QStringLiteral("Running")));
    QCOMPARE(cell(page_->consumers(), QStringLiteral("worker 1"), QStringLiteral("Outcome")),
             QStringLiteral("Crash before the ack"));
    addProducer();
    QVERIFY(waitState(page_->consumers(), QStringLiteral("worker 1"), QStringLiteral("Crashed")));
    QCOMPARE(receivedBy(page_, QStringLiteral("worker 1")), QStringList{QStringLiteral("#1")});

    addConsumer();   // worker 2, an ordinary one
    QTRY_COMPARE_WITH_TIMEOUT(receivedBy(page_, QStringLiteral("worker 2")),
                              QStringList{QStringLiteral("#1 ↻ redelivered")}, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(page_->consumers(), QStringLiteral("worker 2"), QStringLiteral("Redelivered")),
                              QStringLiteral("1"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(page_->consumers(), QStringLiteral("worker 2"), QStringLiteral("Acked")),
                              QStringLiteral("1"), 5000);
    QCOMPARE(cell(page_->consumers(), QStringLiteral("worker 1"), QStringLiteral("Acked")), QStringLiteral("0"));
    // The state says what it meant for the message.
    QVERIFY(cell(page_->consumers(), QStringLiteral("worker 1"), QStringLiteral("State"), Qt::ToolTipRole)
                .contains(QLatin1String("requeued every message it had not acknowledged")));
    screenshot(QStringLiteral("crash-before-ack"));
}

void SimulatorTest::durabilityAcrossARestart()
{
    addConsumer([](ConsumerDialog *d) {
        auto *durable = d->findChild<QCheckBox *>(QStringLiteral("durableQueue"));
        tick(durable);
        QVERIFY(durable->isChecked());
        QVERIFY(d->findChild<QLabel *>(QStringLiteral("durabilityNote"))->text().contains(QLatin1String("survives")));
    });
    QVERIFY(waitState(page_->consumers(), QStringLiteral("worker 1"), QStringLiteral("Running")));
    QCOMPARE(cell(page_->consumers(), QStringLiteral("worker 1"), QStringLiteral("Queue")),
             QStringLiteral("hello (durable)"));
    clickRow(page_->consumers(), QStringLiteral("worker 1"));
    clickAction(page_->consumers(), "stopConsumer");
    QVERIFY(waitState(page_->consumers(), QStringLiteral("worker 1"), QStringLiteral("Stopped")));

    addProducer([](ProducerDialog *d) {
        tick(d->findChild<QCheckBox *>(QStringLiteral("durableQueue")));
        tick(d->findChild<QCheckBox *>(QStringLiteral("persistent")));
        tick(d->findChild<QCheckBox *>(QStringLiteral("confirms")));
        typeInto(d->findChild<QSpinBox *>(QStringLiteral("burstSize")), QStringLiteral("3"));
        QVERIFY(d->findChild<QLabel *>(QStringLiteral("persistenceNote"))->text().contains(QLatin1String("survive")));
    });
    // Confirmed: on disk.
    QTRY_COMPARE_WITH_TIMEOUT(cell(page_->producers(), QStringLiteral("producer P1"), QStringLiteral("Confirmed")),
                              QStringLiteral("3"), 10000);

    QSignalSpy restarted(window_->broker(), &BrokerController::started);
    auto *restart = window_->findChild<QAction *>(QStringLiteral("restartBroker"));
    auto *toolbar = window_->findChild<QToolBar *>(QStringLiteral("brokerToolbar"));
    click(toolbar->widgetForAction(restart));
    QTRY_COMPARE_WITH_TIMEOUT(restarted.size(), 1, 15000);
    QVERIFY(receivedBy(page_, QStringLiteral("worker 1")).isEmpty());

    clickRow(page_->consumers(), QStringLiteral("worker 1"));
    clickAction(page_->consumers(), "startConsumer");
    QTRY_COMPARE_WITH_TIMEOUT(receivedBy(page_, QStringLiteral("worker 1")),
                              (QStringList{QStringLiteral("#1"), QStringLiteral("#2"), QStringLiteral("#3")}), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(page_->consumers(), QStringLiteral("worker 1"), QStringLiteral("Acked")),
                              QStringLiteral("3"), 5000);
    // The producer stayed: it reconnected by itself, and sends no burst again unasked.
    QVERIFY(waitState(page_->producers(), QStringLiteral("producer P1"), QStringLiteral("Sent")));
    QCOMPARE(cell(page_->producers(), QStringLiteral("producer P1"), QStringLiteral("Published")), QStringLiteral("3"));
    screenshot(QStringLiteral("durable-restart"));
}

void SimulatorTest::templateErrorsAreShown()
{
    auto *dialog = openDialog<ProducerDialog>(page_->producers(), "addProducer");
    QVERIFY(dialog);
    auto *key = dialog->findChild<QLineEdit *>(QStringLiteral("routingKey"));
    QVERIFY(dialog->addButton()->isEnabled());
    typeInto(key, QStringLiteral("task.{id}"));
    QVERIFY(!dialog->addButton()->isEnabled());
    const QList<QLabel *> feedback = dialog->findChildren<QLabel *>(QStringLiteral("templateFeedback"));
    QVERIFY(std::any_of(feedback.begin(), feedback.end(), [](QLabel *l) {
        return l->text().contains(QLatin1String("{id}")) && l->text().contains(QLatin1String("character 6"));
    }));
    typeInto(key, QStringLiteral("task.{n%3}"));
    QVERIFY(dialog->addButton()->isEnabled());
    QVERIFY(std::any_of(feedback.begin(), feedback.end(),
                        [](QLabel *l) { return l->text().contains(QLatin1String("task.1, task.2, task.0")); }));
    QVERIFY(dialog->grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/simulator-producer-dialog.png")));
    dialog->reject();

    auto *consumer = openDialog<ConsumerDialog>(page_->consumers(), "addConsumer");
    QVERIFY(consumer);
    tick(consumer->findChild<QRadioButton *>(QStringLiteral("automaticAck")));
    QVERIFY(consumer->findChild<QLabel *>(QStringLiteral("ackNote"))->text().contains(QLatin1String("loses the message")));
    QVERIFY(consumer->grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/simulator-consumer-dialog.png")));
    consumer->reject();
}

void SimulatorTest::teachingNotesFollowToggles()
{
    auto *consumer = openDialog<ConsumerDialog>(page_->consumers(), "addConsumer");
    QVERIFY(consumer);
    const auto consumerNote = [consumer](const char *name) {
        return consumer->findChild<QLabel *>(QLatin1String(name))->text();
    };
    auto *prefetch = consumer->findChild<QSpinBox *>(QStringLiteral("prefetch"));
    QVERIFY(consumerNote("ackNote").contains(QLatin1String("marked redelivered")));
    QVERIFY(consumerNote("prefetchNote").startsWith(QLatin1String("Fair dispatch")));
    typeInto(prefetch, QStringLiteral("5"));
    QVERIFY2(consumerNote("prefetchNote").contains(QLatin1String("At most 5 unacknowledged")),
             qPrintable(consumerNote("prefetchNote")));
    typeInto(prefetch, QStringLiteral("0"));
    QVERIFY(consumerNote("prefetchNote").startsWith(QLatin1String("Unlimited")));
    tick(consumer->findChild<QRadioButton *>(QStringLiteral("automaticAck")));
    QVERIFY(consumerNote("ackNote").contains(QLatin1String("loses the message")));
    QVERIFY(consumerNote("prefetchNote").contains(QLatin1String("does not limit automatic ack")));
    QVERIFY(!prefetch->isEnabled());
    tick(consumer->findChild<QRadioButton *>(QStringLiteral("manualAck")));
    QVERIFY(consumerNote("ackNote").contains(QLatin1String("marked redelivered")));
    QVERIFY(prefetch->isEnabled());

    auto *durable = consumer->findChild<QCheckBox *>(QStringLiteral("durableQueue"));
    auto *declare = consumer->findChild<QCheckBox *>(QStringLiteral("declareQueue"));
    QVERIFY(consumerNote("durabilityNote").contains(QLatin1String("transient queue is gone")));
    tick(durable);
    QVERIFY(consumerNote("durabilityNote").contains(QLatin1String("durable queue survives")));
    tick(declare);
    QVERIFY(consumerNote("durabilityNote").contains(QLatin1String("not declared here")));
    QVERIFY(!durable->isEnabled());
    QVERIFY(consumerNote("channelsNote").startsWith(QLatin1String("One channel")));
    typeInto(consumer->findChild<QSpinBox *>(QStringLiteral("channels")), QStringLiteral("3"));
    QVERIFY(consumerNote("channelsNote").startsWith(QLatin1String("3 channels on one connection")));
    QCOMPARE(consumer->spec().channels, 3);
    QVERIFY(consumerNote("replyNote").contains(QLatin1String("answers nothing")));
    tick(consumer->findChild<QCheckBox *>(QStringLiteral("reply")));
    QVERIFY(consumerNote("replyNote").contains(QLatin1String("reply_to")));
    QVERIFY(consumer->spec().reply);
    consumer->reject();

    auto *producer = openDialog<ProducerDialog>(page_->producers(), "addProducer");
    QVERIFY(producer);
    const auto persistence = [producer] {
        return producer->findChild<QLabel *>(QStringLiteral("persistenceNote"))->text();
    };
    auto *persistent = producer->findChild<QCheckBox *>(QStringLiteral("persistent"));
    auto *queueDurable = producer->findChild<QCheckBox *>(QStringLiteral("durableQueue"));
    QVERIFY(persistence().contains(QLatin1String("restart loses both")));
    tick(persistent);
    QVERIFY(persistence().contains(QLatin1String("the queue is transient")));
    tick(queueDurable);
    QVERIFY(persistence().contains(QLatin1String("they survive a broker restart")));
    tick(persistent);
    QVERIFY(persistence().contains(QLatin1String("these transient messages do not")));
    tick(producer->findChild<QCheckBox *>(QStringLiteral("declareQueue")));
    QVERIFY(persistence().contains(QLatin1String("whatever the queue")));
    auto *replyTo = producer->findChild<QLineEdit *>(QStringLiteral("replyTo"));
    QVERIFY(producer->findChild<QLabel *>(QStringLiteral("awaitRepliesNote"))->text().contains(QLatin1String("no answer")));
    QVERIFY(replyTo->isEnabled());
    tick(producer->findChild<QCheckBox *>(QStringLiteral("awaitReplies")));
    QVERIFY(producer->findChild<QLabel *>(QStringLiteral("awaitRepliesNote"))->text().contains(QLatin1String("exclusive queue")));
    QVERIFY(!replyTo->isEnabled());   // the client's own, per request
    QVERIFY(producer->spec().awaitReplies);
    producer->reject();
}

void SimulatorTest::anotherBroker()
{
    auto *status = page_->findChild<QLabel *>(QStringLiteral("urlStatus"));
    auto *useLocal = page_->findChild<QPushButton *>(QStringLiteral("useLocalBroker"));
    const QString local = page_->brokerUrl()->text();
    QVERIFY(status->text().contains(QLatin1String("this window")));
    QVERIFY(!useLocal->isEnabled());
    typeInto(page_->brokerUrl(), QStringLiteral("amqp://guest:guest@127.0.0.1:1/"));
    QVERIFY(status->text().contains(QLatin1String("127.0.0.1")));
    QVERIFY(useLocal->isEnabled());
    // Nobody listens there: the consumer keeps trying, and says why.
    addConsumer();
    QVERIFY(waitState(page_->consumers(), QStringLiteral("worker 1"), QStringLiteral("Reconnecting")));
    typeInto(page_->brokerUrl(), QStringLiteral("http://example.org"));
    QVERIFY(status->text().contains(QLatin1String("Not an amqp:// URL")));
    QVERIFY(!page_->consumers()->findChild<QAction *>(QStringLiteral("addConsumer"))->isEnabled());
    click(useLocal);
    QCOMPARE(page_->brokerUrl()->text(), local);
}

void SimulatorTest::inChinese()
{
    QTranslator chinese;
    const QString qmDir = qEnvironmentVariable("WARREN_QM_DIR", QStringLiteral(WARREN_QM_DIR));
    QVERIFY(chinese.load(qmDir + QLatin1String("/warren_zh_CN.qm")));
    QCoreApplication::installTranslator(&chinese);
    cleanup();
    init();   // the window again, its texts in Chinese
    addCrashingConsumer();
    const QAbstractItemModel &consumers = *page_->consumers()->model();
    QTRY_COMPARE_WITH_TIMEOUT(consumers.index(0, 1).data().toString(), SimulatorText::state(sim::ClientState::Running),
                              10000);
    addProducer();
    addConsumer();
    const QAbstractItemModel &received = *page_->received()->model();
    QTRY_VERIFY_WITH_TIMEOUT(received.columnCount() == 2 && received.index(0, 1).data().toString().contains(u'↻'),
                             10000);
    screenshot(QStringLiteral("zh"));
    auto *dialog = openDialog<ConsumerDialog>(page_->consumers(), "addConsumer");
    QVERIFY(dialog);
    QVERIFY(dialog->grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/simulator-zh-consumer-dialog.png")));
    dialog->reject();
    cleanup();
    QCoreApplication::removeTranslator(&chinese);
}

QTEST_MAIN(SimulatorTest)
#include "tst_simulator.moc"
