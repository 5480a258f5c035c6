// The main window against its live embedded broker:
// - it starts the broker on its worker thread and shows where it listens;
// - a real client (pika, in a child process) declares a queue and publishes; the queue
//   table shows the queue with its ready count, refreshed live, and the totals line agrees;
// - a screenshot of the window is saved for the README.
#include "MainWindow.h"
#include "panels/EntityPanel.h"

#include <QAbstractItemModel>
#include <QDir>
#include <QLabel>
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

private:
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

QTEST_MAIN(MainWindowTest)
#include "tst_mainwindow.moc"
