// The window when its broker's port is taken (ui/settings/PortOwner, PortTakenDialog):
// - the owner of a listening port is found through /proc: this test process for a port it
//   listens on (IPv4 and IPv6), a child process by its pid and name, nobody for a free port;
// - a port taken on one of the broker's addresses is taken; the free port offered is not;
// - the dialog names the owner ("another program" when it cannot tell), says how to stop a
//   systemd service, and offers the free port; without one it offers none; screenshot
//   port-taken.png of the warren service holding the port;
// - the window, its port held by this test: the dialog appears over the failed start, names
//   this process, and "Start on port N" starts the broker there.
#include "MainWindow.h"
#include "BrokerController.h"
#include "settings/PortOwner.h"
#include "settings/PortTakenDialog.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include "LocalBrokerConfig.h"

using warren::ui::PortOwner;
using warren::ui::PortTakenDialog;

class PortTakenTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }   // not the user's settings
    void findsThisProcess_data();
    void findsThisProcess();
    void findsAnotherProcess();
    void nobodyOnAFreePort();
    void takenAndFreePorts();
    void dialogNamesTheOwner();
    void dialogWithoutAFreePort();
    void windowOffersAFreePort();

private:
    static PortTakenDialog *openedDialog();
};

void PortTakenTest::findsThisProcess_data()
{
    QTest::addColumn<QHostAddress>("address");
    QTest::newRow("IPv4") << QHostAddress(QHostAddress::LocalHost);
    QTest::newRow("IPv6") << QHostAddress(QHostAddress::LocalHostIPv6);
}

void PortTakenTest::findsThisProcess()
{
    QFETCH(QHostAddress, address);
    QTcpServer server;
    if (!server.listen(address, 0))
        QSKIP("this address is not available here");
    const std::optional<PortOwner> owner = PortOwner::of(server.serverPort());
    QVERIFY(owner);
    QCOMPARE(owner->pid, QCoreApplication::applicationPid());
    QCOMPARE(owner->program, QStringLiteral("tst_porttaken"));
}

void PortTakenTest::findsAnotherProcess()
{
    QProcess holder;
    holder.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"), QStringLiteral("import socket, sys, time\n"
                                                       "s = socket.socket()\n"
                                                       "s.bind(('127.0.0.1', 0))\n"
                                                       "s.listen()\n"
                                                       "print(s.getsockname()[1], flush=True)\n"
                                                       "time.sleep(60)\n")});
    QVERIFY(holder.waitForReadyRead(10000));
    const auto port = quint16(holder.readLine().trimmed().toUInt());
    const std::optional<PortOwner> owner = PortOwner::of(port);
    const qint64 pid = holder.processId();
    holder.kill();
    holder.waitForFinished();
    QVERIFY(owner);
    QCOMPARE(owner->pid, pid);
    QCOMPARE(owner->program, QStringLiteral("python3"));
}

void PortTakenTest::nobodyOnAFreePort()
{
    QVERIFY(!PortOwner::of(warren::test::freePort()));
}

void PortTakenTest::takenAndFreePorts()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = server.serverPort();
    const QList<QHostAddress> both{QHostAddress(QHostAddress::LocalHost), QHostAddress(QHostAddress::LocalHostIPv6)};
    QVERIFY(warren::ui::portTaken(port, both));
    QVERIFY(!warren::ui::portTaken(warren::test::freePort(), both));
    const quint16 free = warren::ui::freePortAfter(port, both);
    QVERIFY(free > port);
    QVERIFY(!warren::ui::portTaken(free, both));
}

void PortTakenTest::dialogNamesTheOwner()
{
    PortTakenDialog unknown(5672, std::nullopt, 5673);
    QVERIFY(unknown.text().contains(u"another program"));
    QVERIFY(unknown.startButton());
    QCOMPARE(unknown.startButton()->text(), QStringLiteral("Start on port 5673"));

    const PortOwner service{4242, QStringLiteral("warren"), QStringLiteral("warren.service"), true};
    PortTakenDialog known(5672, service, 5673);
    QVERIFY(known.text().contains(u"warren (process 4242 of the service warren.service)"));
    QVERIFY(known.informativeText().contains(u"systemctl --user stop warren.service"));
    known.show();
    QVERIFY(QTest::qWaitForWindowExposed(&known));
    QDir().mkpath(QStringLiteral(WARREN_SCREENSHOT_DIR));
    QVERIFY(known.grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/port-taken.png")));
    QSignalSpy started(&known, &PortTakenDialog::startRequested);
    known.startButton()->click();
    QCOMPARE(started.size(), 1);
    QCOMPARE(started.at(0).at(0).value<quint16>(), quint16(5673));
}

void PortTakenTest::dialogWithoutAFreePort()
{
    PortTakenDialog dialog(5672, PortOwner{7, QStringLiteral("beam.smp")}, 0);
    QVERIFY(dialog.text().contains(u"beam.smp (process 7)"));
    QVERIFY(!dialog.startButton());
    QVERIFY(dialog.informativeText().contains(u"Broker settings"));
}

PortTakenDialog *PortTakenTest::openedDialog()
{
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (auto *dialog = qobject_cast<PortTakenDialog *>(widget); dialog && dialog->isVisible())
            return dialog;
    }
    return nullptr;
}

void PortTakenTest::windowOffersAFreePort()
{
    QTemporaryDir dataDir;
    warren::BrokerConfig config = warren::test::localBrokerConfig(dataDir.path());
    QTcpServer holder;   // the test holds the broker's port
    QVERIFY(holder.listen(QHostAddress::LocalHost, config.port));
    warren::ui::MainWindow window(config);
    window.show();

    QTRY_VERIFY_WITH_TIMEOUT(openedDialog(), 10000);
    PortTakenDialog *dialog = openedDialog();
    QVERIFY(dialog->text().contains(QStringLiteral("tst_porttaken (process %1)").arg(QCoreApplication::applicationPid())));
    QVERIFY(dialog->startButton());

    const QString offered = dialog->startButton()->text().section(u' ', -1);
    dialog->startButton()->click();
    auto *status = window.findChild<QLabel *>(QStringLiteral("brokerStatus"));
    QTRY_VERIFY_WITH_TIMEOUT(window.broker()->isRunning() && status->text().contains(u':' + offered), 10000);
    QVERIFY(!openedDialog());
}

QTEST_MAIN(PortTakenTest)
#include "tst_porttaken.moc"
