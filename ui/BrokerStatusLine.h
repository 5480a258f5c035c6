// The status bar's permanent fields: the broker's state and address, uptime, connections,
// queued messages and the current message rates. After a change of language, retranslate()
// says the broker's state again; the numbers follow with the next snapshot.
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
    void showRunning(const QStringList &listeningOn, const QStringList &tlsListeningOn);
    void showStopped();
    void showFailed(const QString &error);
    void showSnapshot(const BrokerSnapshot &snapshot, const TrafficHistory &history);
    // Says the broker's state again, in the current language.
    void retranslate();

    static QString formatUptime(qint64 seconds);

private:
    enum class State { Starting, Stopping, Running, Stopped, Failed };
    // `detail`: the addresses while running, the error after a failure.
    void setState(State state, const QString &detail = {});
    void say(const QString &text, const QString &color);

    QLabel *state_;
    QLabel *uptime_;
    QLabel *connections_;
    QLabel *queued_;
    QLabel *rates_;
    State current_ = State::Stopped;
    QString detail_;
    QString tlsDetail_;   // where AMQPS is served, while running with TLS
};

} // namespace warren::ui
