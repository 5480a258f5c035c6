// Listens for AMQP connections on one address and hands each accepted descriptor to a
// SocketConnection: a plain one, or, given a TLS configuration, one that starts with the
// server's TLS handshake (AMQPS). QTcpServer binds and listens (addresses, options, error
// texts); the accepting is Warren's, as the reading and writing are: after a failed accept
// (EMFILE) QTcpServer stops accepting, and its socket engine keeps reporting that first error
// for every later empty backlog. The AcceptGate decides when to accept, for both kinds.
#pragma once

#include "AcceptGate.h"
#include "ServerContext.h"
#include "TlsServerConfig.h"

#include <QObject>
#include <QSocketNotifier>
#include <QTcpServer>

#include <memory>
#include <optional>

namespace warren::server {

class SocketConnection;

class Listener : public QObject {
    Q_OBJECT
public:
    Listener(ServerContext &context, AcceptGate &gate, std::optional<TlsServerConfig> tls = std::nullopt,
             QObject *parent = nullptr);
    ~Listener() override;

    bool listen(const QHostAddress &address, quint16 port);
    QString errorString() const { return socket_.errorString(); }
    quint16 serverPort() const { return socket_.serverPort(); }

    // For the gate: whether pending connections are taken.
    void setAccepting(bool on);

private:
    void acceptPending();
    SocketConnection *carry(int descriptor);

    ServerContext &context_;
    AcceptGate &gate_;
    std::optional<TlsServerConfig> tls_;
    QTcpServer socket_;
    std::unique_ptr<QSocketNotifier> readable_;   // goes before the socket it watches
};

} // namespace warren::server
