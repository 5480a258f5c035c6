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
// - screenshots lessons-<step>.png and lessons-zh-<step>.png at each step.
#include "BrokerController.h"
#include "MainWindow.h"
#include "flow/FlowGraph.h"
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

private:
    void play(const QString &screenshotPrefix);
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
        QVERIFY(window.grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/%1-%2.png").arg(prefix).arg(step + 1)));
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

void LessonsTest::inChinese()
{
    QTranslator chinese;
    QVERIFY(chinese.load(qEnvironmentVariable("WARREN_QM_DIR", QStringLiteral(WARREN_QM_DIR))
                         + QLatin1String("/warren_zh_CN.qm")));
    QCoreApplication::installTranslator(&chinese);
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    QCOMPARE(LessonsPage::tr("Next step"), QString::fromUtf8("下一步"));
    play(QStringLiteral("lessons-zh"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCoreApplication::removeTranslator(&chinese);
}

QTEST_MAIN(LessonsTest)
#include "tst_lessons.moc"
