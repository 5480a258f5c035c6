// The amqp:// URL of the broker this window runs, from where it listens ("127.0.0.1:5672",
// "[::1]:5672", "0.0.0.0:5672"): over IPv4 loopback when it listens there (or everywhere),
// else over IPv6 loopback; as guest, who may log in from loopback only.
#pragma once

#include <QString>
#include <QStringList>

namespace warren::ui {

// Empty when the broker listens nowhere.
QString localBrokerUrl(const QStringList &listeningOn);

} // namespace warren::ui
