#include "OverviewPanel.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

namespace warren::ui {

namespace {
constexpr qint64 kMinimumSpanSeconds = 60;
}

OverviewPanel::OverviewPanel(QWidget *parent) : QWidget(parent), headline_(new QLabel)
{
    headline_->setObjectName(QStringLiteral("overviewHeadline"));
    headline_->setTextFormat(Qt::RichText);
    rates_ = makeChart(tr("Message rates"), {tr("Publish"), tr("Deliver"), tr("Acknowledge"), tr("Redeliver")},
                       tr("msg/s"));
    queued_ = makeChart(tr("Queued messages"), {tr("Ready"), tr("Unacknowledged")}, tr("messages"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(headline_);
    for (QChart *chart : {rates_.chart, queued_.chart}) {
        auto *view = new QChartView(chart);
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(180);
        layout->addWidget(view, 1);
    }
}

OverviewPanel::Chart OverviewPanel::makeChart(const QString &title, const QStringList &seriesNames,
                                              const QString &unit)
{
    Chart c;
    c.chart = new QChart;
    c.chart->setTitle(title);
    c.chart->legend()->setAlignment(Qt::AlignBottom);
    c.chart->setMargins(QMargins(4, 4, 4, 4));
    c.time = new QDateTimeAxis;
    c.time->setFormat(QStringLiteral("HH:mm:ss"));
    c.time->setTickCount(6);
    c.values = new QValueAxis;
    c.values->setTickCount(6);
    c.values->setLabelFormat(QStringLiteral("%.0f"));
    c.values->setTitleText(unit);
    c.chart->addAxis(c.time, Qt::AlignBottom);
    c.chart->addAxis(c.values, Qt::AlignLeft);
    for (const QString &name : seriesNames) {
        auto *series = new QLineSeries;
        series->setName(name);
        c.chart->addSeries(series);
        series->attachAxis(c.time);
        series->attachAxis(c.values);
        c.series.append(series);
    }
    return c;
}

void OverviewPanel::showSnapshot(const BrokerSnapshot &snapshot)
{
    history_.add(snapshot);
    const TrafficSample last = history_.samples().empty() ? TrafficSample{} : history_.samples().back();
    headline_->setText(tr("<b>%1</b> connections &nbsp; <b>%2</b> queues &nbsp; <b>%3</b> ready &nbsp; "
                          "<b>%4</b> unacknowledged &nbsp; <b>%5</b> msg/s in &nbsp; <b>%6</b> msg/s out")
                           .arg(snapshot.connections.size())
                           .arg(snapshot.queues.size())
                           .arg(snapshot.totalReady())
                           .arg(snapshot.totalUnacked())
                           .arg(last.rates.publish, 0, 'f', 0)
                           .arg(last.rates.deliver, 0, 'f', 0));
    redraw();
}

void OverviewPanel::clearHistory()
{
    history_.clear();
    redraw();
}

void OverviewPanel::redraw()
{
    // The charts are redrawn from the history a few times a second: replace() sets all
    // points at once, one repaint, instead of one per point.
    QList<QList<QPointF>> rates(4), queued(2);
    for (const TrafficSample &s : history_.samples()) {
        const double x = double(s.at.toMSecsSinceEpoch());
        const double rateValues[] = {s.rates.publish, s.rates.deliver, s.rates.ack, s.rates.redeliver};
        for (int i = 0; i < 4; ++i)
            rates[i].append(QPointF(x, rateValues[i]));
        queued[0].append(QPointF(x, double(s.ready)));
        queued[1].append(QPointF(x, double(s.unacked)));
    }
    for (int i = 0; i < rates_.series.size(); ++i)
        rates_.series[i]->replace(rates[i]);
    for (int i = 0; i < queued_.series.size(); ++i)
        queued_.series[i]->replace(queued[i]);
    // The time axis spans the history, at least a minute and at most what is kept: a freshly
    // started broker's curves grow from the left instead of being a sliver at the right.
    const auto &samples = history_.samples();
    const QDateTime last = samples.empty() ? QDateTime::currentDateTime() : samples.back().at;
    QDateTime start = samples.empty() ? last : samples.front().at;
    if (start.secsTo(last) >= kMinimumSpanSeconds)
        start = last.addSecs(-history_.keepSeconds()) > start ? last.addSecs(-history_.keepSeconds()) : start;
    const QDateTime end = std::max(last, start.addSecs(kMinimumSpanSeconds));
    rescale(rates_, start, end);
    rescale(queued_, start, end);
}

void OverviewPanel::rescale(Chart &chart, const QDateTime &start, const QDateTime &end)
{
    chart.time->setRange(start, end);
    double top = 0;
    for (const QLineSeries *series : std::as_const(chart.series)) {
        for (const QPointF &p : series->points())
            top = std::max(top, p.y());
    }
    // Round the scale up to a readable number so that it does not jitter with every sample.
    // 10, 20, 50, 100, 200, 500...: five ticks at round numbers.
    double nice = 10;
    for (int step = 0; nice < top * 1.1; ++step)
        nice *= step % 3 == 1 ? 2.5 : 2;
    chart.values->setRange(0, nice);
}

} // namespace warren::ui
