#include "OverviewPanel.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QValueAxis>

#include <utility>
#include <QVBoxLayout>

#include <algorithm>

namespace warren::ui {

namespace {
constexpr qint64 kMinimumSpanSeconds = 60;

// The pens, from the bottom of the pile to the top: a wide pale band, a medium solid line,
// then thin dashed and dotted ones. Drawn over each other when the values are equal, every
// one of them still shows.
QPen band(const QColor &color)
{
    // Pale but opaque: a translucent wide pen darkens where its segments overlap.
    const QColor pale = QColor::fromRgbF(0.45f * color.redF() + 0.55f, 0.45f * color.greenF() + 0.55f,
                                         0.45f * color.blueF() + 0.55f);
    return QPen(pale, 8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
}

QPen solid(const QColor &color) { return QPen(color, 3.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin); }

QPen dashed(const QColor &color, Qt::PenStyle style) { return QPen(color, 2, style, Qt::FlatCap, Qt::RoundJoin); }

} // namespace

OverviewPanel::OverviewPanel(QWidget *parent) : QWidget(parent), headline_(new QLabel)
{
    headline_->setObjectName(QStringLiteral("overviewHeadline"));
    headline_->setTextFormat(Qt::RichText);
    const QString perSecond = tr("%1/s");
    rates_ = makeChart(QStringLiteral("ratesChart"), tr("Message rates"),
                       {{tr("Publish"), band(QColor(0x1f77b4)), [](const TrafficSample &s) { return s.rates.publish; }},
                        {tr("Deliver"), solid(QColor(0x2ca02c)), [](const TrafficSample &s) { return s.rates.deliver; }},
                        {tr("Acknowledge"), dashed(QColor(0xe8590c), Qt::DashLine),
                         [](const TrafficSample &s) { return s.rates.ack; }},
                        {tr("Redeliver"), dashed(QColor(0x6f42c1), Qt::DotLine),
                         [](const TrafficSample &s) { return s.rates.redeliver; }}},
                       tr("msg/s"), perSecond);
    // The words of the Virtual hosts page's "Not delivered" column.
    fates_ = makeChart(
        QStringLiteral("fatesChart"), tr("Returned, unroutable, dead-lettered, expired, overflowed"),
        {{tr("Returned"), band(QColor(0xd62728)), [](const TrafficSample &s) { return s.fates.returned; }},
         {tr("Unroutable"), solid(QColor(0x8c564b)), [](const TrafficSample &s) { return s.fates.unroutable; }},
         {tr("Dead-lettered"), dashed(QColor(0x6f42c1), Qt::DashLine),
          [](const TrafficSample &s) { return s.fates.deadLettered; }},
         {tr("Expired"), dashed(QColor(0xd63384), Qt::DotLine), [](const TrafficSample &s) { return s.fates.expired; }},
         {tr("Overflowed"), dashed(QColor(0x0b7285), Qt::DashDotLine),
          [](const TrafficSample &s) { return s.fates.overflowDropped; }}},
        tr("msg/s"), perSecond);
    // Five entries with their values do not fit in a row under a half-width chart.
    fates_.chart->legend()->setAlignment(Qt::AlignRight);
    queued_ = makeChart(QStringLiteral("queuedChart"), tr("Queued messages"),
                        {{tr("Ready"), band(QColor(0x1f77b4)), [](const TrafficSample &s) { return double(s.ready); }},
                         {tr("Unacknowledged"), dashed(QColor(0x2b8a3e), Qt::DashLine),
                          [](const TrafficSample &s) { return double(s.unacked); }}},
                        tr("messages"), QStringLiteral("%1"));
    fates_.chart->setToolTip(
        tr("Messages that did not simply go from a publisher to a consumer, per second. Returned: no queue "
           "matched and the publisher asked (mandatory) to get it back. Unroutable: no queue matched, dropped "
           "without a word. Dead-lettered: republished to a dead-letter exchange. Expired: its time-to-live "
           "passed in a queue. Overflowed: a full queue dropped or refused it."));

    const auto view = [](QChart *chart) {
        auto *v = new QChartView(chart);
        v->setObjectName(chart->objectName());
        v->setRenderHint(QPainter::Antialiasing);
        v->setMinimumHeight(180);
        return v;
    };
    // Message rates across the top, what went elsewhere and what waits side by side below.
    auto *below = new QHBoxLayout;
    below->addWidget(view(fates_.chart), 3);
    below->addWidget(view(queued_.chart), 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(headline_);
    layout->addWidget(view(rates_.chart), 1);
    layout->addLayout(below, 1);
}

OverviewPanel::Chart OverviewPanel::makeChart(const QString &objectName, const QString &title,
                                              const QList<Line> &lines, const QString &axisTitle,
                                              const QString &valueFormat)
{
    Chart c;
    c.chart = new QChart;
    c.chart->setObjectName(objectName);
    c.chart->setTitle(title);
    c.chart->legend()->setAlignment(Qt::AlignBottom);
    // The legend shows each line as it is drawn (width, dashes), not just its colour.
    c.chart->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    c.chart->setMargins(QMargins(4, 4, 4, 4));
    c.time = new QDateTimeAxis;
    c.time->setFormat(QStringLiteral("HH:mm:ss"));
    c.time->setTickCount(6);
    c.values = new QValueAxis;
    c.values->setTickCount(6);
    c.values->setLabelFormat(QStringLiteral("%.0f"));
    c.values->setTitleText(axisTitle);
    c.chart->addAxis(c.time, Qt::AlignBottom);
    c.chart->addAxis(c.values, Qt::AlignLeft);
    c.lines = lines;
    c.unit = valueFormat;
    // Added in order: the later a series is added, the higher it is drawn.
    for (const Line &line : lines) {
        auto *series = new QLineSeries;
        series->setName(line.name);
        series->setPen(line.pen);
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
    // Eleven curves and their legends cost the GUI thread milliseconds: drawn only on screen.
    if (isVisible())
        redraw();
    else
        stale_ = true;
}

void OverviewPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (std::exchange(stale_, false))
        redraw();
}

void OverviewPanel::continueFrom(const OverviewPanel &previous)
{
    history_ = previous.history_;
    stale_ = true;   // drawn when shown
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
    const auto &samples = history_.samples();
    for (Chart *chart : {&rates_, &fates_, &queued_}) {
        for (qsizetype i = 0; i < chart->lines.size(); ++i) {
            const Line &line = chart->lines[i];
            QList<QPointF> points;
            points.reserve(qsizetype(samples.size()));
            for (const TrafficSample &s : samples)
                points.append(QPointF(double(s.at.toMSecsSinceEpoch()), line.value(s)));
            chart->series[i]->replace(points);
            // "Deliver 136/s": the value reads from the legend even where curves coincide.
            const double now = samples.empty() ? 0.0 : line.value(samples.back());
            const QString value = chart->unit.arg(QLocale().toString(now, 'f', now > 0 && now < 10 ? 1 : 0));
            chart->series[i]->setName(QStringLiteral("%1 %2").arg(line.name, value));
        }
    }
    // The time axis spans the history, at least a minute and at most what is kept: a freshly
    // started broker's curves grow from the left instead of being a sliver at the right.
    const QDateTime last = samples.empty() ? QDateTime::currentDateTime() : samples.back().at;
    QDateTime start = samples.empty() ? last : samples.front().at;
    if (start.secsTo(last) >= kMinimumSpanSeconds)
        start = last.addSecs(-history_.keepSeconds()) > start ? last.addSecs(-history_.keepSeconds()) : start;
    const QDateTime end = std::max(last, start.addSecs(kMinimumSpanSeconds));
    for (Chart *chart : {&rates_, &fates_, &queued_})
        rescale(*chart, start, end);
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
