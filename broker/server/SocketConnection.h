// Carries one Connection over an accepted stream socket, whatever moves its bytes: reads
// parsed in place in a buffer the thread's connections share, output written once per
// event-loop turn (WriteBatch), heartbeats, and the handshake and closing timeouts. PlainSocketConnection
// moves the bytes itself on the descriptor; TlsSocketConnection through QSslSocket (AMQPS).
#pragma once

#include "Connection.h"
#include "ConnectionTransport.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

struct iovec;

namespace warren::server {

class SocketConnection : public QObject, private ConnectionTransport {
    Q_OBJECT
public:
    ~SocketConnection() override;

    Connection &connection() { return *connection_; }
    qint64 bytesReceived() const { return bytesReceived_; }
    qint64 bytesSent() const { return bytesSent_; }
    // This connection's own read buffer: 0 while idle (the shared one serves its reads).
    qsizetype readBufferCapacity() const { return input_.capacity(); }
    // Writes what the connection has pending (WriteBatch, event loop).
    void flush();

signals:
    void closed();

protected:
    // Then other connections are served.
    static constexpr qsizetype kMaxReadPerTurn = 1024 * 1024;

    // `descriptor`: the accepted socket, made non-blocking and without Nagle's delay here.
    SocketConnection(qintptr descriptor, ServerContext &context, QObject *parent);

    // The stream has bytes: reads them and hands them to the connection.
    void onReadable();
    // The peer is gone, or a timeout ran out: the connection is told, the stream closed.
    void closeNow();
    bool isClosed() const { return closed_; }

private:
    // How the bytes move: one call per read or write of the stream, never one per frame.
    // readSome: the bytes read into `into`, 0 when there are none now, -1 when the peer is gone.
    virtual qsizetype readSome(char *into, qsizetype room) = 0;
    // writeSome: the bytes taken from `iov`, 0 when the stream takes none now (with
    // watchWritable(true) it calls flush() once it does), -1 when the peer is gone.
    virtual qsizetype writeSome(const iovec *iov, int count) = 0;
    virtual void watchReadable(bool on) = 0;
    virtual void watchWritable(bool on) = 0;
    // Closes the stream, and deletes this object (deleteLater) once done with it.
    virtual void closeStream() = 0;

    void outputReady() override;
    void closeTransport() override;
    void closeAfter(int graceMs) override;
    void setReading(bool on) override;

    void makeRoomForRead();
    // Hands the unparsed input to the connection, which may leave some while it is held.
    void parseInput();
    // Parses bytes read into the shared buffer; what the connection leaves goes to input_.
    void parseShared(QByteArrayView bytes);
    void releaseIdleBuffers();
    void parseBuffered();
    void onTick();
    static PeerInfo peerOf(int fd);

    QTimer tick_;
    QElapsedTimer sinceReceived_;
    QElapsedTimer sinceSent_;
    std::unique_ptr<Connection> connection_;
    QByteArray input_;            // read buffer: [inputUsed_, inputEnd_) is not parsed yet
    qsizetype inputUsed_ = 0;
    qsizetype inputEnd_ = 0;
    bool reading_ = true;         // false while the connection holds its input
    bool flushQueued_ = false;
    bool closeRequested_ = false;
    bool closed_ = false;
    qint64 bytesReceived_ = 0;
    qint64 bytesSent_ = 0;
};

} // namespace warren::server
