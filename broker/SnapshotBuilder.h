// Reads the broker's state into a BrokerSnapshot, on the broker thread. Kept apart from
// Broker so that what the explorer can see is one readable list of copies.
#pragma once

#include "BrokerSnapshot.h"

#include <QHostAddress>

namespace warren::server { class ServerContext; }

namespace warren {

// Everything but the listener fields (running, listeningOn, startedAt, dataDir), which
// only the Broker knows.
BrokerSnapshot snapshotOf(const server::ServerContext &context);

// "127.0.0.1:5672", "[::1]:5672".
QString formatHostPort(const QHostAddress &address, quint16 port);

} // namespace warren
