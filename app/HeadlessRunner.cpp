#include "HeadlessRunner.h"

#include "BrokerController.h"
#include "UnixSignalWatcher.h"

#include <QCoreApplication>
#include <QTextStream>

int runHeadless(const warren::BrokerConfig &config)
{
    warren::BrokerController broker;
    UnixSignalWatcher signalWatcher;
    QTextStream out(stdout);
    QTextStream err(stderr);
    int exitCode = 0;

    QObject::connect(&broker, &warren::BrokerController::started, [&](const QStringList &on) {
        out << "Warren " << QCoreApplication::applicationVersion() << " ready: amqp://guest:guest@localhost:"
            << config.port << "/ (listening on " << on.join(QStringLiteral(", ")) << ")" << Qt::endl;
    });
    QObject::connect(&broker, &warren::BrokerController::failed, [&](const QString &error) {
        err << "warren: " << error << Qt::endl;
        exitCode = 1;
        QCoreApplication::quit();
    });
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, [&](int) {
        out << "Warren stopping" << Qt::endl;
        broker.stop();
    });
    QObject::connect(&broker, &warren::BrokerController::stopped, [] { QCoreApplication::quit(); });

    broker.start(config);
    QCoreApplication::exec();
    return exitCode;
}
