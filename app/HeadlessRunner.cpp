#include "HeadlessRunner.h"

#include "BrokerController.h"
#include "TraceFile.h"
#include "UnixSignalWatcher.h"

#include <QCoreApplication>
#include <QTextStream>

int runHeadless(const warren::BrokerConfig &config, const QString &traceFile)
{
    warren::BrokerController broker;
    broker.setSnapshotInterval(0);   // nobody reads them here
    UnixSignalWatcher signalWatcher;
    // With the trace on standard output, the broker's own lines go to standard error.
    QTextStream out(traceFile == QLatin1String("-") ? stderr : stdout);
    QTextStream err(stderr);
    int exitCode = 0;
    TraceFile trace;   // destroyed after the broker's last batch: flushed then
    if (!traceFile.isEmpty()) {
        QString error;
        if (!trace.open(traceFile, &error)) {
            err << "warren: " << error << Qt::endl;
            return 1;
        }
        QObject::connect(&broker, &warren::BrokerController::eventsReady, &trace, &TraceFile::write);
        broker.subscribeEvents(&trace);
    }

    QObject::connect(&broker, &warren::BrokerController::started, [&](const QStringList &on, const QStringList &tlsOn) {
        out << "Warren " << QCoreApplication::applicationVersion() << " ready: amqp://guest:guest@localhost:"
            << config.port << "/";
        if (!tlsOn.isEmpty())
            out << " and amqps://guest:guest@localhost:" << config.tls.port << "/";
        out << " (listening on " << on.join(QStringLiteral(", "));
        if (!tlsOn.isEmpty())
            out << "; TLS on " << tlsOn.join(QStringLiteral(", "));
        out << ")" << Qt::endl;
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
    QString error;
    if (!warren::BrokerController::exportDefinitions(config, path, &error)) {
        QTextStream(stderr) << "warren: " << error << Qt::endl;
        return 1;
    }
    QTextStream(stdout) << "Exported definitions to " << path << Qt::endl;
    return 0;
}
