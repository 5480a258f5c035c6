// Accepts AMQP connections on one address and hands each socket descriptor to a
// SocketConnection; QTcpServer does the listening, Warren does the reading and writing.
#pragma once

#include "ServerContext.h"

#include <QTcpServer>

namespace warren::server {

class Listener : public QTcpServer {
    Q_OBJECT
public:
    Listener(ServerContext &context, QObject *parent = nullptr) : QTcpServer(parent), context_(context) {}

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    ServerContext &context_;
};

} // namespace warren::server
