// For tests of the broker's socket side over real loopback sockets, without threads: a
// context, an accept gate and a listener on a free 127.0.0.1 port, and a plain blocking
// client socket to it.
#pragma once

#include "server/AcceptGate.h"
#include "server/Listener.h"
#include "server/ServerContext.h"
#include "server/SocketConnection.h"

#include <QtTest>

#include <memory>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace warren::testing {

// A socket connected to 127.0.0.1:port (the kernel completes that without an accept),
// or -1.
inline int connectLoopback(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd >= 0 && ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0)
        return fd;
    if (fd >= 0)
        ::close(fd);
    return -1;
}

// Accepted connections are children of `owner`, which goes before the context they use.
struct LoopbackListener {
    explicit LoopbackListener(int maxConnections = 100, qint64 descriptorLimit = 1000)
        : gate(maxConnections, descriptorLimit),
          listener(new server::Listener(context, gate, std::nullopt, owner.get()))
    {
        QVERIFY(listener->listen(QHostAddress(QHostAddress::LocalHost), 0));
    }
    quint16 port() const { return listener->serverPort(); }
    QList<server::SocketConnection *> connections() const
    {
        return owner->findChildren<server::SocketConnection *>();
    }

    server::ServerContext context;
    server::AcceptGate gate;
    std::unique_ptr<QObject> owner = std::make_unique<QObject>();
    server::Listener *listener;
};

} // namespace warren::testing
