// Settings → Language and --lang:
// - the preference: the stored choice is kept (QSettings), --lang wins for one run without
//   replacing it, and no choice means the system's language;
// - Translations::apply makes a language QLocale's default, loads Warren's and Qt's texts for
//   it and sends widgets a LanguageChange; "" goes back to the system's language; a language
//   Warren does not speak gets its English plurals ("1 connection", not "1 connection(s)");
// - the window, switched to 简体中文 from its Settings → Language menu while a simulated
//   consumer runs on the Simulator page: the navigation, the menus and words of every page are
//   in Chinese at once (compared with the catalogue, and the catalogue's word must differ from
//   the English one, or the check could not fail); the broker was not restarted (same start
//   time, the consumer's connection is the same one), the consumer is listed and still
//   receives, the Simulator page is still shown, the Lessons page is the same object, the
//   Queues page keeps its filter, the Events page its log and the overview its curves; then
//   back to English, and the same again. Screenshots language-zh.png and language-en.png.
// Warren's translations are compiled into this test under :/i18n, as into the application.
#include "MainWindow.h"
#include "BrokerController.h"
#include "events/EventLogModel.h"
#include "events/EventsPanel.h"
#include "flow/FlowPage.h"
#include "overview/OverviewPanel.h"
#include "panels/ExplorerPanels.h"
#include "panels/QueuesPanel.h"
#include "scenarios/LessonsPage.h"
#include "settings/LanguageSettings.h"
#include "settings/Translations.h"
#include "sim/SimulationController.h"
#include "simulator/ClientTable.h"
#include "simulator/ConsumerDialog.h"
#include "simulator/SimulatorPanel.h"
#include "stepmode/StepModeBanner.h"

#include <QAction>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolBar>
#include <QtTest>

#include <functional>
#include "LocalBrokerConfig.h"
#include "TestSupport.h"

using namespace warren;
using namespace warren::ui;

namespace {

// A word the window shows, and where the catalogue has it.
struct Word {
    const char *context;
    const char *source;
    std::function<QString()> shown;
};

QString navigationText(const MainWindow &window, const QString &page)
{
    const auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
    for (int row = 0; row < navigation->count(); ++row) {
        if (navigation->item(row)->data(Qt::UserRole).toString() == page)
            return navigation->item(row)->text();
    }
    return {};
}

QString menuTitle(const MainWindow &window, int index)
{
    const QList<QAction *> menus = window.menuBar()->actions();
    return index < menus.size() ? menus[index]->text() : QString();
}

QString actionText(const QObject *parent, const QString &name)
{
    const auto *action = parent->findChild<QAction *>(name);
    return action ? action->text() : QString();
}

// The words of every page the window renews, and of its own menus and navigation.
QList<Word> wordsOf(const MainWindow &window)
{
    const char *const main = "warren::ui::MainWindow";
    const auto nav = [&window](const char *page) -> std::function<QString()> {
        return [&window, page] { return navigationText(window, QLatin1String(page)); };
    };
    return {
        {main, "Overview", nav("overview")},
        {main, "Events", nav("events")},
        {main, "Flow", nav("flow")},
        {main, "Simulator", nav("simulator")},
        {main, "Lessons", nav("lessons")},
        {"warren::ui::ExplorerPanels", "Queues", nav("queues")},
        {"warren::ui::ExplorerPanels", "Connections", nav("connections")},
        {main, "&File", [&window] { return menuTitle(window, 0); }},
        {main, "&Broker", [&window] { return menuTitle(window, 1); }},
        {main, "&Start broker", [&window] { return actionText(&window, QStringLiteral("startBroker")); }},
        {main, "&Export definitions…", [&window] { return actionText(&window, QStringLiteral("exportDefinitions")); }},
        {"warren::ui::OverviewPanel", "Message rates",
         [&window] {
             return window.findChild<QChartView *>(QStringLiteral("ratesChart"))->chart()->title();
         }},
        {"warren::ui::EventLogModel", "What happened",
         [&window] {
             return window.events()->view()->model()->headerData(EventLogModel::WhatColumn, Qt::Horizontal).toString();
         }},
        {"warren::ui::EventsPanel", "Pause scrolling",
         [&window] { return actionText(window.events(), QStringLiteral("pauseScrolling")); }},
        {"warren::ui::FlowPage", "Only what has traffic",
         [&window] { return window.flow()->findChild<QCheckBox *>(QStringLiteral("onlyTraffic"))->text(); }},
        {"warren::ui::FlowPage", "Pause deliveries",
         [&window] { return actionText(window.flow(), QStringLiteral("flowPause")); }},
        {"warren::ui::SimulatorPanel", "Add consumer…",
         [&window] { return actionText(window.simulator(), QStringLiteral("addConsumer")); }},
        {"warren::ui::SimulatorTables", "Name",
         [&window] { return window.simulator()->consumers()->model()->headerData(0, Qt::Horizontal).toString(); }},
        {"warren::ui::EntityModels", "Name",
         [&window] {
             const SnapshotTableModel *queues = window.panels()->queues()->model();
             return queues->headerData(queues->nameColumn(), Qt::Horizontal).toString();
         }},
        {"warren::ui::QueuesPanel", "Purge", [&window] { return actionText(window.panels()->queues(), QStringLiteral("purgeQueue")); }},
        {"warren::ui::StepModeBanner", "Step",
         [&window] { return window.stepBanner()->findChild<QPushButton *>(QStringLiteral("stepButton"))->text(); }},
    };
}

} // namespace

class LanguageTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void storedChoiceIsKept();
    void commandLineWinsForOneRun();
    void systemLanguageByDefault();
    void applyLoadsTheLanguage();
    void englishForOtherLanguages();
    void windowSwitchesAtOnce();

private:
    static void choose(MainWindow &window, const char *action);
    static void expectWords(const MainWindow &window, bool chinese);
    static bool publish(MainWindow &window, int count);
    static void addConsumer(MainWindow &window);
    static quint64 workerConnection(const MainWindow &window);
    static qint64 helloConsumers(const MainWindow &window);
    static quint64 received(const MainWindow &window);
};

void LanguageTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);   // not the user's settings
    QDir().mkpath(QStringLiteral(WARREN_SCREENSHOT_DIR));
}

void LanguageTest::init()
{
    QSettings().remove(QStringLiteral("ui/language"));
    Translations::apply(QStringLiteral("en"));
}

void LanguageTest::storedChoiceIsKept()
{
    QCOMPARE(LanguageSettings::stored(), QString());
    LanguageSettings::store(QStringLiteral("zh_CN"));
    QCOMPARE(QSettings().value(QStringLiteral("ui/language")).toString(), QStringLiteral("zh_CN"));
    QCOMPARE(LanguageSettings::stored(), QStringLiteral("zh_CN"));
    QCOMPARE(LanguageSettings::forRun({}), QStringLiteral("zh_CN"));
    LanguageSettings::store({});   // "System default"
    QCOMPARE(LanguageSettings::stored(), QString());
}

void LanguageTest::commandLineWinsForOneRun()
{
    LanguageSettings::store(QStringLiteral("en"));
    QCOMPARE(LanguageSettings::forRun(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    QCOMPARE(LanguageSettings::stored(), QStringLiteral("en"));   // --lang is not kept
    QCOMPARE(LanguageSettings::forRun({}), QStringLiteral("en"));
}

void LanguageTest::systemLanguageByDefault()
{
    QCOMPARE(LanguageSettings::forRun({}), QString());
    Translations::apply(QStringLiteral("zh_CN"));
    const QString chinese = QCoreApplication::translate("warren::ui::MainWindow", "Overview");
    Translations::apply({});
    QCOMPARE(Translations::language(), QString());
    QCOMPARE(QLocale().name(), QLocale::system().name());
    const bool systemIsChinese = QLocale::system().name() == QLatin1String("zh_CN");
    QCOMPARE(QCoreApplication::translate("warren::ui::MainWindow", "Overview"),
             systemIsChinese ? chinese : QStringLiteral("Overview"));
}

void LanguageTest::applyLoadsTheLanguage()
{
    struct Listener : QWidget {
        int changes = 0;
        void changeEvent(QEvent *event) override { changes += event->type() == QEvent::LanguageChange; }
    } listener;
    Translations::apply(QStringLiteral("zh_CN"));
    QCOMPARE(Translations::language(), QStringLiteral("zh_CN"));
    QCOMPARE(QLocale().name(), QStringLiteral("zh_CN"));
    QVERIFY(QCoreApplication::translate("warren::ui::MainWindow", "Overview") != QLatin1String("Overview"));
    // Qt's own words too: the buttons of standard dialogs.
    QVERIFY(QCoreApplication::translate("QPlatformTheme", "Cancel") != QLatin1String("Cancel"));
    QTRY_VERIFY(listener.changes > 0);
    Translations::apply(QStringLiteral("en"));
    QCOMPARE(QLocale().name(), QStringLiteral("en_US"));
    QCOMPARE(QCoreApplication::translate("warren::ui::MainWindow", "Overview"), QStringLiteral("Overview"));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
}

void LanguageTest::englishForOtherLanguages()
{
    const auto connections = [] {
        return QCoreApplication::translate("warren::ui::BrokerStatusLine", "%n connection(s)", nullptr, 1);
    };
    Translations::apply(QStringLiteral("zh_CN"));
    QVERIFY(!connections().startsWith(QLatin1String("1 connection")));
    Translations::apply(QStringLiteral("de_DE"));
    QCOMPARE(QLocale().name(), QStringLiteral("de_DE"));
    QCOMPARE(connections(), QStringLiteral("1 connection"));
}

// As a click on the menu item does.
void LanguageTest::choose(MainWindow &window, const char *action)
{
    auto *menu = window.findChild<QMenu *>(QStringLiteral("languageMenu"));
    QVERIFY(menu);
    QAction *choice = menu->findChild<QAction *>(QLatin1String(action));
    QVERIFY(choice && window.menuBar()->isVisible());
    choice->trigger();
    QVERIFY(choice->isChecked());
}

void LanguageTest::expectWords(const MainWindow &window, bool chinese)
{
    for (const Word &word : wordsOf(window)) {
        const QString expected = QCoreApplication::translate(word.context, word.source);
        QVERIFY2((expected != QString::fromUtf8(word.source)) == chinese, word.source);
        QCOMPARE(word.shown(), expected);
    }
    const auto *status = window.findChild<QLabel *>(QStringLiteral("brokerStatus"));
    const QString listening = QCoreApplication::translate("warren::ui::BrokerStatusLine", "Listening on %1")
                                  .arg(window.broker()->lastSnapshot().listeningOn.join(QStringLiteral(", ")));
    QVERIFY2(status->text().endsWith(listening.toHtmlEscaped()), qPrintable(status->text()));
}

bool LanguageTest::publish(MainWindow &window, int count)
{
    using namespace warren::management;
    auto routed = std::make_shared<int>(0);   // outlives this call if the broker answers late
    for (int i = 0; i < count; ++i) {
        PublishSpec spec;
        spec.routingKey = QStringLiteral("hello");
        spec.body = QByteArray("hello ") + QByteArray::number(i);
        window.broker()->call(&ManagementService::publish, &window,
                              std::function<void(const PublishResult &)>([routed](const PublishResult &r) {
                                  *routed += r.routed;
                              }),
                              spec);
    }
    return QTest::qWaitFor([&] { return *routed == count; }, 5000);
}

// With the dialog's defaults (queue "hello"), clicked as a learner does.
void LanguageTest::addConsumer(MainWindow &window)
{
    ClientTable *consumers = window.simulator()->consumers();
    QAction *add = consumers->findChild<QAction *>(QStringLiteral("addConsumer"));
    QTRY_VERIFY(add->isEnabled());
    QWidget *button = consumers->toolBar()->widgetForAction(add);
    QTest::mouseClick(button, Qt::LeftButton, {}, button->rect().center());
    ConsumerDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.simulator()->findChild<ConsumerDialog *>()) && dialog->isVisible());
    QTest::mouseClick(dialog->addButton(), Qt::LeftButton, {}, dialog->addButton()->rect().center());
    QTRY_COMPARE(consumers->model()->rowCount(), 1);
}

// The broker's id for the simulated consumer's connection; 0 while it has none.
quint64 LanguageTest::workerConnection(const MainWindow &window)
{
    for (const ConnectionSnapshot &c : window.broker()->lastSnapshot().connections) {
        if (c.name == QLatin1String("worker 1"))
            return c.id;
    }
    return 0;
}

qint64 LanguageTest::helloConsumers(const MainWindow &window)
{
    for (const QueueSnapshot &q : window.broker()->lastSnapshot().queues) {
        if (q.name == QLatin1String("hello"))
            return q.consumers;
    }
    return 0;
}

quint64 LanguageTest::received(const MainWindow &window)
{
    const QList<sim::ConsumerStatus> consumers = window.simulator()->simulation()->lastSnapshot().consumers;
    return consumers.isEmpty() ? 0 : consumers.first().received;
}

void LanguageTest::windowSwitchesAtOnce()
{
    QTemporaryDir dataDir;
    MainWindow window(test::localBrokerConfig(dataDir.path()));
    window.resize(1280, 860);
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.broker()->lastSnapshot().running, 10000);
    expectWords(window, false);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(window.showPage(QStringLiteral("simulator")));
    addConsumer(window);
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY_WITH_TIMEOUT(workerConnection(window) != 0 && helloConsumers(window) == 1, 10000);
    // The Events page records while it is shown.
    QVERIFY(window.showPage(QStringLiteral("events")));
    QTRY_VERIFY(window.events()->isWatching());
    QVERIFY(publish(window, 3));
    QTRY_COMPARE_WITH_TIMEOUT(received(window), quint64(3), 10000);
    QTRY_VERIFY(window.events()->model()->rowCount() > 0);
    QVERIFY(window.showPage(QStringLiteral("simulator")));
    QVERIFY(!window.events()->isWatching());
    const int logged = window.events()->model()->rowCount();
    window.panels()->queues()->filter()->setText(QStringLiteral("hello"));

    const QDateTime startedAt = window.broker()->lastSnapshot().startedAt;
    const quint64 connection = workerConnection(window);
    const sim::SimulationController *simulation = window.simulator()->simulation();
    const LessonsPage *lessons = window.lessons();
    const auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
    quint64 sent = 3;

    for (const bool chinese : {true, false}) {
        const auto samples = window.findChild<OverviewPanel *>()->history().samples().size();
        choose(window, chinese ? "languageChinese" : "languageEnglish");
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(LanguageSettings::stored(), chinese ? QStringLiteral("zh_CN") : QStringLiteral("en"));
        QTRY_COMPARE(navigationText(window, QStringLiteral("overview")),
                     QCoreApplication::translate("warren::ui::MainWindow", "Overview"));
        expectWords(window, chinese);
        if (QTest::currentTestFailed())
            return;

        // Nothing the learner had is gone.
        QCOMPARE(window.broker()->lastSnapshot().startedAt, startedAt);
        QCOMPARE(workerConnection(window), connection);
        QCOMPARE(window.simulator()->simulation(), simulation);
        QCOMPARE(window.simulator()->consumers()->model()->rowCount(), 1);
        QCOMPARE(window.simulator()->consumers()->model()->index(0, 0).data().toString(), QStringLiteral("worker 1"));
        QCOMPARE(pages->currentWidget(), window.simulator());
        QCOMPARE(window.findChild<QListWidget *>(QStringLiteral("navigation"))->currentItem()->data(Qt::UserRole),
                 QVariant(QStringLiteral("simulator")));
        QCOMPARE(window.lessons(), lessons);
        QCOMPARE(window.panels()->queues()->filter()->text(), QStringLiteral("hello"));
        QVERIFY(window.findChild<OverviewPanel *>()->history().samples().size() >= samples);
        QCOMPARE(window.events()->model()->rowCount(), logged);   // not shown since: nothing new
        QVERIFY(publish(window, 2));
        sent += 2;
        QTRY_COMPARE_WITH_TIMEOUT(received(window), sent, 10000);
        QTest::qWait(300);   // the tables show the last counts
        QVERIFY(window.grab().save(
            QStringLiteral(WARREN_SCREENSHOT_DIR "/language-%1.png").arg(chinese ? QLatin1String("zh") : QLatin1String("en"))));
    }
}

QTEST_MAIN(LanguageTest)
#include "tst_language.moc"
