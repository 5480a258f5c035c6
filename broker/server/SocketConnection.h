// Carries one Connection over a TCP socket. It works on the descriptor directly with
// QSocketNotifier, read() and writev() instead of QTcpSocket: no extra copy through Qt's
// socket buffers, shared message bodies written straight from the OutputBuffer, and one
// writev per event-loop turn for everything a turn produced.
#pragma once

#include "Connection.h"
#include "ConnectionTransport.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSocketNotifier>
#include <QTimer>

#include <memory>

namespace warren::server {

class SocketConnection : public QObject, private ConnectionTransport {
    Q_OBJECT
public:
    SocketConnection(qintptr descriptor, ServerContext &context, QObject *parent = nullptr);
    ~SocketConnection() override;

    Connection &connection() { return *connection_; }
    qint64 bytesReceived() const { return bytesReceived_; }
    qint64 bytesSent() const { return bytesSent_; }
    // Writes what the connection has pending (WriteBatch, event loop).
    void flush();

signals:
    void closed();

private:
    void outputReady() override;
    void closeTransport() override;
    void closeAfter(int graceMs) override;
    void setReading(bool on) override;

    void onReadable();
    void makeRoomForRead();
    void onTick();
    void closeNow();
    static PeerInfo peerOf(int fd);

    int fd_;
    QSocketNotifier readNotifier_;
    QSocketNotifier writeNotifier_;
    QTimer tick_;
    QElapsedTimer sinceReceived_;
    QElapsedTimer sinceSent_;
    std::unique_ptr<Connection> connection_;
    QByteArray input_;            // read buffer: [inputUsed_, inputEnd_) is not parsed yet
    qsizetype inputUsed_ = 0;
    qsizetype inputEnd_ = 0;
    bool flushQueued_ = false;
    bool closeRequested_ = false;
    bool closed_ = false;
    qint64 bytesReceived_ = 0;
    qint64 bytesSent_ = 0;
};

} // namespace warren::server
