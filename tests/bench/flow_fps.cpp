// How smoothly the Flow page animates while the embedded broker is busy: the real main
// window at 1280×800 with the Flow page shown (the event tap on, tokens moving), while
// rabbitmq-c clients push `--rate` messages a second through 3 exchanges into 6 queues, each
// with its own consumer (automatic acks). Every repaint of the graph's viewport is timed;
// the interval between two repaints is the frame interval a person sees.
//
//   flow_fps [--seconds 10] [--rate 20000] [--no-target]
//
// Run it under Xvfb (tests/bench/flow_fps.sh does). Prints one "result" line: messages
// published and delivered a second, frames, frame interval p50/p99/max in ms. Exit 0 when
// p50 ≤ 17 ms and p99 ≤ 50 ms (or with --no-target when frames were measured at all), 1
// otherwise, 2 on a setup failure.
#include "BrokerController.h"
#include "MainWindow.h"
#include "flow/FlowPage.h"
#include "flow/FlowView.h"
#include "rabbitmq_c_util.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>
#include "LocalBrokerConfig.h"
#include "TestSupport.h"

using warren::management::BindingSpec;
using warren::management::ExchangeSpec;
using warren::management::ManagementService;
using warren::management::Outcome;
using warren::management::QueueSpec;

using warren::test::localBrokerConfig;

namespace {

struct Route {
    const char *exchange;
    const char *key;
    const char *queue;
};
// Three exchanges, two queues each; every message reaches exactly one queue.
constexpr Route kRoutes[] = {
    {"fps-direct", "d1", "fps-q1"}, {"fps-direct", "d2", "fps-q2"},
    {"fps-topic", "t.one", "fps-q3"}, {"fps-topic", "t.two", "fps-q4"},
    {"fps-orders", "eu", "fps-q5"}, {"fps-orders", "us", "fps-q6"},
};

// The paints of a widget, timed.
class FrameClock : public QObject {
public:
    void start() { clock_.start(); }
    void measure(bool on) { measuring_ = on; last_ = 0; }
    std::vector<double> &intervals() { return intervalsMs_; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && measuring_) {
            const qint64 now = clock_.nsecsElapsed();
            if (last_ > 0)
                intervalsMs_.push_back(double(now - last_) / 1e6);
            last_ = now;
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QElapsedTimer clock_;
    qint64 last_ = 0;
    bool measuring_ = false;
    std::vector<double> intervalsMs_;
};

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[size_t(p * double(values.size() - 1))];
}

// Publishes `rate` messages a second, round robin over the routes, until `stop`.
void publish(int port, int rate, const std::atomic<bool> &stop, std::atomic<quint64> &published)
{
    warrenload::Connection c("127.0.0.1", port, "publisher");
    const auto begin = std::chrono::steady_clock::now();
    quint64 sent = 0;
    amqp_basic_properties_t props{};
    const amqp_bytes_t body = amqp_cstring_bytes("flow fps");
    while (!stop) {
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
        const auto due = quint64(elapsed * rate);
        for (; sent < due; ++sent) {
            const Route &r = kRoutes[sent % std::size(kRoutes)];
            warrenload::checkStatus(amqp_basic_publish(c.get(), warrenload::kChannel, amqp_cstring_bytes(r.exchange),
                                                       amqp_cstring_bytes(r.key), 0, 0, &props, body),
                                    "publish");
        }
        published = sent;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

// One connection, one consumer per queue (automatic acks), until `stop`.
void consume(int port, const std::atomic<bool> &stop, std::atomic<quint64> &delivered)
{
    warrenload::Connection c("127.0.0.1", port, "consumers");
    for (const Route &r : kRoutes) {
        amqp_basic_consume(c.get(), warrenload::kChannel, amqp_cstring_bytes(r.queue), amqp_empty_bytes, 0, 1, 0,
                           amqp_empty_table);
        warrenload::check(amqp_get_rpc_reply(c.get()), "basic.consume");
    }
    timeval timeout{0, 100000};
    while (!stop) {
        amqp_envelope_t envelope;
        amqp_maybe_release_buffers(c.get());
        const amqp_rpc_reply_t reply = amqp_consume_message(c.get(), &envelope, &timeout, 0);
        if (reply.reply_type == AMQP_RESPONSE_NORMAL) {
            ++delivered;
            amqp_destroy_envelope(&envelope);
        } else if (!(reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION
                     && reply.library_error == AMQP_STATUS_TIMEOUT)) {
            throw std::runtime_error("consume: " + warrenload::describe(reply));
        }
    }
}

// Declares the exchanges, queues and bindings through the window's broker; false on failure.
bool setUp(warren::BrokerController *broker, QObject *receiver)
{
    int pending = 0, failed = 0;
    const auto done = std::function<void(const Outcome &)>([&](const Outcome &o) {
        --pending;
        failed += o.ok() ? 0 : 1;
    });
    const auto wait = [&] {
        QElapsedTimer t;
        t.start();
        while (pending > 0 && t.elapsed() < 10000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        return pending == 0 && failed == 0;
    };
    for (const char *x : {"fps-direct", "fps-topic", "fps-orders"}) {
        ++pending;
        broker->call(&ManagementService::declareExchange, receiver, done,
                     ExchangeSpec{QStringLiteral("/"), QString::fromLatin1(x),
                                  QString::fromLatin1(x == std::string("fps-topic") ? "topic" : "direct"), false});
    }
    for (const Route &r : kRoutes) {
        ++pending;
        broker->call(&ManagementService::declareQueue, receiver, done,
                     QueueSpec{QStringLiteral("/"), QString::fromLatin1(r.queue), false});
    }
    if (!wait())
        return false;
    for (const Route &r : kRoutes) {
        ++pending;
        broker->call(&ManagementService::bind, receiver, done,
                     BindingSpec{QStringLiteral("/"), QString::fromLatin1(r.exchange), QString::fromLatin1(r.queue),
                                 false, QString::fromLatin1(r.key)});
    }
    return wait();
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption seconds(QStringLiteral("seconds"), QStringLiteral("measured time"), QStringLiteral("s"),
                                     QStringLiteral("10"));
    const QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("messages published a second"),
                                  QStringLiteral("n"), QStringLiteral("20000"));
    const QCommandLineOption noTarget(QStringLiteral("no-target"),
                                      QStringLiteral("succeed whenever frames were measured (smoke test)"));
    parser.addOptions({seconds, rate, noTarget});
    parser.addHelpOption();
    parser.process(app);
    QTextStream out(stdout);

    QTemporaryDir dataDir;
    warren::BrokerConfig config = localBrokerConfig(dataDir.path());
    warren::ui::MainWindow window(config);
    window.resize(1280, 800);
    window.show();
    if (!window.showPage(QStringLiteral("flow")))
        return 2;
    QElapsedTimer started;
    started.start();
    while (!window.broker()->isRunning() && started.elapsed() < 10000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    if (!window.broker()->isRunning() || !setUp(window.broker(), &window)) {
        out << "flow_fps: the broker did not start or the setup failed" << Qt::endl;
        return 2;
    }

    std::atomic<bool> stop{false};
    std::atomic<quint64> published{0}, delivered{0};
    std::atomic<bool> clientFailed{false};
    const auto guarded = [&](auto work) {
        return std::thread([&, work] {
            try {
                work();
            } catch (const std::exception &e) {
                std::fprintf(stderr, "flow_fps: %s\n", e.what());
                clientFailed = true;
            }
        });
    };
    std::thread consumer = guarded([&] { consume(config.port, stop, delivered); });
    std::thread publisher = guarded([&] { publish(config.port, parser.value(rate).toInt(), stop, published); });

    FrameClock frames;
    window.flow()->view()->viewport()->installEventFilter(&frames);
    frames.start();
    const int measuredMs = int(parser.value(seconds).toDouble() * 1000);
    quint64 publishedAtStart = 0, deliveredAtStart = 0;
    // A second to let the graph appear and the traffic settle, then the measured time.
    QTimer::singleShot(1000, &app, [&] {
        publishedAtStart = published;
        deliveredAtStart = delivered;
        frames.measure(true);
    });
    double publishRate = 0, deliverRate = 0;
    QTimer::singleShot(1000 + measuredMs, &app, [&] {
        frames.measure(false);
        publishRate = double(published - publishedAtStart) * 1000.0 / measuredMs;
        deliverRate = double(delivered - deliveredAtStart) * 1000.0 / measuredMs;
        // The clients stop before the window does: its broker would close them.
        stop = true;
        publisher.join();
        consumer.join();
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    if (clientFailed)
        return 2;

    std::vector<double> &intervals = frames.intervals();
    const double p50 = percentile(intervals, 0.5), p99 = percentile(intervals, 0.99);
    out << "result published_per_s=" << qRound(publishRate) << " delivered_per_s=" << qRound(deliverRate)
        << " frames=" << intervals.size() << " frame_ms p50=" << p50 << " p99=" << p99
        << " max=" << percentile(intervals, 1.0) << Qt::endl;
    if (intervals.size() < 10)
        return 1;
    if (parser.isSet(noTarget))
        return 0;
    return p50 <= 17 && p99 <= 50 ? 0 : 1;
}
