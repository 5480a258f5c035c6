// The overview: the broker's message rates, the rates of messages that left the usual path
// (returned, dropped, dead-lettered, expired) and the queue totals over the last minutes, as
// three live charts (QtCharts), under a line of headline numbers.
//
// Curves often coincide (one consumer acknowledging everything it is delivered: deliver =
// acknowledge), so no series may hide another: each chart draws its series from the widest,
// palest pen to the thinnest, dashed or dotted one, so a curve drawn over another still shows
// its neighbour's band around it; and each legend entry carries the series' current value.
#pragma once

#include "BrokerSnapshot.h"
#include "TrafficHistory.h"

#include <QPen>
#include <QWidget>

#include <functional>

class QChart;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace warren::ui {

class OverviewPanel : public QWidget {
    Q_OBJECT
public:
    explicit OverviewPanel(QWidget *parent = nullptr);

    void showSnapshot(const BrokerSnapshot &snapshot);
    // The broker restarted: the old curves no longer continue.
    void clearHistory();
    const TrafficHistory &history() const { return history_; }
    // Made anew in another language (MainWindow): goes on with the previous panel's curves.
    void continueFrom(const OverviewPanel &previous);

protected:
    void showEvent(QShowEvent *event) override;

private:
    // One curve: its name, how it is drawn and which number of a sample it follows.
    struct Line {
        QString name;
        QPen pen;
        std::function<double(const TrafficSample &)> value;
    };
    struct Chart {
        QChart *chart = nullptr;
        QDateTimeAxis *time = nullptr;
        QValueAxis *values = nullptr;
        QList<Line> lines;
        QList<QLineSeries *> series;
        QString unit;   // "%1/s" or "%1": how the legend writes a current value
    };
    Chart makeChart(const QString &objectName, const QString &title, const QList<Line> &lines,
                    const QString &axisTitle, const QString &valueFormat);
    void redraw();
    static void rescale(Chart &chart, const QDateTime &start, const QDateTime &end);

    TrafficHistory history_;
    QLabel *headline_;
    Chart rates_;
    Chart fates_;
    Chart queued_;
    bool stale_ = false;   // samples arrived while hidden: redrawn when shown
};

} // namespace warren::ui
