// The explorer's dialogs against a live embedded broker, driven through their widgets:
// - the argument catalogue, the field table editor's parse errors, the topic matcher and
//   the body formats, on their own;
// - "Add queue" says a durable queue keeps only persistent messages, and declares a durable
//   queue with x-max-length; declaring it again without
//   durable shows RabbitMQ's 406 text inline and the dialog stays open;
// - "Add exchange" declares a topic exchange with an alternate exchange;
// - "Add binding" previews a topic binding "a.*": a.b reaches the queue, b.c does not;
// - "Publish message" sends a persistent JSON message with a header and says whether it
//   was routed;
// - "Get messages" shows body, header and pretty JSON and requeues, saying that what it puts
//   back will be redelivered; in ack mode it empties the queue;
// - "Move messages" moves three messages to another queue.
// The broker tests build on each other, in order. Each dialog is saved as a screenshot
// under WARREN_SCREENSHOT_DIR.
#include "BrokerController.h"
#include "dialogs/BindDialog.h"
#include "dialogs/BodyEditor.h"
#include "dialogs/BodyFormat.h"
#include "dialogs/DeclareExchangeDialog.h"
#include "dialogs/DeclareQueueDialog.h"
#include "dialogs/FieldTableEditor.h"
#include "dialogs/GetMessagesDialog.h"
#include "dialogs/MoveMessagesDialog.h"
#include "dialogs/PublishDialog.h"
#include "dialogs/QueueArgumentCatalog.h"
#include "explain/RouteExplanationView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

#include <memory>
#include <optional>
#include "LocalBrokerConfig.h"
#include "TestSupport.h"

using warren::test::localBrokerConfig;

using namespace warren;
using namespace warren::ui;
using management::ManagementService;

class DialogsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();

    void catalogDescribesArguments();
    void fieldKindsParse();
    void fieldTableEditorReportsErrors();
    void bodyFormats();
    void bodyEditorSendsFilesAsTheyAre();
    void quorumTypeOffersItsArguments();

    void declareQueueWithMaxLength();
    void redeclareShowsInequivalentArgument();
    void declareTopicExchange();
    void bindPreviewsRouting();
    void bindExplainsEveryBinding();
    void bindHeadersPreviewMatchesLikeTheBroker();
    void publishJsonWithHeaders();
    void getRequeueShowsMessage();
    void getAckRemovesMessage();
    void moveMessages();

private:
    static void show(QWidget &dialog);
    static void screenshot(QWidget &dialog, const char *name);
    static QTableWidget *rowsOf(QWidget &parent, const char *editor);
    static void clickAction(QWidget &dialog);
    static QString labelText(QWidget &dialog, const char *name);
    static bool listHas(const QListWidget *list, const QString &prefix);

    const QueueSnapshot *queue(const QString &name) const;
    template <class R, class... Params, class... Args>
    R callBroker(R (ManagementService::*method)(Params...), Args &&...args);

    QTemporaryDir dataDir_;
    std::unique_ptr<BrokerController> broker_;
};

// --- helpers -------------------------------------------------------------------------

void DialogsTest::show(QWidget &dialog)
{
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
}

void DialogsTest::screenshot(QWidget &dialog, const char *name)
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);   // layouts settle on the event loop
    QDir().mkpath(QStringLiteral(WARREN_SCREENSHOT_DIR));
    QVERIFY(dialog.grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/%1.png").arg(QLatin1String(name))));
}

QTableWidget *DialogsTest::rowsOf(QWidget &parent, const char *editor)
{
    auto *found = parent.findChild<FieldTableEditor *>(QLatin1String(editor));
    return found ? found->findChild<QTableWidget *>(QStringLiteral("fieldTable")) : nullptr;
}

void DialogsTest::clickAction(QWidget &dialog)
{
    auto *action = dialog.findChild<QPushButton *>(QStringLiteral("actionButton"));
    QVERIFY(action && action->isEnabled());
    QTest::mouseClick(action, Qt::LeftButton);
}

QString DialogsTest::labelText(QWidget &dialog, const char *name)
{
    const auto *label = dialog.findChild<QLabel *>(QLatin1String(name));
    return label && label->isVisible() ? label->text() : QString();
}

bool DialogsTest::listHas(const QListWidget *list, const QString &prefix)
{
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->text().startsWith(prefix))
            return true;
    }
    return false;
}

const QueueSnapshot *DialogsTest::queue(const QString &name) const
{
    for (const QueueSnapshot &q : broker_->lastSnapshot().queues) {
        if (q.vhost == QLatin1String("/") && q.name == name)
            return &q;
    }
    return nullptr;
}

// A command's result, waited for here (the tests' own setup, not what they check).
template <class R, class... Params, class... Args>
R DialogsTest::callBroker(R (ManagementService::*method)(Params...), Args &&...args)
{
    std::optional<R> result;
    broker_->call(method, this, std::function<void(const R &)>([&result](const R &r) { result = r; }),
                  std::forward<Args>(args)...);
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 5000))
        qWarning("no answer from the broker within 5 s");   // the caller's check then fails
    return result.value_or(R{});
}

void DialogsTest::initTestCase()
{
    QVERIFY(dataDir_.isValid());
    BrokerConfig config = localBrokerConfig(dataDir_.path());
    broker_ = std::make_unique<BrokerController>();
    broker_->setSnapshotInterval(50);
    broker_->start(config);
    QTRY_VERIFY_WITH_TIMEOUT(broker_->isRunning() && !broker_->lastSnapshot().vhosts.isEmpty(), 10000);
}

void DialogsTest::cleanupTestCase() { broker_.reset(); }

// --- parts on their own ----------------------------------------------------------------

void DialogsTest::catalogDescribesArguments()
{
    const QList<ArgumentInfo> queueArgs = QueueArgumentCatalog::queueArguments();
    QSet<QByteArray> keys;
    for (const ArgumentInfo &info : queueArgs) {
        QVERIFY2(!keys.contains(info.key), info.key.constData());
        keys.insert(info.key);
        QVERIFY(info.key.startsWith("x-"));
        QVERIFY2(!info.label.isEmpty() && info.tooltip.endsWith(QLatin1Char('.')), info.key.constData());
    }
    for (const char *key : {"x-message-ttl", "x-expires", "x-max-length", "x-max-length-bytes", "x-overflow",
                            "x-dead-letter-exchange", "x-dead-letter-routing-key", "x-max-priority", "x-queue-type",
                            "x-single-active-consumer", "x-delivery-limit", "x-queue-mode", "x-queue-master-locator",
                            "x-queue-leader-locator", "x-quorum-initial-group-size", "x-max-in-memory-length",
                            "x-max-in-memory-bytes"})
        QVERIFY2(keys.contains(key), key);

    const auto overflow = QueueArgumentCatalog::find("x-overflow");
    QVERIFY(overflow);
    QCOMPARE(overflow->kind, FieldKind::String);
    QCOMPARE(overflow->choices, (QStringList{QStringLiteral("drop-head"), QStringLiteral("reject-publish"),
                                             QStringLiteral("reject-publish-dlx")}));
    QCOMPARE(overflow->initialValue(), QStringLiteral("drop-head"));
    QCOMPARE(QueueArgumentCatalog::find("x-max-length")->kind, FieldKind::Number);
    QCOMPARE(QueueArgumentCatalog::find("x-single-active-consumer")->kind, FieldKind::Boolean);
    QCOMPARE(QueueArgumentCatalog::find("x-single-active-consumer")->initialValue(), QStringLiteral("true"));
    // Quorum queues refuse priorities; classic queues refuse a delivery limit.
    QVERIFY(!QueueArgumentCatalog::find("x-max-priority")->appliesTo(QStringLiteral("quorum")));
    QVERIFY(!QueueArgumentCatalog::find("x-delivery-limit")->appliesTo(QStringLiteral("classic")));
    QVERIFY(QueueArgumentCatalog::find("x-message-ttl")->appliesTo(QStringLiteral("quorum")));

    const QList<ArgumentInfo> exchangeArgs = QueueArgumentCatalog::exchangeArguments();
    QCOMPARE(exchangeArgs.size(), 1);
    QCOMPARE(exchangeArgs[0].key, QByteArray("alternate-exchange"));
    QCOMPARE(exchangeArgs[0].kind, FieldKind::String);
    QVERIFY(QueueArgumentCatalog::find("x-match"));
    QVERIFY(!QueueArgumentCatalog::find("x-no-such-thing"));
}

void DialogsTest::fieldKindsParse()
{
    QString error;
    QCOMPARE(FieldKinds::parse(FieldKind::Number, QStringLiteral(" 42 "), &error), amqp::FieldValue::integer(42));
    QVERIFY(!FieldKinds::parse(FieldKind::Number, QStringLiteral("ten"), &error));
    QCOMPARE(error, QStringLiteral("not a number"));
    QCOMPARE(FieldKinds::parse(FieldKind::Decimal, QStringLiteral("1.5"), &error), amqp::FieldValue::floating(1.5));
    for (const char *notFinite : {"nan", "inf", "-inf"}) {
        QVERIFY(!FieldKinds::parse(FieldKind::Decimal, QString::fromLatin1(notFinite), &error));
        QCOMPARE(error, QStringLiteral("not a decimal number"));
    }
    QCOMPARE(FieldKinds::parse(FieldKind::Boolean, QStringLiteral("TRUE"), &error), amqp::FieldValue::boolean(true));
    QVERIFY(!FieldKinds::parse(FieldKind::Boolean, QStringLiteral("maybe"), &error));
    QCOMPARE(error, QStringLiteral("not true or false"));
    const auto list = FieldKinds::parse(FieldKind::List, QStringLiteral("red, green,,"), &error);
    QCOMPARE(list, amqp::FieldValue::array({amqp::FieldValue::string("red"), amqp::FieldValue::string("green")}));
    QCOMPARE(FieldKinds::parse(FieldKind::String, QStringLiteral(" as typed "), &error),
             amqp::FieldValue::string(" as typed "));
}

void DialogsTest::fieldTableEditorReportsErrors()
{
    FieldTableEditor editor;
    show(editor);
    auto *rows = editor.findChild<QTableWidget *>(QStringLiteral("fieldTable"));
    auto *add = editor.findChild<QPushButton *>(QStringLiteral("addRow"));
    QVERIFY(rows && add);
    QVERIFY(editor.parsed().ok());
    QVERIFY(editor.parsed().table.isEmpty());

    // Add row opens the name for typing; Return commits it.
    QTest::mouseClick(add, Qt::LeftButton);
    QCOMPARE(editor.rowCount(), 1);
    QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("x-max-length"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QTRY_COMPARE(rows->item(0, 0)->text(), QStringLiteral("x-max-length"));   // committed by a queued call
    static_cast<QComboBox *>(rows->cellWidget(0, 1))->setCurrentText(FieldKinds::name(FieldKind::Number));
    rows->item(0, 2)->setText(QStringLiteral("ten"));
    QCOMPARE(editor.parsed().error, QStringLiteral("x-max-length: not a number"));
    rows->item(0, 2)->setText(QStringLiteral("10"));
    QVERIFY(editor.parsed().ok());
    QCOMPARE(editor.parsed().table, (amqp::FieldTable{{"x-max-length", amqp::FieldValue::integer(10)}}));

    // An empty row is left out; a value without a name and a name given twice are errors.
    QTest::mouseClick(add, Qt::LeftButton);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QVERIFY(editor.parsed().ok());
    rows->item(1, 2)->setText(QStringLiteral("orphan"));
    QCOMPARE(editor.parsed().error, QStringLiteral("Row 2: the name is missing"));
    rows->item(1, 0)->setText(QStringLiteral("x-max-length"));
    QCOMPARE(editor.parsed().error, QStringLiteral("x-max-length: given twice"));

    // setEntry fills in the row that has the name.
    editor.setEntry(QStringLiteral("x-max-length"), FieldKind::Boolean, QStringLiteral("perhaps"));
    QCOMPARE(editor.rowCount(), 2);
    QCOMPARE(editor.parsed().error, QStringLiteral("x-max-length: not true or false"));

    // Remove takes the selected rows out.
    rows->selectRow(0);
    QTest::mouseClick(editor.findChild<QPushButton *>(QStringLiteral("removeRow")), Qt::LeftButton);
    QCOMPARE(editor.rowCount(), 1);
    QCOMPARE(editor.parsed().table, (amqp::FieldTable{{"x-max-length", amqp::FieldValue::string("orphan")}}));
}

void DialogsTest::bodyFormats()
{
    // Keys stay in their order and numbers as written: re-indented, not re-encoded.
    const QByteArray body = R"({"zeta": 1, "alpha":[12345678901234567890, "a,\"b"], "empty": {}})";
    QCOMPARE(BodyFormats::render(body, BodyFormat::Json),
             QStringLiteral("{\n  \"zeta\": 1,\n  \"alpha\": [\n    12345678901234567890,\n    \"a,\\\"b\"\n  ],\n"
                            "  \"empty\": {}\n}"));
    QVERIFY(BodyFormats::isJson("42"));
    QVERIFY(!BodyFormats::isJson("1, 2"));
    QVERIFY(BodyFormats::render("hello", BodyFormat::Json).startsWith(QStringLiteral("The payload is not JSON")));
    QCOMPARE(BodyFormats::render("AB\x01", BodyFormat::Hex),
             QStringLiteral("00000000  41 42 01                                          |AB.|"));
    QCOMPARE(BodyFormats::render("h\xc3\xa9", BodyFormat::Text), QStringLiteral("h\u00e9"));
    QVERIFY(BodyFormats::render("\xff\xfe", BodyFormat::Text).contains(QStringLiteral("not UTF-8")));
}

void DialogsTest::bodyEditorSendsFilesAsTheyAre()
{
    BodyEditor editor;
    auto *text = editor.findChild<QPlainTextEdit *>(QStringLiteral("bodyText"));
    text->setPlainText(QStringLiteral("caf\u00e9"));
    QCOMPARE(editor.body(), QByteArray("caf\xc3\xa9"));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("body.bin"));
    const QByteArray bytes("\xef\xbb\xbfline\r\n\x00\xff", 11);   // a BOM, CRLF, NUL, invalid UTF-8
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    file.close();
    QString error;
    QVERIFY(editor.loadFile(path, &error));
    QCOMPARE(editor.body(), bytes);
    QVERIFY(text->isReadOnly());
    QVERIFY(!editor.loadFile(dir.filePath(QStringLiteral("missing")), &error));
    QVERIFY(error.contains(QStringLiteral("missing")));
}

void DialogsTest::quorumTypeOffersItsArguments()
{
    DeclareQueueDialog dialog(broker_.get(), broker_->lastSnapshot(), QStringLiteral("/"));
    show(dialog);
    const auto link = [&](const char *key) {
        return dialog.findChild<QToolButton *>(QStringLiteral("add:") + QLatin1String(key))->isVisible();
    };
    QVERIFY(link("x-max-priority") && !link("x-delivery-limit") && !link("x-queue-type"));
    dialog.findChild<QComboBox *>(QStringLiteral("queueType"))->setCurrentIndex(1);
    QVERIFY(!link("x-max-priority") && link("x-delivery-limit") && link("x-message-ttl"));
    auto *durable = dialog.findChild<QCheckBox *>(QStringLiteral("durable"));
    QVERIFY(durable->isChecked() && !durable->isEnabled());
    QVERIFY(!dialog.findChild<QCheckBox *>(QStringLiteral("exclusive"))->isEnabled());
    QTest::mouseClick(dialog.findChild<QToolButton *>(QStringLiteral("add:x-delivery-limit")), Qt::LeftButton);
    screenshot(dialog, "declare-quorum-queue");
}

// --- dialogs against the broker ----------------------------------------------------------

void DialogsTest::declareQueueWithMaxLength()
{
    DeclareQueueDialog dialog(broker_.get(), broker_->lastSnapshot(), QStringLiteral("/"));
    show(dialog);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("name")), QStringLiteral("orders"));
    QVERIFY(dialog.findChild<QCheckBox *>(QStringLiteral("durable"))->isChecked());
    // One line says what durable keeps: the queue, and only its persistent messages.
    QVERIFY(labelText(dialog, "optionsNote").contains(QStringLiteral("keeps only its persistent messages")));
    // Links of the chosen type only: a classic queue has no delivery limit.
    QVERIFY(!dialog.findChild<QToolButton *>(QStringLiteral("add:x-delivery-limit"))->isVisible());
    auto *maxLength = dialog.findChild<QToolButton *>(QStringLiteral("add:x-max-length"));
    QVERIFY(maxLength && maxLength->isVisible());
    QVERIFY(maxLength->toolTip().contains(QStringLiteral("ready messages")));
    QTest::mouseClick(maxLength, Qt::LeftButton);
    QTableWidget *rows = rowsOf(dialog, "arguments");
    QCOMPARE(rows->rowCount(), 1);
    QCOMPARE(rows->item(0, 0)->text(), QStringLiteral("x-max-length"));
    rows->item(0, 2)->setText(QStringLiteral("10"));
    screenshot(dialog, "declare-queue");

    clickAction(dialog);
    QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(!dialog.isVisible());
    QTRY_VERIFY(queue(QStringLiteral("orders")));
    const QueueSnapshot *orders = queue(QStringLiteral("orders"));
    QVERIFY(orders->durable);
    QVERIFY(orders->arguments.find("x-max-length"));
    QCOMPARE(orders->arguments.find("x-max-length")->toInteger(), 10);
}

void DialogsTest::redeclareShowsInequivalentArgument()
{
    DeclareQueueDialog dialog(broker_.get(), broker_->lastSnapshot(), QStringLiteral("/"));
    QSignalSpy declared(&dialog, &DeclareQueueDialog::declared);
    show(dialog);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("name")), QStringLiteral("orders"));
    dialog.findChild<QCheckBox *>(QStringLiteral("durable"))->click();
    QTest::mouseClick(dialog.findChild<QToolButton *>(QStringLiteral("add:x-max-length")), Qt::LeftButton);
    rowsOf(dialog, "arguments")->item(0, 2)->setText(QStringLiteral("10"));

    clickAction(dialog);
    QTRY_VERIFY(labelText(dialog, "errorLabel").contains(QStringLiteral("inequivalent arg 'durable'")));
    QCOMPARE(labelText(dialog, "errorLabel"),
             QStringLiteral("PRECONDITION_FAILED - inequivalent arg 'durable' for queue 'orders' in vhost '/': "
                            "received 'false' but current is 'true'"));
    QVERIFY(dialog.isVisible());
    QVERIFY(dialog.result() != QDialog::Accepted);
    QCOMPARE(declared.count(), 0);
    screenshot(dialog, "declare-queue-refused");

    // A value that does not parse is said so before anything is sent.
    rowsOf(dialog, "arguments")->item(0, 2)->setText(QStringLiteral("lots"));
    clickAction(dialog);
    QCOMPARE(labelText(dialog, "errorLabel"), QStringLiteral("x-max-length: not a number"));
}

void DialogsTest::declareTopicExchange()
{
    DeclareExchangeDialog dialog(broker_.get(), broker_->lastSnapshot(), QStringLiteral("/"));
    QSignalSpy declared(&dialog, &DeclareExchangeDialog::declared);
    show(dialog);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("name")), QStringLiteral("logs"));
    dialog.findChild<QComboBox *>(QStringLiteral("exchangeType"))->setCurrentText(QStringLiteral("topic"));
    QTest::mouseClick(dialog.findChild<QToolButton *>(QStringLiteral("add:alternate-exchange")), Qt::LeftButton);
    rowsOf(dialog, "arguments")->item(0, 2)->setText(QStringLiteral("unrouted"));
    screenshot(dialog, "declare-exchange");

    clickAction(dialog);
    QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(declared.count(), 1);
    QCOMPARE(declared[0][1].toString(), QStringLiteral("logs"));
    const auto logs = [this]() -> const ExchangeSnapshot * {
        for (const ExchangeSnapshot &x : broker_->lastSnapshot().exchanges) {
            if (x.name == QLatin1String("logs"))
                return &x;
        }
        return nullptr;
    };
    QTRY_VERIFY(logs());
    QCOMPARE(logs()->type, QStringLiteral("topic"));
    QVERIFY(logs()->durable);
    QCOMPARE(logs()->arguments.find("alternate-exchange")->toBytes(), QByteArray("unrouted"));
}

void DialogsTest::bindPreviewsRouting()
{
    BindDialog dialog(broker_.get(), broker_->lastSnapshot(), management::BindingSpec{QStringLiteral("/"),
                                                                                      QStringLiteral("logs")});
    show(dialog);
    QCOMPARE(labelText(dialog, "sourceType"), QStringLiteral("type: topic"));
    auto *destination = dialog.findChild<QComboBox *>(QStringLiteral("destination"));
    QVERIFY(destination->findText(QStringLiteral("orders")) >= 0);
    destination->setCurrentText(QStringLiteral("orders"));
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("routingKey")), QStringLiteral("a.*"));
    auto *previewKey = dialog.findChild<QLineEdit *>(QStringLiteral("previewKey"));
    QCOMPARE(previewKey->text(), QStringLiteral("a.*"));   // follows the binding key until typed in
    auto *list = dialog.findChild<QListWidget *>(QStringLiteral("previewList"));

    previewKey->selectAll();
    QTest::keyClicks(previewKey, QStringLiteral("b.c"));
    QTRY_VERIFY(labelText(dialog, "previewSummary").contains(QStringLiteral("'b.c'")));
    QVERIFY(!listHas(list, QStringLiteral("orders")));
    QVERIFY(labelText(dialog, "previewSummary").contains(QStringLiteral("no queue")));

    previewKey->selectAll();
    QTest::keyClicks(previewKey, QStringLiteral("a.b"));
    QTRY_VERIFY(labelText(dialog, "previewSummary").contains(QStringLiteral("'a.b'")));
    QVERIFY(listHas(list, QStringLiteral("orders")));
    QVERIFY(list->item(0)->text().contains(QStringLiteral("added by this binding")));
    // Changing the binding key keeps the typed test key.
    QTest::keyClick(dialog.findChild<QLineEdit *>(QStringLiteral("routingKey")), Qt::Key_Backspace);
    QCOMPARE(previewKey->text(), QStringLiteral("a.b"));
    QTRY_VERIFY(!listHas(list, QStringLiteral("orders")));   // "a." does not match a.b
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("routingKey")), QStringLiteral("*"));
    QTRY_VERIFY(listHas(list, QStringLiteral("orders")));
    screenshot(dialog, "bind");

    clickAction(dialog);
    QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
    const auto bound = [this] {
        for (const BindingSnapshot &b : broker_->lastSnapshot().bindings) {
            if (b.source == QLatin1String("logs") && b.destination == QLatin1String("orders"))
                return b.routingKey == QLatin1String("a.*");
        }
        return false;
    };
    QTRY_VERIFY(bound());

    // The broker now routes a.b to the queue through the existing binding.
    const management::RouteAnswer now = callBroker(
        &ManagementService::explainRoute,
        management::RouteQuestion{QStringLiteral("/"), QStringLiteral("logs"), QStringLiteral("a.b")});
    QCOMPARE(now.explanation.queues, QList<QByteArray>{"orders"});
}

// The preview says why for every binding on the way, as the broker's routing judged it:
// matches and misses with their reasons, and the alternate exchange taken.
void DialogsTest::bindExplainsEveryBinding()
{
    using management::BindingSpec;
    const QString vhost = QStringLiteral("/");
    QVERIFY(callBroker(&ManagementService::declareExchange,
                       management::ExchangeSpec{vhost, QStringLiteral("events-aside"), QStringLiteral("fanout")}).ok());
    management::ExchangeSpec events{vhost, QStringLiteral("events"), QStringLiteral("topic")};
    events.arguments = amqp::FieldTable{{"alternate-exchange", amqp::FieldValue::string("events-aside")}};
    QVERIFY(callBroker(&ManagementService::declareExchange, events).ok());
    for (const char *q : {"kernel", "critical", "auth", "leftovers", "pager"})
        QVERIFY(callBroker(&ManagementService::declareQueue,
                           management::QueueSpec{vhost, QString::fromLatin1(q)}).ok());
    const auto bind = [&](const char *source, const char *queue, const char *key) {
        QVERIFY(callBroker(&ManagementService::bind, BindingSpec{vhost, QString::fromLatin1(source),
                                                                 QString::fromLatin1(queue), false,
                                                                 QString::fromLatin1(key)}).ok());
    };
    bind("events", "kernel", "kern.*");
    bind("events", "critical", "*.critical");
    bind("events", "auth", "auth.#");
    bind("events-aside", "leftovers", "");

    BindDialog dialog(broker_.get(), broker_->lastSnapshot(), BindingSpec{vhost, QStringLiteral("events"),
                                                                          QStringLiteral("pager"), false,
                                                                          QStringLiteral("#.critical")});
    show(dialog);
    auto *previewKey = dialog.findChild<QLineEdit *>(QStringLiteral("previewKey"));
    previewKey->selectAll();
    QTest::keyClicks(previewKey, QStringLiteral("kern.critical"));
    auto *explanation = dialog.findChild<RouteExplanationView *>(QStringLiteral("routeExplanation"));
    QTRY_COMPARE(explanation->matchedLines().size(), 3);
    const QString all = explanation->matchedLines().join(QLatin1Char('\n'));
    QVERIFY2(all.contains(QStringLiteral("'kernel'")) && all.contains(QStringLiteral("'critical'"))
                 && all.contains(QStringLiteral("'pager'")), qPrintable(all));
    const QList<QTreeWidgetItem *> auth =
        explanation->findItems(QStringLiteral("'auth'"), Qt::MatchContains | Qt::MatchRecursive);
    QCOMPARE(auth.size(), 1);
    QCOMPARE(auth[0]->text(1), QStringLiteral("'auth' ≠ 'kern'"));
    screenshot(dialog, "bind-explained");

    // Nothing matches 'user.login': the alternate exchange takes it, and the view says so.
    previewKey->selectAll();
    QTest::keyClicks(previewKey, QStringLiteral("user.login"));
    QTRY_VERIFY(explanation->matchedLines() == QStringList{explanation->matchedLines().value(0)}
                && explanation->matchedLines().value(0).contains(QStringLiteral("'leftovers'")));
    QVERIFY(!explanation->findItems(QStringLiteral("alternate exchange 'events-aside'"),
                                    Qt::MatchContains | Qt::MatchRecursive).isEmpty());
    QTRY_VERIFY(labelText(dialog, "previewSummary").contains(QStringLiteral("would reach these queues")));
    QVERIFY(listHas(dialog.findChild<QListWidget *>(QStringLiteral("previewList")), QStringLiteral("leftovers")));
}

// The headers preview is the broker's own match: a binding n = 1 declared as a 32-bit integer
// matches a message whose header n = 1 is a 64-bit one (the explorer's old restatement of the
// rule said it did not).
void DialogsTest::bindHeadersPreviewMatchesLikeTheBroker()
{
    const QString vhost = QStringLiteral("/");
    QVERIFY(callBroker(&ManagementService::declareExchange,
                       management::ExchangeSpec{vhost, QStringLiteral("by-header"), QStringLiteral("headers")}).ok());
    const management::RouteAnswer answer = callBroker(
        &ManagementService::explainRoute,
        management::RouteQuestion{vhost, QStringLiteral("by-header"), QString(),
                                  amqp::FieldTable{{"n", amqp::FieldValue::integer(1, amqp::FieldValue::Type::Int64)}},
                                  management::BindingSpec{vhost, QStringLiteral("by-header"), QStringLiteral("pager"),
                                                          false, QString(),
                                                          amqp::FieldTable{{"n", amqp::FieldValue::integer(
                                                                                     1, amqp::FieldValue::Type::Int32)}}}});
    QVERIFY(answer.outcome.ok());
    QCOMPARE(answer.explanation.queues, QList<QByteArray>{"pager"});
    QCOMPARE(answer.queuesWithoutProposed, QList<QByteArray>());
}

void DialogsTest::publishJsonWithHeaders()
{
    PublishDialog dialog(broker_.get(), broker_->lastSnapshot(), QStringLiteral("/"), QStringLiteral("logs"),
                         QStringLiteral("a.b"));
    QSignalSpy published(&dialog, &PublishDialog::published);
    show(dialog);
    QCOMPARE(dialog.findChild<QComboBox *>(QStringLiteral("exchange"))->currentText(), QStringLiteral("logs"));
    dialog.findChild<QComboBox *>(QStringLiteral("deliveryMode"))->setCurrentIndex(1);
    dialog.findChild<FieldTableEditor *>(QStringLiteral("headers"))
        ->setEntry(QStringLiteral("attempt"), FieldKind::Number, QStringLiteral("3"));
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("content_type")), QStringLiteral("application/json"));
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("priority")), QStringLiteral("300"));
    dialog.findChild<QPlainTextEdit *>(QStringLiteral("bodyText"))
        ->setPlainText(QStringLiteral(R"({"id": 7, "items": ["tea", "scones"]})"));

    clickAction(dialog);
    QCOMPARE(labelText(dialog, "errorLabel"), QStringLiteral("priority: not a number from 0 to 255"));
    dialog.findChild<QLineEdit *>(QStringLiteral("priority"))->clear();
    clickAction(dialog);
    QTRY_COMPARE(labelText(dialog, "statusLabel"), QStringLiteral("Message published."));
    QVERIFY(labelText(dialog, "errorLabel").isEmpty());
    QCOMPARE(published.count(), 1);
    QCOMPARE(published[0][0].toBool(), true);
    QTRY_COMPARE(queue(QStringLiteral("orders"))->ready, 1);
    screenshot(dialog, "publish");

    auto *key = dialog.findChild<QLineEdit *>(QStringLiteral("routingKey"));
    key->clear();
    QTest::keyClicks(key, QStringLiteral("nobody.listens.here"));
    clickAction(dialog);
    QTRY_COMPARE(labelText(dialog, "statusLabel"), QStringLiteral("Message published, but not routed to any queue."));
    QCOMPARE(published.count(), 2);
    QCOMPARE(published[1][0].toBool(), false);
    QVERIFY(dialog.isVisible());
}

void DialogsTest::getRequeueShowsMessage()
{
    GetMessagesDialog dialog(broker_.get(), QStringLiteral("/"), QStringLiteral("orders"));
    show(dialog);
    QVERIFY(!dialog.findChild<QLabel *>(QStringLiteral("ackWarning"))->isVisible());
    // A message put back is not untouched: its next delivery says it was delivered before.
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("requeueNote"))->isVisible());
    QVERIFY(labelText(dialog, "requeueNote").contains(QStringLiteral("will be redelivered")));
    clickAction(dialog);
    auto *list = dialog.findChild<QListWidget *>(QStringLiteral("messageList"));
    QTRY_COMPARE(list->count(), 1);
    QVERIFY(labelText(dialog, "statusLabel").contains(QStringLiteral("put back")));

    QVERIFY(labelText(dialog, "messageSummary").contains(QStringLiteral("Routing key: a.b")));
    auto *tree = dialog.findChild<QTreeWidget *>(QStringLiteral("propertiesTree"));
    const QList<QTreeWidgetItem *> attempt =
        tree->findItems(QStringLiteral("attempt"), Qt::MatchExactly | Qt::MatchRecursive);
    QCOMPARE(attempt.size(), 1);
    QCOMPARE(attempt[0]->text(1), QStringLiteral("3"));
    QCOMPARE(attempt[0]->parent()->text(0), QStringLiteral("headers"));
    QCOMPARE(tree->findItems(QStringLiteral("delivery_mode"), Qt::MatchExactly)[0]->text(1), QStringLiteral("2"));

    // A JSON content type opens the JSON view, pretty-printed; Text shows it as sent.
    auto *format = dialog.findChild<QComboBox *>(QStringLiteral("bodyFormat"));
    auto *body = dialog.findChild<QPlainTextEdit *>(QStringLiteral("bodyView"));
    QCOMPARE(format->currentText(), QStringLiteral("JSON"));
    QCOMPARE(body->toPlainText(),
             QStringLiteral("{\n  \"id\": 7,\n  \"items\": [\n    \"tea\",\n    \"scones\"\n  ]\n}"));
    screenshot(dialog, "get-messages");
    format->setCurrentText(QStringLiteral("Text"));
    QCOMPARE(body->toPlainText(), QStringLiteral(R"({"id": 7, "items": ["tea", "scones"]})"));
    format->setCurrentText(QStringLiteral("Hex"));
    QVERIFY(body->toPlainText().startsWith(QStringLiteral("00000000  7b 22 69 64")));

    QSignalSpy snapshots(broker_.get(), &BrokerController::snapshotUpdated);
    QTRY_VERIFY(snapshots.count() >= 2);   // one taken after the requeue
    QCOMPARE(queue(QStringLiteral("orders"))->ready, 1);
}

void DialogsTest::getAckRemovesMessage()
{
    GetMessagesDialog dialog(broker_.get(), QStringLiteral("/"), QStringLiteral("orders"));
    QSignalSpy fetched(&dialog, &GetMessagesDialog::fetched);
    show(dialog);
    dialog.findChild<QComboBox *>(QStringLiteral("ackMode"))->setCurrentIndex(1);
    QCOMPARE(dialog.findChild<QComboBox *>(QStringLiteral("ackMode"))->currentText(),
             QStringLiteral("Ack message requeue false"));
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("ackWarning"))->isVisible());
    QVERIFY(!dialog.findChild<QLabel *>(QStringLiteral("requeueNote"))->isVisible());
    dialog.findChild<QSpinBox *>(QStringLiteral("count"))->setValue(5);
    clickAction(dialog);
    QTRY_COMPARE(fetched.count(), 1);
    QCOMPARE(fetched[0][0].toInt(), 1);
    QCOMPARE(fetched[0][1].toBool(), true);
    QVERIFY(labelText(dialog, "messageSummary").contains(QStringLiteral("Redelivered: yes")));
    QTRY_COMPARE(queue(QStringLiteral("orders"))->ready, 0);
    screenshot(dialog, "get-messages-ack");

    clickAction(dialog);
    QTRY_COMPARE(fetched.count(), 2);
    QCOMPARE(labelText(dialog, "statusLabel"), QStringLiteral("The queue has no ready messages."));
}

void DialogsTest::moveMessages()
{
    QVERIFY(callBroker(&ManagementService::declareQueue,
                       management::QueueSpec{QStringLiteral("/"), QStringLiteral("archive")}).ok());
    for (int i = 0; i < 3; ++i) {
        management::PublishSpec message;
        message.routingKey = QStringLiteral("orders");
        message.body = QByteArray::number(i);
        QVERIFY(callBroker(&ManagementService::publish, message).routed);
    }
    QTRY_VERIFY(queue(QStringLiteral("archive")) && queue(QStringLiteral("orders"))->ready == 3);

    MoveMessagesDialog dialog(broker_.get(), broker_->lastSnapshot(), QStringLiteral("/"), QStringLiteral("orders"));
    QSignalSpy moved(&dialog, &MoveMessagesDialog::moved);
    show(dialog);
    auto *destination = dialog.findChild<QComboBox *>(QStringLiteral("destination"));
    QCOMPARE(destination->findText(QStringLiteral("orders")), -1);   // not to itself
    QVERIFY(destination->findText(QStringLiteral("archive")) >= 0);

    destination->setCurrentText(QStringLiteral("nowhere"));
    clickAction(dialog);
    QTRY_VERIFY(labelText(dialog, "errorLabel").startsWith(QStringLiteral("NOT_FOUND")));

    destination->setCurrentText(QStringLiteral("archive"));
    clickAction(dialog);
    QTRY_COMPARE(labelText(dialog, "statusLabel"), QStringLiteral("Moved 3 messages to 'archive'."));
    QVERIFY(labelText(dialog, "errorLabel").isEmpty());
    QCOMPARE(moved.count(), 1);
    QCOMPARE(moved[0][0].toLongLong(), 3);
    QTRY_VERIFY(queue(QStringLiteral("archive"))->ready == 3 && queue(QStringLiteral("orders"))->ready == 0);
    screenshot(dialog, "move-messages");
}

QTEST_MAIN(DialogsTest)
#include "tst_dialogs.moc"
