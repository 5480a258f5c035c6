// How responsive the explorer stays while the broker it embeds is busy: the real main
// window (offscreen by default) with its live panels over many queues, while warren-load
// pushes messages through the embedded broker as fast as it can. A 5 ms timer on the GUI
// thread measures how late each tick fires: that lateness is the event loop's latency, what
// a click or a repaint would wait.
//
//   gui_latency --load build-release/tests/bench/warren-load [--seconds 15] [--queues 2000]
//               [--page queues|events|...] [--max-p99 MS]
//
// --page events shows the Events page: the event tap is on and its sentences are written
// while the load runs.
//
// Prints one "result" line: msg/s through the broker, ticks measured, and tick lateness
// p50/p99/max in ms. Exit 0 when it measured (and, with --max-p99, p99 stayed below it), 1 when
// p99 reached --max-p99, 2 when nothing was measured (no load result, no tick, no message).
#include "BrokerController.h"
#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include "LocalBrokerConfig.h"
#include "TestSupport.h"

using warren::management::ManagementService;
using warren::management::Outcome;
using warren::management::QueueSpec;

using warren::test::localBrokerConfig;

namespace {

struct Settings {
    QString load;
    double seconds = 15;
    int queues = 2000;
    QString page;
    double maxP99 = 0;   // 0: report only
};

Settings parse(const QApplication &app)
{
    QCommandLineParser parser;
    const QCommandLineOption load(QStringLiteral("load"), QStringLiteral("warren-load binary"), QStringLiteral("path"));
    const QCommandLineOption seconds(QStringLiteral("seconds"), QStringLiteral("load duration"), QStringLiteral("s"),
                                     QStringLiteral("15"));
    const QCommandLineOption queues(QStringLiteral("queues"), QStringLiteral("extra idle queues in the panels"),
                                    QStringLiteral("n"), QStringLiteral("2000"));
    const QCommandLineOption page(QStringLiteral("page"), QStringLiteral("the page shown (default: queues, the busiest "
                                                                         "table)"),
                                  QStringLiteral("name"), QStringLiteral("queues"));
    const QCommandLineOption maxP99(QStringLiteral("max-p99"),
                                    QStringLiteral("fail when the p99 lateness reaches this many ms (default: report only)"),
                                    QStringLiteral("ms"), QStringLiteral("0"));
    parser.addOptions({load, seconds, queues, page, maxP99});
    parser.addHelpOption();
    parser.process(app);
    return Settings{parser.value(load), parser.value(seconds).toDouble(), parser.value(queues).toInt(),
                    parser.value(page), parser.value(maxP99).toDouble()};
}

// Lateness of a periodic timer, in ms.
class LatencyProbe : public QObject {
public:
    static constexpr int kIntervalMs = 5;
    LatencyProbe()
    {
        timer_.setTimerType(Qt::PreciseTimer);
        timer_.setInterval(kIntervalMs);
        QObject::connect(&timer_, &QTimer::timeout, this, [this] {
            const qint64 now = clock_.nsecsElapsed();
            if (last_ > 0)
                lateMs_.push_back(double(now - last_) / 1e6 - kIntervalMs);
            last_ = now;
        });
    }
    void start()
    {
        clock_.start();
        timer_.start();
    }
    void stop() { timer_.stop(); }
    std::size_t ticks() const { return lateMs_.size(); }
    double percentile(double p)
    {
        if (lateMs_.empty())
            return 0;
        std::sort(lateMs_.begin(), lateMs_.end());
        return std::max(0.0, lateMs_[size_t(p * double(lateMs_.size() - 1))]);
    }

private:
    QTimer timer_;
    QElapsedTimer clock_;
    qint64 last_ = 0;
    std::vector<double> lateMs_;
};

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const Settings settings = parse(app);
    QTextStream out(stdout);
    if (settings.load.isEmpty()) {
        out << "gui_latency: --load PATH (warren-load) is required" << Qt::endl;
        return 2;
    }
    QTemporaryDir dataDir;
    warren::BrokerConfig config = localBrokerConfig(dataDir.path());
    warren::ui::MainWindow window(config);
    window.show();
    if (!window.showPage(settings.page))
        return 2;

    warren::BrokerController *broker = window.broker();
    int declared = 0;
    for (int i = 0; i < settings.queues; ++i) {
        broker->call(&ManagementService::declareQueue, &window,
                     std::function<void(const Outcome &)>([&](const Outcome &) { ++declared; }),
                     QueueSpec{QStringLiteral("/"), QStringLiteral("idle-%1").arg(i), false});
    }
    QElapsedTimer wait;
    wait.start();
    while ((declared < settings.queues || !broker->isRunning()) && wait.elapsed() < 30000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);

    LatencyProbe probe;
    QProcess load;
    load.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QObject::connect(&load, &QProcess::finished, &app, [&] {
        probe.stop();
        QCoreApplication::quit();
    });
    load.start(settings.load, {QStringLiteral("--port"), QString::number(config.port), QStringLiteral("--pipeline"),
                               QStringLiteral("--ack"), QStringLiteral("--prefetch"), QStringLiteral("500"),
                               QStringLiteral("--multiple-ack-every"), QStringLiteral("100"),
                               QStringLiteral("--max-backlog"), QStringLiteral("20000"),
                               QStringLiteral("--size"), QStringLiteral("64"),
                               QStringLiteral("--seconds"), QString::number(settings.seconds)});
    probe.start();
    QTimer::singleShot(int(settings.seconds * 1000) + 30000, &app, [&] { load.kill(); });
    QCoreApplication::exec();

    const QString result = QString::fromUtf8(load.readAllStandardOutput());
    const QRegularExpressionMatch rate = QRegularExpression(QStringLiteral(" rate=(\\d+)")).match(result);
    if (!rate.hasMatch()) {
        out << "gui_latency: warren-load gave no result:\n" << result << Qt::endl;
        return 2;
    }
    const double p99 = probe.percentile(0.99);
    out << "result msgs_per_s=" << rate.captured(1) << " queues=" << settings.queues << " ticks=" << probe.ticks()
        << " tick_late_ms p50=" << probe.percentile(0.5) << " p99=" << p99 << " max=" << probe.percentile(1.0)
        << Qt::endl;
    if (probe.ticks() < 10 || rate.captured(1).toLongLong() == 0) {
        out << "gui_latency: nothing measured (ticks or messages missing)" << Qt::endl;
        return 2;
    }
    return settings.maxP99 <= 0 || p99 < settings.maxP99 ? 0 : 1;
}
