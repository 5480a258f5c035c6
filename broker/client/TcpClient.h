// One ClientConnection over a QTcpSocket, on the thread that creates it: reads feed the
// connection, its output is written after each event, a timer drives heartbeats, and a lost
// connection is reopened after a growing pause when reconnect is on. crash() and hang() are
// the simulator's failures: crash aborts the socket without connection.close (the broker
// sees the peer vanish and requeues), hang stops reading and heartbeating (the broker closes
// the connection after two missed heartbeat intervals).
#pragma once

#include "client/ClientConnection.h"

#include <QObject>
#include <QTimer>

#include <memory>

class QTcpSocket;

namespace warren::client {

class TcpClient : public QObject {
    Q_OBJECT
public:
    // `events` are the connection's callbacks; opened fires again after each reconnect
    // (channels must then be opened anew). The URL's user, password and virtual host
    // replace those of `options`. A connection that cannot be made, or is lost, is
    // reported through closed (reply code 0, byServer true).
    TcpClient(AmqpUrl url, ClientOptions options, ClientEvents events, QObject *parent = nullptr);
    ~TcpClient() override;

    void open();
    // connection.close and wait for close-ok (or the socket's end).
    void close();
    void crash();
    void hang();
    // Reopen after a lost connection, first after `initialMs`, doubling up to 5 s.
    void setReconnect(bool on, int initialMs = 200);

    // The current connection; a new one after each open() and reconnect.
    ClientConnection &connection();
    bool isOpen() const;

    // What calls on connection() queue is written at the end of the current event-loop
    // turn, in one write; flush() writes it now.
    void flush();

private:
    struct State;
    std::unique_ptr<State> d_;
};

} // namespace warren::client
