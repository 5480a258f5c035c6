#include "HeadlessRunner.h"

#include "Broker.h"
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

int runExport(const warren::BrokerConfig &config, const QString &path)
{
    // No broker thread: nothing is served, the data directory is only read.
    warren::Broker broker;
    QString error;
    if (!broker.exportDefinitions(config, path, &error)) {
        QTextStream(stderr) << "warren: " << error << Qt::endl;
        return 1;
    }
    QTextStream(stdout) << "Exported definitions to " << path << Qt::endl;
    return 0;
}
