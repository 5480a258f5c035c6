// A tour of the explorer with a busy broker, as a new user would see it: a shop's
// exchanges, queues and bindings, a publisher and two consumers (pika, in a child process)
// running while the test opens every page. Each page must show the shop's objects, and a
// screenshot of the whole window on each page is saved (WARREN_SCREENSHOT_DIR/tour-<page>.png)
// for people to judge and for the README.
#include "MainWindow.h"
#include "panels/EntityPanel.h"
#include "panels/ExplorerPanels.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using warren::ui::MainWindow;

class TourTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void everyPageShowsTheShop();

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
    QTest::qWait(9000);   // enough traffic for the charts' curves

    // What each page must list while the shop runs.
    const QList<std::pair<QString, QString>> expected = {
        {QStringLiteral("connections"), QStringLiteral("guest")},
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
        QVERIFY2(lists(*panel->model(), text), qPrintable(page + QStringLiteral(" lacks ") + text));
    }
    QDir().mkpath(QStringLiteral(WARREN_SCREENSHOT_DIR));
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

QTEST_MAIN(TourTest)
#include "tst_tour.moc"
