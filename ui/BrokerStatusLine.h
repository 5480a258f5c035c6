// The status bar's permanent fields: the broker's state and address, uptime, connections,
// queued messages and the current message rates.
#pragma once

#include "BrokerSnapshot.h"
#include "overview/TrafficHistory.h"

#include <QObject>

class QLabel;
class QStatusBar;

namespace warren::ui {

class BrokerStatusLine : public QObject {
    Q_OBJECT
public:
    // Adds its labels to `bar`.
    explicit BrokerStatusLine(QStatusBar *bar);

    void showStarting();
    void showStopping();
    void showRunning(const QStringList &listeningOn);
    void showStopped();
    void showFailed(const QString &error);
    void showSnapshot(const BrokerSnapshot &snapshot, const TrafficHistory &history);

    static QString formatUptime(qint64 seconds);

private:
    void setState(const QString &text, const QString &color);

    QLabel *state_;
    QLabel *uptime_;
    QLabel *connections_;
    QLabel *queued_;
    QLabel *rates_;
};

} // namespace warren::ui
