// A Connection over TLS (AMQPS): QSslSocket takes the accepted descriptor and does the
// server's handshake and the encryption. It would buffer whatever it is given, so it is
// given no more than kMaxBuffered at a time: the rest waits in the connection's own output,
// which then tells, as on a plain socket, when a consumer's peer falls behind.
#pragma once

#include "SocketConnection.h"
#include "TlsServerConfig.h"

#include <QSslSocket>

namespace warren::server {

class TlsSocketConnection final : public SocketConnection {
public:
    static constexpr qint64 kMaxBuffered = 512 * 1024;
    // After our close, how long the socket may take to send what it holds.
    static constexpr int kClosingMs = 5000;

    TlsSocketConnection(qintptr descriptor, const TlsServerConfig &tls, ServerContext &context,
                        QObject *parent = nullptr);
    ~TlsSocketConnection() override;

private:
    qsizetype readSome(char *into, qsizetype room) override;
    qsizetype writeSome(const iovec *iov, int count) override;
    void watchReadable(bool on) override;
    void watchWritable(bool on) override { awaitingWritable_ = on; }
    void closeStream() override;

    void readInput();
    void readLater();
    void onError(QAbstractSocket::SocketError error);
    void onDisconnected();

    QSslSocket socket_;
    bool reading_ = true;
    bool awaitingWritable_ = false;
};

} // namespace warren::server
