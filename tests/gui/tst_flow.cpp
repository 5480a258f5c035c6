// The Flow page live, in the main window, with external pika clients (scenes/flow_traffic.py)
// against the window's own broker:
// - showPage("flow") subscribes to the broker's events, another page unsubscribes;
// - nodes are named after pika's connection_name (producer P1, worker 1, worker 2), with the
//   script's exchanges and queues; the alternate exchange and the dead-letter route are
//   drawn as their own kinds of edges;
// - once traffic stops, every edge's counter equals the snapshot's own counter for it (and
//   the numbers the script published), and the edge items show them;
// - tokens ride the edges the messages took; with the clock stopped a screenshot of tokens
//   in flight is the same every run (flow.png); clicking a token asks the broker for its
//   route ("topic binding kern.* matched kern.critical"), clicking the log row of the
//   returned message says "no binding matched: returned to the publisher";
// - the graph exported as SVG holds the exchange, queue and connection names and the edge
//   counts; the PNG is written next to it;
// - step mode from the page: Space pauses the virtual host (the banner shows), N releases one
//   message, Space resumes;
// - dragging a node moves its edges and is remembered for the virtual host;
// - the virtual host selector lists a vhost added while the page is open, and choosing it
//   draws that vhost's queues, not those of "/".
#include "BrokerController.h"
#include "MainWindow.h"
#include "events/EventLogModel.h"
#include "events/EventLogView.h"
#include "explain/RouteExplanationView.h"
#include "flow/FlowAnimator.h"
#include "flow/FlowClock.h"
#include "flow/FlowEdgeItem.h"
#include "flow/FlowExplanation.h"
#include "flow/FlowNodeItem.h"
#include "flow/FlowPage.h"
#include "flow/FlowPositions.h"
#include "flow/FlowScene.h"
#include "flow/FlowTokenLayer.h"
#include "flow/FlowView.h"
#include "stepmode/StepModeBanner.h"

#include <QComboBox>
#include <QLabel>
#include <QProcess>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>
#include "LocalBrokerConfig.h"
#include "TestSupport.h"

using namespace warren;
using namespace warren::ui;

using warren::test::localBrokerConfig;

namespace {

// What the snapshot itself says an edge carried: the counter the graph must show.
quint64 snapshotCount(const BrokerSnapshot &s, const FlowGraph &g, const FlowEdge &e)
{
    const FlowNode *from = g.node(e.from), *to = g.node(e.to);
    switch (e.kind) {
    case FlowEdgeKind::Publish: {
        quint64 sum = 0;
        for (const ChannelSnapshot &ch : s.channels) {
            for (const ExchangePublishes &p : ch.publishedTo) {
                if (ch.connectionName == from->name && p.exchange == to->name)
                    sum += p.published;
            }
        }
        return sum;
    }
    case FlowEdgeKind::Binding:
    case FlowEdgeKind::ExchangeBinding:
    case FlowEdgeKind::Alternate:
        for (const RouteEdgeSnapshot &r : s.routes) {
            if (r.source == from->name && r.destination == to->name
                && r.toExchange == (to->kind == FlowNodeKind::Exchange))
                return r.routed;
        }
        return 0;
    case FlowEdgeKind::DeadLetter:
        for (const QueueSnapshot &q : s.queues) {
            if (q.name == from->name)
                return q.deadLettered;
        }
        return 0;
    case FlowEdgeKind::Delivery:
        for (const ConsumerSnapshot &c : s.consumers) {
            if (c.tag == to->name && c.connectionName == to->owner)
                return c.traffic.delivered;
        }
        return 0;
    }
    return 0;
}

} // namespace

class FlowTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void liveGraphFromPika();
};

void FlowTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
    FlowPositions::forget(QStringLiteral("/"));
}

void FlowTest::liveGraphFromPika()
{
    QTemporaryDir dataDir;
    BrokerConfig config = localBrokerConfig(dataDir.path());
    MainWindow window(config);
    window.resize(1400, 900);
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.broker()->isRunning(), 10000);
    FlowPage *flow = window.flow();
    ManualClock clock;   // stopped: tokens stay where they are until the test moves time
    flow->setClock(&clock);
    QVERIFY(!flow->isWatching());
    QVERIFY(window.showPage(QStringLiteral("flow")));
    QVERIFY(flow->isWatching());
    QTest::qWait(200);   // the broker turns its tap on

    QProcess clients;
    clients.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    clients.start(QStringLiteral("/usr/bin/python3"),
                  {QStringLiteral(WARREN_SCENES_DIR "/flow_traffic.py"), QString::number(config.port)});
    QTRY_VERIFY_WITH_TIMEOUT(clients.canReadLine(), 30000);
    QCOMPARE(clients.readLine().trimmed(), QByteArray("done 13 1"));

    // Nodes named after the clients' connection_name, and the script's topology.
    FlowScene *scene = flow->scene();
    const QString producer = FlowGraph::producerId(QStringLiteral("producer P1"));
    QTRY_VERIFY_WITH_TIMEOUT(scene->nodeItem(producer), 5000);
    const auto consumerNamed = [&](const QString &connection) -> const FlowNode * {
        for (const FlowNode &n : scene->graph().nodes()) {
            if (n.kind == FlowNodeKind::Consumer && n.owner == connection)
                return &n;
        }
        return nullptr;
    };
    QTRY_VERIFY_WITH_TIMEOUT(consumerNamed(QStringLiteral("worker 1")) && consumerNamed(QStringLiteral("worker 2")), 5000);
    for (const QString &x : {QStringLiteral("logs"), QStringLiteral("unrouted"), QStringLiteral("dlx"), QStringLiteral("orders")})
        QVERIFY2(scene->nodeItem(FlowGraph::exchangeId(x)), qPrintable(x));
    for (const QString &q : {QStringLiteral("q-kern"), QStringLiteral("q-logins"), QStringLiteral("q-lost"),
                             QStringLiteral("q-dead"), QStringLiteral("q-orders")})
        QVERIFY2(scene->nodeItem(FlowGraph::queueId(q)), qPrintable(q));
    const QString logs = FlowGraph::exchangeId(QStringLiteral("logs"));
    QVERIFY(scene->edgeItem(logs, FlowGraph::exchangeId(QStringLiteral("unrouted")), FlowEdgeKind::Alternate));
    QVERIFY(scene->edgeItem(FlowGraph::queueId(QStringLiteral("q-kern")), FlowGraph::exchangeId(QStringLiteral("dlx")),
                            FlowEdgeKind::DeadLetter));

    // After the traffic, each edge's counter is the snapshot's, and what the script sent.
    const auto countOf = [&](const QString &from, const QString &to, FlowEdgeKind kind) -> qint64 {
        const FlowEdgeItem *item = scene->edgeItem(from, to, kind);
        return item ? qint64(item->edge().count) : -1;
    };
    QTRY_COMPARE_WITH_TIMEOUT(countOf(producer, logs, FlowEdgeKind::Publish), 15, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(countOf(FlowGraph::queueId(QStringLiteral("q-kern")), FlowGraph::exchangeId(QStringLiteral("dlx")),
                                      FlowEdgeKind::DeadLetter), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(countOf(FlowGraph::exchangeId(QStringLiteral("dlx")), FlowGraph::queueId(QStringLiteral("q-dead")),
                                      FlowEdgeKind::Binding), 1, 5000);
    QCOMPARE(countOf(logs, FlowGraph::queueId(QStringLiteral("q-kern")), FlowEdgeKind::Binding), 10);
    QCOMPARE(countOf(logs, FlowGraph::queueId(QStringLiteral("q-logins")), FlowEdgeKind::Binding), 3);
    QCOMPARE(countOf(logs, FlowGraph::exchangeId(QStringLiteral("unrouted")), FlowEdgeKind::Alternate), 2);
    QCOMPARE(countOf(FlowGraph::exchangeId(QStringLiteral("unrouted")), FlowGraph::queueId(QStringLiteral("q-lost")),
                     FlowEdgeKind::Binding), 2);
    QCOMPARE(countOf(producer, FlowGraph::exchangeId(QStringLiteral("orders")), FlowEdgeKind::Publish), 6);
    QCOMPARE(countOf(FlowGraph::queueId(QStringLiteral("q-kern")), consumerNamed(QStringLiteral("worker 1"))->id,
                     FlowEdgeKind::Delivery), 10);
    const BrokerSnapshot snapshot = window.broker()->lastSnapshot();
    const FlowGraph &graph = scene->graph();
    QVERIFY(graph.edges().size() >= 11);
    for (const FlowEdge &e : graph.edges())
        QVERIFY2(e.count == snapshotCount(snapshot, graph, e),
                 qPrintable(QStringLiteral("%1 → %2: %3, snapshot %4").arg(e.from, e.to).arg(e.count)
                                .arg(snapshotCount(snapshot, graph, e))));
    const FlowNode *orders = graph.node(FlowGraph::queueId(QStringLiteral("q-orders")));
    QCOMPARE(orders->ready, 5);

    // Tokens: every message's hops are waiting on the stopped clock. Moving it a little puts
    // them in flight, spaced along their edges.
    FlowAnimator *animator = flow->animator();
    QVERIFY(animator->tokens().tokens().size() >= 20);
    clock.advance(FlowTokens::kHopMs + FlowTokens::kHopMs / 3);
    animator->frame();
    FlowTokenLayer *layer = scene->tokenLayer();
    QVERIFY(layer->visibleCount() > 5);
    flow->view()->zoomToFit();
    QCoreApplication::processEvents();
    QDir().mkpath(QStringLiteral(WARREN_SCREENSHOT_DIR));
    QVERIFY(window.grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/flow.png")));

    // Click a token on its way from logs to q-kern: the broker explains its route.
    const QString qKern = FlowGraph::queueId(QStringLiteral("q-kern"));
    const FlowEdgeItem *kern = scene->edgeItem(logs, qKern, FlowEdgeKind::Binding);
    animator->frame();
    QPointF tokenAt;
    for (const FlowToken &t : animator->tokens().tokens()) {
        const qreal progress = t.progress(clock.now());
        if (t.from == logs && t.to == qKern && progress > 0.2 && progress < 0.8)
            tokenAt = kern->path().pointAtPercent(progress);
    }
    QVERIFY(layer->tokenAt(tokenAt) != 0);
    QTest::mouseClick(flow->view()->viewport(), Qt::LeftButton, {}, flow->view()->mapFromScene(tokenAt));
    QLabel *summary = flow->explanation()->summary();
    QTRY_VERIFY2_WITH_TIMEOUT(summary->text().contains(QStringLiteral("topic binding kern.* matched kern.")),
                              qPrintable(summary->text()), 5000);
    QVERIFY2(summary->text().contains(QStringLiteral("published to 'logs' with key 'kern.")), qPrintable(summary->text()));
    QVERIFY(!flow->explanation()->view()->matchedLines().isEmpty());
    QVERIFY(window.grab().save(QStringLiteral(WARREN_SCREENSHOT_DIR "/flow-explained.png")));

    // The returned message, from its row in the log.
    const EventLogModel *log = flow->log();
    int returnedRow = -1;
    for (int row = 0; row < log->rowCount(); ++row) {
        if (log->eventAt(row).kind == observe::EventKind::Returned)
            returnedRow = row;
    }
    QVERIFY(returnedRow >= 0);
    QTableView *logView = flow->logView();
    logView->scrollTo(logView->model()->index(returnedRow, 0));
    const QRect rowRect = logView->visualRect(logView->model()->index(returnedRow, EventLogModel::WhatColumn));
    QTest::mouseClick(logView->viewport(), Qt::LeftButton, {}, rowRect.center());
    QTRY_VERIFY_WITH_TIMEOUT(summary->text().contains(QStringLiteral("no binding matched: returned to the publisher")),
                             5000);

    // Export: the SVG's text names the exchanges, queues and connections, with the counts.
    QTemporaryDir out;
    QVERIFY(flow->exportTo(out.filePath(QStringLiteral("graph"))));
    QFile svgFile(out.filePath(QStringLiteral("graph.svg")));
    QVERIFY(svgFile.open(QIODevice::ReadOnly));
    const QString svg = QString::fromUtf8(svgFile.readAll());
    for (const QString &name : {QStringLiteral("logs"), QStringLiteral("unrouted"), QStringLiteral("q-kern"),
                                QStringLiteral("q-orders"), QStringLiteral("producer P1"), QStringLiteral("worker 2"),
                                QStringLiteral("kern.*"), QStringLiteral(">15<"), QStringLiteral(">10<")})
        QVERIFY2(svg.contains(name), qPrintable(name));
    QVERIFY(QImage(out.filePath(QStringLiteral("graph.png"))).width() > 400);

    // Step mode from the keyboard: Space pauses the vhost, N steps, Space resumes. The vhost
    // steps its oldest ready message, so the queues nobody consumes are emptied first.
    for (const QString &q : {QStringLiteral("q-orders"), QStringLiteral("q-lost"), QStringLiteral("q-dead")}) {
        bool purged = false;
        window.broker()->call(&management::ManagementService::purgeQueue, &window,
                              std::function<void(const management::Outcome &)>(
                                  [&](const management::Outcome &) { purged = true; }),
                              QStringLiteral("/"), q);
        QTRY_VERIFY(purged);
    }
    QSignalSpy said(flow, &FlowPage::message);
    flow->view()->setFocus();
    QTest::keyClick(flow->view(), Qt::Key_Space);
    QTRY_VERIFY_WITH_TIMEOUT(window.stepBanner()->isVisible(), 5000);
    QCOMPARE(said.value(0).value(0).toString(),
             QStringLiteral("Deliveries paused in virtual host '/': Step (N) releases one message."));
    clients.write("again\n");
    QTRY_VERIFY_WITH_TIMEOUT(window.broker()->lastSnapshot().vhosts.value(0).ready > 5, 10000);
    QTest::keyClick(flow->view(), Qt::Key_N);
    QTRY_COMPARE_WITH_TIMEOUT(said.size(), 2, 5000);
    QVERIFY2(said.value(1).value(0).toString().startsWith(QStringLiteral("Released one message from 'q-")),
             qPrintable(said.value(1).value(0).toString()));
    QTest::keyClick(flow->view(), Qt::Key_Space);
    QTRY_VERIFY_WITH_TIMEOUT(clients.canReadLine(), 20000);
    QCOMPARE(clients.readLine().trimmed(), QByteArray("done 26 2"));
    QTRY_VERIFY_WITH_TIMEOUT(!window.stepBanner()->isVisible(), 5000);

    // Dragging a node moves its edges and is remembered.
    FlowNodeItem *node = scene->nodeItem(FlowGraph::queueId(QStringLiteral("q-orders")));
    const FlowEdgeItem *into = scene->edgeItem(FlowGraph::exchangeId(QStringLiteral("orders")), node->node().id,
                                               FlowEdgeKind::Binding);
    const QPointF endBefore = into->path().pointAtPercent(1);
    const QPoint from = flow->view()->mapFromScene(node->pos());
    QTest::mousePress(flow->view()->viewport(), Qt::LeftButton, {}, from);
    QMouseEvent move(QEvent::MouseMove, from + QPoint(0, 90), flow->view()->viewport()->mapToGlobal(from + QPoint(0, 90)),
                     Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(flow->view()->viewport(), &move);
    QTest::mouseRelease(flow->view()->viewport(), Qt::LeftButton, {}, from + QPoint(0, 90));
    QVERIFY(into->path().pointAtPercent(1).y() > endBefore.y() + 20);
    QCOMPARE(FlowPositions::load(QStringLiteral("/")).value(node->node().id), node->pos());

    // The virtual host selector lists the broker's vhosts; choosing one draws only its own.
    const auto manage = [&](auto method, auto... args) {
        bool done = false;
        window.broker()->call(method, &window,
                              std::function<void(const management::Outcome &)>(
                                  [&](const management::Outcome &outcome) { done = outcome.ok(); }),
                              args...);
        QTRY_VERIFY(done);
    };
    manage(&management::ManagementService::addVHost, QStringLiteral("shop"));
    management::QueueSpec shopQueue;
    shopQueue.vhost = QStringLiteral("shop");
    shopQueue.name = QStringLiteral("q-shop");
    manage(&management::ManagementService::declareQueue, shopQueue);
    auto *vhosts = flow->findChild<QComboBox *>(QStringLiteral("flowVHost"));
    QTRY_VERIFY_WITH_TIMEOUT(vhosts->findText(QStringLiteral("shop")) >= 0, 5000);
    QCOMPARE(vhosts->currentText(), QStringLiteral("/"));
    vhosts->setCurrentText(QStringLiteral("shop"));
    QTRY_VERIFY_WITH_TIMEOUT(scene->nodeItem(FlowGraph::queueId(QStringLiteral("q-shop"))), 5000);
    QVERIFY(!scene->nodeItem(FlowGraph::queueId(QStringLiteral("q-orders"))));
    vhosts->setCurrentText(QStringLiteral("/"));
    QVERIFY(scene->nodeItem(FlowGraph::queueId(QStringLiteral("q-orders"))));
    QVERIFY(!scene->nodeItem(FlowGraph::queueId(QStringLiteral("q-shop"))));

    // Another page: the tap goes off.
    QVERIFY(window.showPage(QStringLiteral("queues")));
    QVERIFY(!flow->isWatching());
    clients.closeWriteChannel();
    QVERIFY(clients.waitForFinished(10000));
    FlowPositions::forget(QStringLiteral("/"));
}

QTEST_MAIN(FlowTest)
#include "tst_flow.moc"
