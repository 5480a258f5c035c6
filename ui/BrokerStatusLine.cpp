#include "BrokerStatusLine.h"

#include <QLabel>
#include <QStatusBar>

namespace warren::ui {

BrokerStatusLine::BrokerStatusLine(QStatusBar *bar)
    : QObject(bar), state_(new QLabel), uptime_(new QLabel), connections_(new QLabel), queued_(new QLabel),
      rates_(new QLabel)
{
    state_->setObjectName(QStringLiteral("brokerStatus"));
    connections_->setObjectName(QStringLiteral("statusConnections"));
    queued_->setObjectName(QStringLiteral("brokerTotals"));
    rates_->setObjectName(QStringLiteral("statusRates"));
    uptime_->setObjectName(QStringLiteral("statusUptime"));
    bar->addWidget(state_, 1);
    for (QLabel *label : {uptime_, connections_, queued_, rates_})
        bar->addPermanentWidget(label);
}

void BrokerStatusLine::showStarting() { setState(State::Starting); }

void BrokerStatusLine::showStopping() { setState(State::Stopping); }

void BrokerStatusLine::showRunning(const QStringList &listeningOn, const QStringList &tlsListeningOn)
{
    tlsDetail_ = tlsListeningOn.join(QStringLiteral(", "));
    setState(State::Running, listeningOn.join(QStringLiteral(", ")));
}

void BrokerStatusLine::showStopped()
{
    setState(State::Stopped);
    for (QLabel *label : {uptime_, connections_, queued_, rates_})
        label->clear();
}

void BrokerStatusLine::showFailed(const QString &error) { setState(State::Failed, error); }

void BrokerStatusLine::setState(State state, const QString &detail)
{
    current_ = state;
    detail_ = detail;
    retranslate();
}

void BrokerStatusLine::retranslate()
{
    const QString amber = QStringLiteral("#d9a400");
    switch (current_) {
    case State::Starting:
        return say(tr("Starting the broker…"), amber);
    case State::Stopping:
        return say(tr("Stopping the broker: clients are told it is shutting down…"), amber);
    case State::Running:
        return say(tlsDetail_.isEmpty() ? tr("Listening on %1").arg(detail_)
                                        : tr("Listening on %1; AMQPS (TLS) on %2").arg(detail_, tlsDetail_),
                   QStringLiteral("#1e8e3e"));
    case State::Stopped:
        return say(tr("Broker stopped"), QStringLiteral("#888888"));
    case State::Failed:
        return say(tr("The broker could not start: %1").arg(detail_), QStringLiteral("#b00020"));
    }
}

void BrokerStatusLine::say(const QString &text, const QString &color)
{
    state_->setText(QStringLiteral("<span style='color:%1'>●</span> %2").arg(color, text.toHtmlEscaped()));
}

void BrokerStatusLine::showSnapshot(const BrokerSnapshot &snapshot, const TrafficHistory &history)
{
    if (!snapshot.running)
        return;
    uptime_->setText(tr("Up %1").arg(formatUptime(snapshot.startedAt.secsTo(snapshot.takenAt))));
    connections_->setText(tr("%n connection(s)", nullptr, int(snapshot.connections.size())));
    queued_->setText(tr("%1 messages ready · %2 unacknowledged").arg(snapshot.totalReady()).arg(snapshot.totalUnacked()));
    const TrafficSample last = history.samples().empty() ? TrafficSample{} : history.samples().back();
    rates_->setText(tr("%1 msg/s in · %2 msg/s out").arg(last.rates.publish, 0, 'f', 0).arg(last.rates.deliver, 0, 'f', 0));
}

QString BrokerStatusLine::formatUptime(qint64 seconds)
{
    const qint64 days = seconds / 86400, hours = seconds / 3600 % 24, minutes = seconds / 60 % 60;
    if (days > 0)
        return tr("%1d %2h").arg(days).arg(hours);
    if (hours > 0)
        return tr("%1h %2m").arg(hours).arg(minutes);
    return tr("%1m %2s").arg(minutes).arg(seconds % 60);
}

} // namespace warren::ui
