// The Lessons page in the main window, played by clicks as a learner would:
// - the lessons are listed by chapter, the seed tutorial first;
// - choosing crash-redelivery and clicking Start runs it on a scratch broker (the banner
//   names it; the window's own broker gets no queue, no connection of the lesson), step by
//   step: every expectation of a step turns ✓ before Next is offered, Next runs the next
//   step, and the page says the lesson passed;
// - the scratch broker's routing graph shows the lesson's queue and clients;
// - beside each step, the pika code of the client it starts, with the scratch broker's URL;
// - Replay starts again on a new scratch broker;
// - the same lesson in Chinese (the catalogue's translations and the lesson's own texts);
// - screenshots lessons-<step>.png and lessons-zh-<step>.png at each step (prefixed with
//   $WARREN_SCREENSHOT_PREFIX: gui_lessons_xvfb plays the same under Xvfb);
// - the graph rings what the step talks about (the default exchange while send.py publishes,
//   not once only worker 2 and the queue are at stake);
// - Previous plays the lesson again up to the step before, and waits there;
// - a deviation (worker 1 acknowledging automatically) turns the expectation it names ✗,
//   with the lesson's explanation, and the code shown is that of the deviated lesson;
// - a change of language while a lesson runs shows the page, the run's ✓ included, in
//   Chinese at once, and back in English.
#include "BrokerController.h"
#include "MainWindow.h"
#include "flow/FlowGraph.h"
#include "flow/FlowNodeItem.h"
#include "flow/FlowPage.h"
#include "flow/FlowScene.h"
#include "scenarios/LessonsPage.h"

#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QLocale>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTranslator>
#include <QTreeWidget>
#include <QtTest>

#include "LocalBrokerConfig.h"
#include "TestSupport.h"

using namespace warren;
using namespace warren::ui;
using warren::test::localBrokerConfig;

namespace {

// Every expectation row of a step, as shown.
QStringList expectationTexts(const QTreeWidget *steps, int step)
{
    QStringList texts;
    const QTreeWidgetItem *item = steps->topLevelItem(step);
    for (int i = 0; item && i < item->childCount(); ++i)
        texts.append(item->child(i)->text(0));
    return texts;
}

bool anyFailed(const QTreeWidget *steps, int step)
{
    const QStringList texts = expectationTexts(steps, step);
    return std::any_of(texts.cbegin(), texts.cend(), [](const QString &t) { return t.startsWith(u'✗'); });
}

bool allPassed(const QTreeWidget *steps, int step)
{
    const QStringList texts = expectationTexts(steps, step);
    return !texts.isEmpty()
        && std::all_of(texts.cbegin(), texts.cend(), [](const QString &t) { return t.startsWith(u'✓'); });
}

} // namespace

class LessonsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void playByClicks();
    void inChinese();
    void focusAndPrevious();
    void deviation();
    void languageChangeWhilePlaying();

private:
    void play(const QString &screenshotPrefix);
    // The window on the Lessons page with `lesson` chosen.
    LessonsPage *openLesson(MainWindow &window, const QString &lesson);
    static bool inFocus(LessonsPage *page, const QString &nodeId);
    static void click(LessonsPage *page, const char *button);
    QTemporaryDir dataDir_;
    std::unique_ptr<QTranslator> chinese_;
    void installChinese();
    void removeChinese();
};

void LessonsTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void LessonsTest::play(const QString &prefix)
{
    QTemporaryDir dataDir;
    MainWindow window(localBrokerConfig(dataDir.path()));
    window.resize(1400, 900);
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.broker()->isRunning(), 10000);
    QVERIFY(window.showPage(QStringLiteral("lessons")));
    LessonsPage *page = window.lessons();
    auto *list = page->findChild<QTreeWidget *>(QStringLiteral("lessonList"));
    QVERIFY(list->topLevelItemCount() >= 2);
    QCOMPARE(list->topLevelItem(0)->child(0)->toolTip(0), QStringLiteral("concepts"));

    QVERIFY(page->selectLesson(QStringLiteral("crash-redelivery")));
    auto *start = page->findChild<QPushButton *>(QStringLiteral("startLesson"));
    auto *next = page->findChild<QPushButton *>(QStringLiteral("nextStep"));
    QTest::mouseClick(start, Qt::LeftButton);
    auto *banner = page->findChild<QLabel *>(QStringLiteral("scratchBanner"));
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 10000);
    QVERIFY(banner->text().contains(QStringLiteral("127.0.0.1:")));

    // Beside the step, the pika code of the client it starts, talking to the scratch broker.
    QTRY_COMPARE_WITH_TIMEOUT(page->codeClient()->currentText(), QStringLiteral("worker 1"), 10000);
    const QString port = banner->text().section(QStringLiteral("127.0.0.1:"), 1).section(u'/', 0, 0);
    QVERIFY(page->code()->toPlainText().contains(QStringLiteral("import pika")));
    QVERIFY2(page->code()->toPlainText().contains(QStringLiteral("127.0.0.1:") + port), qPrintable(port));
    QVERIFY(page->code()->toPlainText().contains(QStringLiteral("basic_ack")));

    QTreeWidget *steps = page->steps();
    const int stepCount = steps->topLevelItemCount();
    QCOMPARE(stepCount, 2);
    for (int step = 0; step < stepCount; ++step) {
        QTRY_VERIFY2_WITH_TIMEOUT(allPassed(steps, step), qPrintable(expectationTexts(steps, step).join(u'\n')), 20000);
        if (step == 0) {
            // The scratch broker's graph shows the lesson's queue and its consumer.
            FlowScene *scene = page->flow()->scene();
            QTRY_VERIFY_WITH_TIMEOUT(scene->nodeItem(FlowGraph::queueId(QStringLiteral("hello"))), 5000);
            QTRY_VERIFY_WITH_TIMEOUT(next->isEnabled(), 5000);
        }
        QTest::qWait(300);   // a frame or two of the graph for the picture
        QVERIFY(window.grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/%1%2-%3.png")
                                       .arg(qEnvironmentVariable("WARREN_SCREENSHOT_PREFIX"), prefix)
                                       .arg(step + 1)));
        if (step + 1 < stepCount)
            QTest::mouseClick(next, Qt::LeftButton);
    }
    QVERIFY(!next->isEnabled());
    // The lesson never touched the window's own broker.
    const BrokerSnapshot &own = window.broker()->lastSnapshot();
    QVERIFY(std::none_of(own.queues.cbegin(), own.queues.cend(),
                         [](const QueueSnapshot &q) { return q.name == QLatin1String("hello"); }));
    QVERIFY(own.connections.isEmpty());

    // Replay: a new scratch broker, the first step again.
    QCOMPARE(start->text(), LessonsPage::tr("Replay"));
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(allPassed(steps, 0), 20000);
    QVERIFY(!steps->topLevelItem(1)->child(0)->text(0).startsWith(u'✓'));
}

void LessonsTest::playByClicks()
{
    play(QStringLiteral("lessons"));
}

void LessonsTest::installChinese()
{
    chinese_ = std::make_unique<QTranslator>();
    QVERIFY(chinese_->load(qEnvironmentVariable("WARREN_QM_DIR", QStringLiteral(WARREN_QM_DIR))
                           + QLatin1String("/warren_zh_CN.qm")));
    // The locale first: LanguageChange, sent when the translator comes, finds it set.
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    QCoreApplication::installTranslator(chinese_.get());
    QCOMPARE(LessonsPage::tr("Next step"), QString::fromUtf8("下一步"));
}

void LessonsTest::removeChinese()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCoreApplication::removeTranslator(chinese_.get());
    chinese_.reset();
}

void LessonsTest::inChinese()
{
    installChinese();
    play(QStringLiteral("lessons-zh"));
    removeChinese();
}

LessonsPage *LessonsTest::openLesson(MainWindow &window, const QString &lesson)
{
    window.resize(1400, 900);
    window.show();
    if (!QTest::qWaitFor([&] { return window.broker()->isRunning(); }, 10000))
        return nullptr;
    window.showPage(QStringLiteral("lessons"));
    LessonsPage *page = window.lessons();
    return page->selectLesson(lesson) ? page : nullptr;
}

bool LessonsTest::inFocus(LessonsPage *page, const QString &nodeId)
{
    const FlowNodeItem *node = page->flow() ? page->flow()->scene()->nodeItem(nodeId) : nullptr;
    return node && node->isInFocus();
}

void LessonsTest::click(LessonsPage *page, const char *button)
{
    QTest::mouseClick(page->findChild<QPushButton *>(QLatin1String(button)), Qt::LeftButton);
}

void LessonsTest::focusAndPrevious()
{
    MainWindow window(localBrokerConfig(dataDir_.path()));
    LessonsPage *page = openLesson(window, QStringLiteral("crash-redelivery"));
    QVERIFY(page);
    auto *next = page->findChild<QPushButton *>(QStringLiteral("nextStep"));
    auto *previous = page->findChild<QPushButton *>(QStringLiteral("previousStep"));
    QVERIFY(!previous->isEnabled());
    click(page, "startLesson");
    QTreeWidget *steps = page->steps();
    QTRY_VERIFY_WITH_TIMEOUT(allPassed(steps, 0), 20000);
    // Step 1 starts worker 1 and send.py, which publishes through the default exchange.
    const QString queue = FlowGraph::queueId(QStringLiteral("hello"));
    const QString defaultExchange = FlowGraph::exchangeId(QString());
    QTRY_VERIFY_WITH_TIMEOUT(inFocus(page, queue), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(inFocus(page, defaultExchange), 5000);
    QVERIFY(!previous->isEnabled());

    QTRY_VERIFY_WITH_TIMEOUT(next->isEnabled(), 5000);
    QTest::mouseClick(next, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(allPassed(steps, 1), 20000);
    // Step 2 is about worker 2 and the queue: the exchange is no longer ringed.
    QVERIFY(inFocus(page, queue));
    QTRY_VERIFY_WITH_TIMEOUT(!inFocus(page, defaultExchange), 5000);

    QTRY_VERIFY_WITH_TIMEOUT(previous->isEnabled(), 5000);
    const FlowPage *before = page->flow();
    QTest::mouseClick(previous, Qt::LeftButton);
    // Back at step 1, on a new scratch broker, waiting for Next; step 2 not run.
    QTRY_VERIFY_WITH_TIMEOUT(allPassed(steps, 0) && next->isEnabled(), 20000);
    QVERIFY(page->flow() != before);
    QVERIFY(!steps->topLevelItem(1)->child(0)->text(0).startsWith(u'✓'));
    QTest::qWait(300);
    QVERIFY(!steps->topLevelItem(1)->child(0)->text(0).startsWith(u'✓'));
    QVERIFY(page->findChild<QLabel *>(QStringLiteral("narration"))->text().startsWith(QStringLiteral("Step 1 of 2")));
}

void LessonsTest::deviation()
{
    MainWindow window(localBrokerConfig(dataDir_.path()));
    LessonsPage *page = openLesson(window, QStringLiteral("crash-redelivery"));
    QVERIFY(page);
    auto *deviation = page->findChild<QComboBox *>(QStringLiteral("deviation"));
    QCOMPARE(deviation->count(), 2);   // as the lesson says, and auto-ack
    QVERIFY(page->code()->toPlainText().contains(QStringLiteral("auto_ack=False")));
    deviation->setCurrentIndex(deviation->findData(QStringLiteral("auto-ack")));
    // The code is the deviated lesson's: worker 1 acknowledges automatically.
    QVERIFY2(page->code()->toPlainText().contains(QStringLiteral("auto_ack=True")), qPrintable(page->code()->toPlainText()));
    QVERIFY(page->findChild<QLabel *>(QStringLiteral("narration"))->text().contains(QStringLiteral("Deviating")));
    click(page, "startLesson");
    QTreeWidget *steps = page->steps();
    QTRY_VERIFY_WITH_TIMEOUT(anyFailed(steps, 0), 30000);
    const QTreeWidgetItem *unacked = steps->topLevelItem(0)->child(1);
    QVERIFY2(unacked->text(0).startsWith(u'✗'), qPrintable(unacked->text(0)));
    QVERIFY2(unacked->text(1).endsWith(QStringLiteral("the message waits for worker 1's ack")), qPrintable(unacked->text(1)));
    QTest::qWait(300);
    QVERIFY(window.grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/lessons-deviation.png")));

    // Back to the lesson as it is.
    deviation->setCurrentIndex(0);
    QVERIFY(page->code()->toPlainText().contains(QStringLiteral("auto_ack=False")));
    QVERIFY(!page->isRunning());
}

void LessonsTest::languageChangeWhilePlaying()
{
    MainWindow window(localBrokerConfig(dataDir_.path()));
    LessonsPage *page = openLesson(window, QStringLiteral("crash-redelivery"));
    QVERIFY(page);
    click(page, "startLesson");
    QTreeWidget *steps = page->steps();
    QTRY_VERIFY_WITH_TIMEOUT(allPassed(steps, 0), 20000);
    auto *next = page->findChild<QPushButton *>(QStringLiteral("nextStep"));
    auto *title = page->findChild<QLabel *>(QStringLiteral("lessonTitle"));
    const QString englishTitle = title->text();

    installChinese();
    QTRY_COMPARE_WITH_TIMEOUT(next->text(), QString::fromUtf8("下一步"), 5000);
    QVERIFY(title->text() != englishTitle);
    QVERIFY2(steps->topLevelItem(0)->text(0).startsWith(QString::fromUtf8("✓ 第 1 步")), qPrintable(steps->topLevelItem(0)->text(0)));
    QVERIFY2(allPassed(steps, 0), qPrintable(expectationTexts(steps, 0).join(u'\n')));   // the run is kept
    QVERIFY(page->isRunning());
    QVERIFY(page->flow());
    QTest::qWait(300);
    QVERIFY(window.grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/lessons-language-switched.png")));

    removeChinese();
    QTRY_COMPARE_WITH_TIMEOUT(next->text(), QStringLiteral("Next step"), 5000);
    QCOMPARE(title->text(), englishTitle);
    QVERIFY(allPassed(steps, 0));
    // The lesson goes on.
    QTest::mouseClick(next, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(allPassed(steps, 1), 20000);
}

QTEST_MAIN(LessonsTest)
#include "tst_lessons.moc"
