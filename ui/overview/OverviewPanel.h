// The overview: the broker's message rates and queue totals over the last minutes, as two
// live charts (QtCharts), above a line of headline numbers.
#pragma once

#include "BrokerSnapshot.h"
#include "TrafficHistory.h"

#include <QWidget>

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

private:
    struct Chart {
        QChart *chart = nullptr;
        QDateTimeAxis *time = nullptr;
        QValueAxis *values = nullptr;
        QList<QLineSeries *> series;
    };
    Chart makeChart(const QString &title, const QStringList &seriesNames, const QString &unit);
    void redraw();
    static void rescale(Chart &chart, const QDateTime &start, const QDateTime &end);

    TrafficHistory history_;
    QLabel *headline_;
    Chart rates_;
    Chart queued_;
};

} // namespace warren::ui
