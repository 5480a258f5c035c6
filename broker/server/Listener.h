// Listens for AMQP connections on one address and hands each accepted descriptor to a
// SocketConnection. QTcpServer binds and listens (addresses, options, error texts); the
// accepting is Warren's, as the reading and writing are: after a failed accept (EMFILE)
// QTcpServer stops accepting, and its socket engine keeps reporting that first error for
// every later empty backlog. The AcceptGate decides when to accept.
#pragma once

#include "AcceptGate.h"
#include "ServerContext.h"

#include <QObject>
#include <QSocketNotifier>
#include <QTcpServer>

#include <memory>

namespace warren::server {

class Listener : public QObject {
    Q_OBJECT
public:
    Listener(ServerContext &context, AcceptGate &gate, QObject *parent = nullptr);
    ~Listener() override;

    bool listen(const QHostAddress &address, quint16 port);
    QString errorString() const { return socket_.errorString(); }
    quint16 serverPort() const { return socket_.serverPort(); }

    // For the gate: whether pending connections are taken.
    void setAccepting(bool on);

private:
    void acceptPending();

    ServerContext &context_;
    AcceptGate &gate_;
    QTcpServer socket_;
    std::unique_ptr<QSocketNotifier> readable_;   // goes before the socket it watches
};

} // namespace warren::server
