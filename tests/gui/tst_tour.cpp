// A tour of the explorer with a busy broker, as a new user would see it: a shop's
// exchanges, queues and bindings, a publisher and two consumers (pika, in a child process)
// running while the test opens every page. Each page must show the shop's objects, and a
// screenshot of the whole window on each page is saved (WARREN_SCREENSHOT_DIR/tour-<page>.png)
// for people to judge and for the README. The Events page is visited while the shop runs,
// so that its log shows the shop's messages in words.
//
// Learners read Simplified Chinese too: a second tour loads warren_zh_CN.qm and saves the
// pages that explain things (events, overview, queues with the step mode banner, virtual
// hosts) as zh-<page>.png, to check that the translated texts fit.
#include "MainWindow.h"
#include "events/EventLogModel.h"
#include "events/EventsPanel.h"
#include "overview/OverviewPanel.h"
#include "panels/EntityPanel.h"
#include "panels/ExplorerPanels.h"

#include <QDir>
#include <QLabel>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

using warren::ui::MainWindow;

class TourTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void everyPageShowsTheShop();
    void chinesePagesExplainToo();

private:
    static bool lists(const QAbstractItemModel &model, const QString &text);
};

bool TourTest::lists(const QAbstractItemModel &model, const QString &text)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        for (int column = 0; column < model.columnCount(); ++column) {
            if (model.index(row, column).data().toString() == text)
                return true;
        }
    }
    return false;
}

void TourTest::everyPageShowsTheShop()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    warren::BrokerConfig config;
    config.bindAddresses = {QHostAddress(QHostAddress::LocalHost)};
    config.port = probe.serverPort();
    probe.close();
    QTemporaryDir dataDir;
    config.dataDir = dataDir.path();
    MainWindow window(config);
    window.resize(1280, 760);
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.broker()->isRunning(), 10000);

    QProcess shop;
    shop.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    shop.start(QStringLiteral("/usr/bin/python3"),
               {QStringLiteral(WARREN_SCENES_DIR "/shop_traffic.py"), QString::number(config.port), QStringLiteral("14")});
    QByteArray output;
    QTRY_VERIFY2_WITH_TIMEOUT((output += shop.readAllStandardOutput()).contains("ready"),
                              qPrintable(QStringLiteral("shop_traffic.py: state %1, output %2")
                                             .arg(int(shop.state()))
                                             .arg(QString::fromUtf8(output))),
                              20000);
    // The Events page listens while it is shown: a few seconds of the shop, in words.
    QVERIFY(window.showPage(QStringLiteral("events")));
    QTRY_VERIFY_WITH_TIMEOUT(window.events()->model()->rowCount() >= 20, 10000);
    QDir().mkpath(QStringLiteral(WARREN_SCREENSHOT_DIR));
    QVERIFY(window.grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/tour-events.png")));
    // Enough traffic for the charts' curves: six seconds of samples with messages moving.
    const auto *overview = window.findChild<warren::ui::OverviewPanel *>();
    QVERIFY(overview);
    QTRY_VERIFY_WITH_TIMEOUT(overview->history().samples().size() >= 2
                                 && overview->history().samples().front().at.msecsTo(overview->history().samples().back().at)
                                     >= 6000,
                             15000);

    // What each page must list while the shop runs.
    const QList<std::pair<QString, QString>> expected = {
        {QStringLiteral("connections"), QStringLiteral("order publisher")},
        {QStringLiteral("exchanges"), QStringLiteral("orders")},
        {QStringLiteral("queues"), QStringLiteral("orders.created")},
        {QStringLiteral("bindings"), QStringLiteral("order.created.*")},
        {QStringLiteral("consumers"), QStringLiteral("orders.audit")},
        {QStringLiteral("vhosts"), QStringLiteral("/")},
        {QStringLiteral("users"), QStringLiteral("guest")},
    };
    for (const auto &[page, text] : expected) {
        const warren::ui::EntityPanel *panel = window.panels()->panel(page);
        QVERIFY2(panel, qPrintable(page));
        QTRY_VERIFY2_WITH_TIMEOUT(lists(*panel->model(), text), qPrintable(page + QStringLiteral(" lacks ") + text), 5000);
    }
    const QStringList pages = {QStringLiteral("overview"), QStringLiteral("connections"), QStringLiteral("channels"),
                               QStringLiteral("exchanges"), QStringLiteral("queues"), QStringLiteral("bindings"),
                               QStringLiteral("consumers"), QStringLiteral("vhosts"), QStringLiteral("users")};
    for (const QString &page : pages) {
        QVERIFY(window.showPage(page));
        QTest::qWait(300);   // a snapshot or two on the page
        QVERIFY(window.grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/tour-%1.png").arg(page)));
    }
    QVERIFY(shop.waitForFinished(30000));
    QCOMPARE(shop.exitCode(), 0);
}

void TourTest::chinesePagesExplainToo()
{
    QTranslator chinese;
    QVERIFY(chinese.load(QStringLiteral(WARREN_QM_DIR "/warren_zh_CN.qm")));
    QCoreApplication::installTranslator(&chinese);
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    warren::BrokerConfig config;
    config.bindAddresses = {QHostAddress(QHostAddress::LocalHost)};
    config.port = probe.serverPort();
    probe.close();
    QTemporaryDir dataDir;
    config.dataDir = dataDir.path();
    {
        MainWindow window(config);
        window.resize(1280, 760);
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(window.broker()->isRunning(), 10000);
        QVERIFY(window.showPage(QStringLiteral("events")));
        QTest::qWait(200);   // the tap is on
        QProcess clients;
        clients.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        clients.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral(WARREN_SCENES_DIR "/learner_clients.py"),
                                                           QString::number(config.port), QStringLiteral("events")});
        QVERIFY(clients.waitForReadyRead(20000));
        QVERIFY(clients.readLine().startsWith("done"));
        const auto &model = *window.events()->model();
        QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() >= 10, 5000);
        bool saidInChinese = false;
        for (int row = 0; row < model.rowCount(); ++row)
            saidInChinese |= model.index(row, warren::ui::EventLogModel::WhatColumn).data().toString().contains(
                QStringLiteral("发布到"));
        QVERIFY(saidInChinese);
        QDir().mkpath(QStringLiteral(WARREN_SCREENSHOT_DIR));
        QVERIFY(window.grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/zh-events.png")));

        // Step mode on the queue the scene used: the banner, the State column, the legend.
        using namespace warren::management;
        bool paused = false;
        window.broker()->call(&ManagementService::pauseDeliveries, &window,
                              std::function<void(const Outcome &)>([&](const Outcome &o) { paused = o.ok(); }),
                              QStringLiteral("/"), QStringLiteral("q1"));
        QTRY_VERIFY(paused);
        QVERIFY(window.showPage(QStringLiteral("queues")));
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QWidget *>(QStringLiteral("stepBanner"))->isVisible(), 5000);
        QVERIFY(window.grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/zh-queues.png")));
        for (const char *page : {"overview", "vhosts", "consumers"}) {
            QVERIFY(window.showPage(QString::fromLatin1(page)));
            QTest::qWait(300);
            QVERIFY(window.grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/zh-%1.png").arg(QLatin1String(page))));
        }
        clients.closeWriteChannel();
        QVERIFY(clients.waitForFinished(10000));
    }
    QCoreApplication::removeTranslator(&chinese);
}

QTEST_MAIN(TourTest)
#include "tst_tour.moc"
