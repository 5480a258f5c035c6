// The explorer's table models over a sequence of snapshots, without a broker:
// - every entity model passes QAbstractItemModelTester while rows are added, changed and
//   removed; only changed rows are announced, removals remove, nothing resets the model;
// - a view's selection stays on the same queue while rows move, come and go;
// - counts sort as numbers (9 < 10 < 100);
// - RateTracker turns running totals of two snapshots 2 s apart into per-second rates and
//   forgets keys that vanished; the rate columns show them;
// - cells read like RabbitMQ's: "(AMQP default)", "D AD I", queue type and features, sizes;
// - what the issue 9 snapshot adds: connection names (Name column; channels and consumers
//   named by them, peer in the tooltip), "Published to" tallies, consumer totals, the
//   queue State and virtual host Deliveries/Firehose/fate columns;
// - TrafficHistory's fate rates (returned, unroutable, dead-lettered, expired, overflow);
// - the overview draws no two series of a chart with the same pen, the widest first, so
//   a series that coincides with another still shows.
#include "models/EntityModels.h"
#include "models/RateTracker.h"
#include "overview/OverviewPanel.h"
#include "overview/TrafficHistory.h"

#include <QChartView>
#include <QLineSeries>
#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QtTest>

#include <functional>
#include <memory>
#include "TestSupport.h"

using namespace warren;
using namespace warren::ui;

using warren::test::columnOf;

namespace {

const QDateTime T0 = QDateTime::fromSecsSinceEpoch(1'700'000'000);

// Every kind of row for each id: its counts are `id`, or 100 for the one that `changed`.
BrokerSnapshot world(const QList<int> &ids, int changed = 0, const QDateTime &at = T0)
{
    BrokerSnapshot s;
    s.takenAt = at;
    for (int id : ids) {
        const qint64 n = id == changed ? 100 : id;
        const QString i = QString::number(id);
        s.connections.append(ConnectionSnapshot{quint64(id), QStringLiteral("127.0.0.1:4000") + i, QStringLiteral("guest"),
                                                QStringLiteral("/"), {}, {}, {}, n});
        s.channels.append(ChannelSnapshot{quint64(id), 1, QStringLiteral("127.0.0.1:4000") + i, QStringLiteral("guest"),
                                          QStringLiteral("/"), 0, 0, n});
        s.consumers.append(ConsumerSnapshot{QStringLiteral("/"), QStringLiteral("q") + i, QStringLiteral("ctag-") + i,
                                            quint64(id), 1, {}, true, false, 0, 0, n});
        s.exchanges.append(ExchangeSnapshot{QStringLiteral("/"), QStringLiteral("x") + i, QStringLiteral("direct"), true,
                                            false, false, n});
        s.queues.append(QueueSnapshot{QStringLiteral("/"), QStringLiteral("q") + i, true, false, false, n});
        s.bindings.append(BindingSnapshot{QStringLiteral("/"), QStringLiteral("x"), QStringLiteral("q") + i, false,
                                          QStringLiteral("key") + QString::number(n)});
        s.vhosts.append(VHostSnapshot{QStringLiteral("v") + i, 0, n});
        s.users.append(UserSnapshot{QStringLiteral("u") + i, {QStringLiteral("tag") + QString::number(n)}, {}});
    }
    return s;
}

struct Entity {
    const char *name;
    std::function<SnapshotTableModel *(QObject *)> make;
};

const QList<Entity> &entities()
{
    static const QList<Entity> all{
        {"connections", &EntityModels::connections}, {"channels", &EntityModels::channels},
        {"consumers", &EntityModels::consumers},     {"exchanges", &EntityModels::exchanges},
        {"queues", &EntityModels::queues},           {"bindings", &EntityModels::bindings},
        {"vhosts", &EntityModels::vhosts},           {"users", &EntityModels::users},
    };
    return all;
}

QString cell(const QAbstractItemModel &model, int row, const QString &title)
{
    return model.index(row, columnOf(model, title)).data().toString();
}

// How many rows the dataChanged signals in `spy` covered.
int rowsAnnounced(const QSignalSpy &spy)
{
    int rows = 0;
    for (const QList<QVariant> &args : spy)
        rows += args.at(1).toModelIndex().row() - args.at(0).toModelIndex().row() + 1;
    return rows;
}

} // namespace

class SnapshotModelsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void entityModelsFollowSnapshots_data();
    void entityModelsFollowSnapshots();
    void selectionStaysOnTheSameRow();
    void countsSortAsNumbers();
    void rateTrackerGivesPerSecondRates();
    void trafficHistoryKeepsRecentSamples();
    void rateColumnsShowRates();
    void cellsReadLikeRabbitMQ();
    void namesTalliesAndTotals();
    void stepModeAndFirehoseColumns();
    void trafficHistoryRatesFates();
    void overviewSeriesStayVisible();
};

void SnapshotModelsTest::entityModelsFollowSnapshots_data()
{
    QTest::addColumn<int>("entity");
    QTest::addColumn<int>("changedRows");   // when one row's counts change
    for (int i = 0; i < entities().size(); ++i) {
        // A binding is all identity: a "changed" binding is another binding.
        const bool bindings = qstrcmp(entities()[i].name, "bindings") == 0;
        QTest::newRow(entities()[i].name) << i << (bindings ? 0 : 1);
    }
}

void SnapshotModelsTest::entityModelsFollowSnapshots()
{
    QFETCH(int, entity);
    QFETCH(int, changedRows);
    std::unique_ptr<SnapshotTableModel> model(entities()[entity].make(nullptr));
    QAbstractItemModelTester tester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy layouts(model.get(), &QAbstractItemModel::layoutChanged);
    QSignalSpy changed(model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(model.get(), &QAbstractItemModel::rowsRemoved);

    model->showSnapshot(world({1, 2, 3}));
    QCOMPARE(model->rowCount(), 3);
    const RowKey second = model->keyAt(1);

    model->showSnapshot(world({1, 2, 3}));   // the same again: nothing to say
    QCOMPARE(changed.size(), 0);

    inserted.clear();
    model->showSnapshot(world({1, 2, 3, 4}, 2));
    QCOMPARE(model->rowCount(), 4);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(rowsAnnounced(changed), changedRows);
    if (changedRows)
        QCOMPARE(model->rowOf(second), 1);   // changed in place

    model->showSnapshot(world({1, 3, 4}));
    QCOMPARE(model->rowOf(second), -1);
    QCOMPARE(model->rowCount(), 3);
    QVERIFY(removed.size() >= 1);

    model->showSnapshot(world({}));
    QCOMPARE(model->rowCount(), 0);
    model->showSnapshot(world({5, 6}));
    QCOMPARE(model->rowCount(), 2);
    model->showSnapshot(world({5, 6, 7, 8}));
    removed.clear();
    model->showSnapshot(world({5, 7}));   // rows apart: one removal each
    QCOMPARE(removed.size(), 2);
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(layouts.size(), 0);
}

void SnapshotModelsTest::selectionStaysOnTheSameRow()
{
    SnapshotModel<QueueSnapshot> *model = EntityModels::queues(this);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(model);
    proxy.setSortRole(SnapshotTableModel::SortRole);
    QTableView view;
    view.setModel(&proxy);
    view.setSelectionBehavior(QAbstractItemView::SelectRows);
    view.setSortingEnabled(true);
    view.sortByColumn(columnOf(*model, QStringLiteral("Ready")), Qt::DescendingOrder);
    const auto selectedName = [&] {
        const QModelIndexList rows = view.selectionModel()->selectedRows(columnOf(*model, QStringLiteral("Name")));
        return rows.size() == 1 ? rows.first().data().toString() : QString();
    };

    model->showSnapshot(world({1, 2, 3}));
    view.selectRow(proxy.mapFromSource(model->index(model->rowOf({QStringLiteral("/"), QStringLiteral("q2")}), 0)).row());
    QCOMPARE(selectedName(), QStringLiteral("q2"));
    QCOMPARE(view.selectionModel()->selectedRows().first().row(), 1);

    model->showSnapshot(world({1, 2, 3}, 2));   // q2 now has the most: it moves to the top
    QCOMPARE(selectedName(), QStringLiteral("q2"));
    QCOMPARE(view.selectionModel()->selectedRows().first().row(), 0);
    model->showSnapshot(world({2, 3, 4}));      // q1 goes, q4 comes
    QCOMPARE(selectedName(), QStringLiteral("q2"));
    QCOMPARE(view.selectionModel()->selectedRows().first().row(), 2);
    model->showSnapshot(world({3, 4}));         // q2 goes: nothing selected
    QCOMPARE(selectedName(), QString());
}

void SnapshotModelsTest::countsSortAsNumbers()
{
    SnapshotModel<QueueSnapshot> *model = EntityModels::queues(this);
    QList<QueueSnapshot> queues;
    for (qint64 ready : {9, 100, 2, 10})
        queues.append(QueueSnapshot{QStringLiteral("/"), QStringLiteral("q%1").arg(ready), false, false, false, ready});
    model->setRows(queues);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(model);
    proxy.setSortRole(SnapshotTableModel::SortRole);
    const int ready = columnOf(*model, QStringLiteral("Ready"));
    proxy.sort(ready, Qt::AscendingOrder);
    QList<qint64> order;
    for (int row = 0; row < proxy.rowCount(); ++row)
        order.append(proxy.index(row, ready).data().toLongLong());
    QCOMPARE(order, (QList<qint64>{2, 9, 10, 100}));

    // Sizes too: "900 bytes" sorts below "1.0 KiB" because the sort value is the number.
    QList<QueueSnapshot> sized = queues;
    sized[0].readyBytes = 1024;
    sized[1].readyBytes = 900;
    model->setRows(sized);
    const int bytes = columnOf(*model, QStringLiteral("Bytes"));
    proxy.sort(bytes, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, bytes).data().toString(), QStringLiteral("1.0 KiB"));
    QCOMPARE(proxy.index(1, bytes).data().toString(), QStringLiteral("900 bytes"));
}

void SnapshotModelsTest::rateTrackerGivesPerSecondRates()
{
    const RowKey orders{QStringLiteral("/"), QStringLiteral("orders")};
    const RowKey emails{QStringLiteral("/"), QStringLiteral("emails")};
    RateTracker tracker;
    tracker.update(T0, {{orders, TrafficTotals{10, 4, 0, 2}}});
    QCOMPARE(tracker.rates(orders).publish, 0.0);   // one snapshot: no rate yet

    tracker.update(T0.addSecs(2), {{orders, TrafficTotals{30, 10, 1, 6}}, {emails, TrafficTotals{50, 0, 0, 0}}});
    const Rates r = tracker.rates(orders);
    QCOMPARE(r.publish, 10.0);
    QCOMPARE(r.deliver, 3.0);
    QCOMPARE(r.redeliver, 0.5);
    QCOMPARE(r.ack, 2.0);
    QCOMPARE(tracker.rates(emails).publish, 0.0);   // new: no rate yet

    tracker.update(T0.addSecs(2), {{orders, TrafficTotals{30, 10, 1, 6}}, {emails, TrafficTotals{50, 0, 0, 0}}});
    QCOMPARE(tracker.rates(orders).publish, 10.0);   // the same snapshot again changes nothing

    tracker.update(T0.addSecs(3), {{emails, TrafficTotals{40, 0, 0, 0}}});
    QCOMPARE(tracker.size(), 1);                     // orders vanished
    QCOMPARE(tracker.rates(orders).publish, 0.0);
    QCOMPARE(tracker.rates(emails).publish, 0.0);    // totals went back (a restart): no rate
}

void SnapshotModelsTest::trafficHistoryKeepsRecentSamples()
{
    TrafficHistory history(60);
    const auto snapshot = [](int second, TrafficTotals traffic, qint64 ready) {
        BrokerSnapshot s;
        s.takenAt = T0.addSecs(second);
        s.traffic = traffic;
        s.queues = {QueueSnapshot{QStringLiteral("/"), QStringLiteral("q"), false, false, false, ready}};
        return s;
    };
    QVERIFY(!history.add(snapshot(0, {100, 0, 0, 0}, 5)));   // nothing to compare with yet
    QVERIFY(history.add(snapshot(2, {300, 40, 0, 20}, 7)));
    QCOMPARE(history.samples().size(), size_t(1));
    QCOMPARE(history.samples().back().rates.publish, 100.0);
    QCOMPARE(history.samples().back().rates.ack, 10.0);
    QCOMPARE(history.samples().back().ready, 7);
    QVERIFY(history.add(snapshot(70, {300, 40, 0, 20}, 0)));
    QCOMPARE(history.samples().size(), size_t(1));           // the one at 2 s is over a minute old
    QCOMPARE(history.samples().back().rates.publish, 0.0);
    history.clear();
    QVERIFY(!history.add(snapshot(71, {0, 0, 0, 0}, 0)));    // a restarted broker starts over
}

void SnapshotModelsTest::rateColumnsShowRates()
{
    SnapshotModel<QueueSnapshot> *model = EntityModels::queues(this);
    BrokerSnapshot first = world({1});
    first.queues[0].traffic = TrafficTotals{100, 50, 0, 50};
    BrokerSnapshot second = world({1}, 0, T0.addSecs(2));
    second.queues[0].traffic = TrafficTotals{150, 70, 0, 58};
    model->showSnapshot(first);
    QCOMPARE(cell(*model, 0, QStringLiteral("Incoming")), QStringLiteral("0.0/s"));
    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    model->showSnapshot(second);
    QCOMPARE(changed.size(), 1);   // only the rates changed, and that is a change
    QCOMPARE(cell(*model, 0, QStringLiteral("Incoming")), QStringLiteral("25.0/s"));
    QCOMPARE(cell(*model, 0, QStringLiteral("Deliver")), QStringLiteral("10.0/s"));
    QCOMPARE(cell(*model, 0, QStringLiteral("Ack")), QStringLiteral("4.0/s"));
    const int incoming = columnOf(*model, QStringLiteral("Incoming"));
    QCOMPARE(model->index(0, incoming).data(SnapshotTableModel::SortRole).toDouble(), 25.0);

    SnapshotModel<ExchangeSnapshot> *exchanges = EntityModels::exchanges(this);
    BrokerSnapshot x = world({1});
    x.exchanges[0].publishedIn = 10;
    exchanges->showSnapshot(x);
    x.takenAt = T0.addSecs(2);
    x.exchanges[0].publishedIn = 16;
    exchanges->showSnapshot(x);
    QCOMPARE(cell(*exchanges, 0, QStringLiteral("Publish in")), QStringLiteral("3.0/s"));
}

void SnapshotModelsTest::cellsReadLikeRabbitMQ()
{
    SnapshotModel<ExchangeSnapshot> *exchanges = EntityModels::exchanges(this);
    exchanges->setRows({ExchangeSnapshot{QStringLiteral("/"), QString(), QStringLiteral("direct"), true, true, true}});
    QCOMPARE(cell(*exchanges, 0, QStringLiteral("Name")), QStringLiteral("(AMQP default)"));
    QCOMPARE(cell(*exchanges, 0, QStringLiteral("Features")), QStringLiteral("D AD I"));
    const QModelIndex features = exchanges->index(0, columnOf(*exchanges, QStringLiteral("Features")));
    QVERIFY(features.data(Qt::ToolTipRole).toString().contains(QStringLiteral("AD: auto-delete")));

    SnapshotModel<QueueSnapshot> *queues = EntityModels::queues(this);
    QueueSnapshot quorum{QStringLiteral("/"), QStringLiteral("jobs"), true, true, false, 3, 2, 1536};
    quorum.arguments = amqp::FieldTable{{"x-queue-type", amqp::FieldValue::string("quorum")},
                                        {"x-message-ttl", amqp::FieldValue::integer(60000)},
                                        {"x-custom", amqp::FieldValue::integer(1)},
                                        {"x-other", amqp::FieldValue::integer(2)}};
    queues->setRows({quorum, QueueSnapshot{QStringLiteral("/"), QStringLiteral("plain")}});
    const int jobs = queues->rowOf({QStringLiteral("/"), QStringLiteral("jobs")});
    QCOMPARE(cell(*queues, jobs, QStringLiteral("Type")), QStringLiteral("quorum"));
    QCOMPARE(cell(*queues, 1 - jobs, QStringLiteral("Type")), QStringLiteral("classic"));
    QCOMPARE(cell(*queues, jobs, QStringLiteral("Features")), QStringLiteral("D Excl TTL Args"));
    const QString tip =
        queues->index(jobs, columnOf(*queues, QStringLiteral("Features"))).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("x-message-ttl = 60000")), qPrintable(tip));
    QCOMPARE(cell(*queues, jobs, QStringLiteral("Total")), QStringLiteral("5"));
    QCOMPARE(cell(*queues, jobs, QStringLiteral("Bytes")), QStringLiteral("1.5 KiB"));
    QCOMPARE(queues->rowAt(jobs)->name, QStringLiteral("jobs"));
    QCOMPARE(queues->index(jobs, 0).data(Qt::TextAlignmentRole).value<Qt::Alignment>(), Qt::AlignLeft | Qt::AlignVCenter);
    QCOMPARE(queues->index(jobs, columnOf(*queues, QStringLiteral("Ready"))).data(Qt::TextAlignmentRole).value<Qt::Alignment>(),
             Qt::AlignRight | Qt::AlignVCenter);

    SnapshotModel<ConsumerSnapshot> *consumers = EntityModels::consumers(this);
    consumers->setRows({ConsumerSnapshot{QStringLiteral("/"), QStringLiteral("jobs"), QStringLiteral("c1"), 1, 1, {}, true, false}});
    QCOMPARE(cell(*consumers, 0, QStringLiteral("Ack required")), QStringLiteral("\u25CF"));
    QCOMPARE(cell(*consumers, 0, QStringLiteral("Exclusive")), QStringLiteral("\u25CB"));
}

void SnapshotModelsTest::namesTalliesAndTotals()
{
    SnapshotModel<ConnectionSnapshot> *connections = EntityModels::connections(this);
    ConnectionSnapshot named;
    named.id = 1;
    named.peer = QStringLiteral("127.0.0.1:5000");
    named.name = QStringLiteral("producer P1");
    ConnectionSnapshot anonymous;
    anonymous.id = 2;
    anonymous.peer = QStringLiteral("127.0.0.1:5001");
    connections->setRows({named, anonymous});
    QCOMPARE(connections->headerData(0, Qt::Horizontal).toString(), QStringLiteral("Name"));
    QCOMPARE(cell(*connections, 0, QStringLiteral("Name")), QStringLiteral("producer P1"));
    QCOMPARE(cell(*connections, 1, QStringLiteral("Name")), QString());
    QCOMPARE(cell(*connections, 1, QStringLiteral("Peer")), QStringLiteral("127.0.0.1:5001"));

    SnapshotModel<ChannelSnapshot> *channels = EntityModels::channels(this);
    ChannelSnapshot channel;
    channel.connectionId = 1;
    channel.number = 1;
    channel.connectionPeer = named.peer;
    channel.connectionName = named.name;
    channel.publishedTo = {ExchangePublishes{QStringLiteral("logs"), 12}, ExchangePublishes{QStringLiteral("amq.topic"), 3},
                           ExchangePublishes{QString(), 1}};
    channels->setRows({channel});
    QCOMPARE(cell(*channels, 0, QStringLiteral("Connection")), QStringLiteral("producer P1"));
    QCOMPARE(channels->index(0, 0).data(Qt::ToolTipRole).toString(), QStringLiteral("127.0.0.1:5000"));
    const QModelIndex publishedTo = channels->index(0, columnOf(*channels, QStringLiteral("Published to")));
    QCOMPARE(publishedTo.data().toString(), QStringLiteral("logs: 12, amq.topic: 3, (AMQP default): 1"));
    QCOMPARE(publishedTo.data(Qt::ToolTipRole).toString(),
             QStringLiteral("logs: 12\namq.topic: 3\n(AMQP default): 1"));

    SnapshotModel<ConsumerSnapshot> *consumers = EntityModels::consumers(this);
    ConsumerSnapshot consumer{QStringLiteral("/"), QStringLiteral("tasks"), QStringLiteral("c1"), 1, 1,
                              named.peer};
    consumer.connectionName = named.name;
    consumer.traffic = TrafficTotals{0, 10, 2, 9};
    consumers->setRows({consumer});
    QCOMPARE(cell(*consumers, 0, QStringLiteral("Connection")), QStringLiteral("producer P1"));
    QCOMPARE(cell(*consumers, 0, QStringLiteral("Delivered")), QStringLiteral("10"));
    QCOMPARE(cell(*consumers, 0, QStringLiteral("Redelivered")), QStringLiteral("2"));
    QCOMPARE(cell(*consumers, 0, QStringLiteral("Acked")), QStringLiteral("9"));
}

void SnapshotModelsTest::stepModeAndFirehoseColumns()
{
    SnapshotModel<QueueSnapshot> *queues = EntityModels::queues(this);
    QueueSnapshot paused{QStringLiteral("/"), QStringLiteral("held")};
    paused.paused = true;
    queues->setRows({paused, QueueSnapshot{QStringLiteral("/"), QStringLiteral("free")}});
    const int held = queues->rowOf({QStringLiteral("/"), QStringLiteral("held")});
    QCOMPARE(cell(*queues, held, QStringLiteral("State")), QStringLiteral("paused"));
    QCOMPARE(cell(*queues, 1 - held, QStringLiteral("State")), QStringLiteral("running"));
    const QString tip = queues->index(held, columnOf(*queues, QStringLiteral("State"))).data(Qt::ToolTipRole).toString();
    for (const char *said : {"publishing continues", "TTLs keep running", "basic.get still answers"})
        QVERIFY2(tip.contains(QLatin1String(said)), qPrintable(tip));

    SnapshotModel<VHostSnapshot> *vhosts = EntityModels::vhosts(this);
    VHostSnapshot v{QStringLiteral("/")};
    v.paused = true;
    v.firehose = true;
    v.fates = FateTotals{1, 2, 3, 4, 5};
    vhosts->setRows({v});
    QCOMPARE(cell(*vhosts, 0, QStringLiteral("Deliveries")), QStringLiteral("paused"));
    QCOMPARE(cell(*vhosts, 0, QStringLiteral("Firehose")), QStringLiteral("\u25CF"));
    QCOMPARE(cell(*vhosts, 0, QStringLiteral("Not delivered")),
             QStringLiteral("1 returned, 2 unroutable, 3 dead-lettered, 4 expired, 5 overflowed"));
    const QString fatesTip =
        vhosts->index(0, columnOf(*vhosts, QStringLiteral("Not delivered"))).data(Qt::ToolTipRole).toString();
    QVERIFY2(fatesTip.contains(QStringLiteral("2 unroutable: no queue matched")), qPrintable(fatesTip));
    v.fates = FateTotals{0, 3, 0, 0, 0};
    vhosts->setRows({v});
    QCOMPARE(cell(*vhosts, 0, QStringLiteral("Not delivered")), QStringLiteral("3 unroutable"));
    QVERIFY(vhosts->headerData(columnOf(*vhosts, QStringLiteral("Firehose")), Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("trace_on")));
    QVERIFY(EntityModels::queueFeatureLegend().contains(QStringLiteral("<b>DLX</b>")));
}

void SnapshotModelsTest::trafficHistoryRatesFates()
{
    TrafficHistory history(60);
    const auto snapshot = [](int second, FateTotals fates) {
        BrokerSnapshot s;
        s.takenAt = T0.addSecs(second);
        s.fates = fates;
        return s;
    };
    QVERIFY(!history.add(snapshot(0, {10, 10, 10, 10, 10})));
    QVERIFY(history.add(snapshot(2, {12, 14, 16, 18, 30})));
    const FateRates r = history.samples().back().fates;
    QCOMPARE(r.returned, 1.0);
    QCOMPARE(r.unroutable, 2.0);
    QCOMPARE(r.deadLettered, 3.0);
    QCOMPARE(r.expired, 4.0);
    QCOMPARE(r.overflowDropped, 10.0);
    QVERIFY(history.add(snapshot(3, {0, 0, 0, 0, 0})));   // totals went back: no negative rate
    QCOMPARE(history.samples().back().fates.returned, 0.0);
}

// Equal rates draw equal curves; the pens differ so that each one still shows.
void SnapshotModelsTest::overviewSeriesStayVisible()
{
    OverviewPanel overview;
    const QList<QChartView *> views = overview.findChildren<QChartView *>();
    QCOMPARE(views.size(), 3);
    int series = 0;
    for (const QChartView *view : views) {
        const QList<QAbstractSeries *> all = view->chart()->series();
        QVERIFY(all.size() >= 2);
        for (qsizetype i = 0; i < all.size(); ++i) {
            const QPen pen = qobject_cast<QLineSeries *>(all[i])->pen();
            for (qsizetype j = 0; j < i; ++j) {
                const QPen under = qobject_cast<QLineSeries *>(all[j])->pen();
                // Drawn later (on top): no wider than what it covers, and not the same stroke.
                QVERIFY(pen.widthF() <= under.widthF());
                QVERIFY(pen.widthF() != under.widthF() || pen.style() != under.style());
            }
            ++series;
        }
    }
    QCOMPARE(series, 4 + 5 + 2);   // rates, fates, queued
}

QTEST_MAIN(SnapshotModelsTest)
#include "tst_snapshotmodels.moc"
