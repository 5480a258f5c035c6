#include "TlsSocketConnection.h"

#include <QLoggingCategory>

#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>

Q_LOGGING_CATEGORY(lcTls, "warren.tls")

namespace warren::server {

TlsSocketConnection::TlsSocketConnection(qintptr descriptor, const TlsServerConfig &tls, ServerContext &context,
                                         QObject *parent)
    : SocketConnection(descriptor, context, parent)
{
    connect(&socket_, &QSslSocket::readyRead, this, &TlsSocketConnection::readInput);
    connect(&socket_, &QSslSocket::encryptedBytesWritten, this, [this] {
        if (awaitingWritable_)
            flush();
    });
    // Queued: the socket reports these from inside its own calls, our reads and writes among them.
    connect(&socket_, &QSslSocket::errorOccurred, this, &TlsSocketConnection::onError, Qt::QueuedConnection);
    connect(&socket_, &QSslSocket::disconnected, this, &TlsSocketConnection::onDisconnected, Qt::QueuedConnection);
    if (!socket_.setSocketDescriptor(descriptor)) {
        ::close(int(descriptor));
        QMetaObject::invokeMethod(this, &TlsSocketConnection::closeNow, Qt::QueuedConnection);
        return;
    }
    // Unread input stays bounded while reading is off (a blocked publisher): TCP pushes back.
    socket_.setReadBufferSize(kMaxReadPerTurn);
    socket_.setSslConfiguration(tls.ssl);
    if (tls.clientCertificateOptional)
        socket_.ignoreSslErrors({QSslError(QSslError::NoPeerCertificate)});
    socket_.startServerEncryption();
}

TlsSocketConnection::~TlsSocketConnection()
{
    socket_.disconnect(this);   // what it signals as it goes finds this object half destroyed
}

qsizetype TlsSocketConnection::readSome(char *into, qsizetype room)
{
    // -1 once the peer is gone and everything it sent is read.
    return qsizetype(socket_.read(into, room));
}

qsizetype TlsSocketConnection::writeSome(const iovec *iov, int count)
{
    qint64 room = kMaxBuffered - socket_.bytesToWrite() - socket_.encryptedBytesToWrite();
    qsizetype taken = 0;
    for (int i = 0; i < count && room > 0; ++i) {
        const qint64 n = std::min(qint64(iov[i].iov_len), room);
        if (socket_.write(static_cast<const char *>(iov[i].iov_base), n) != n)
            return -1;
        taken += qsizetype(n);
        room -= n;
    }
    return taken;
}

void TlsSocketConnection::watchReadable(bool on)
{
    reading_ = on;
    if (on)
        readLater();
}

void TlsSocketConnection::readInput()
{
    if (!reading_ || isClosed())
        return;
    onReadable();
    readLater();
}

void TlsSocketConnection::readLater()
{
    // A plain socket's notifier fires again while bytes wait; the TLS socket announces them
    // once, and onReadable() may have left some for the next turn.
    if (reading_ && !isClosed() && socket_.bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &TlsSocketConnection::readInput, Qt::QueuedConnection);
}

void TlsSocketConnection::closeStream()
{
    if (!socket_.isEncrypted() || socket_.state() != QAbstractSocket::ConnectedState) {
        socket_.abort();
        deleteLater();
        return;
    }
    // As a plain socket's close leaves its unsent bytes to the kernel, this one writes what
    // it holds, and its close_notify, before it goes; for a bounded time.
    connect(&socket_, &QSslSocket::disconnected, this, &QObject::deleteLater);
    QTimer::singleShot(kClosingMs, this, &QObject::deleteLater);
    socket_.disconnectFromHost();
}

void TlsSocketConnection::onError(QAbstractSocket::SocketError error)
{
    if (isClosed())
        return;
    if (error == QAbstractSocket::RemoteHostClosedError)
        return onDisconnected();
    if (!socket_.isEncrypted())
        qCInfo(lcTls).noquote() << "TLS handshake with" << connection().peer().remote() << "failed:"
                                << socket_.errorString();
    closeNow();
}

void TlsSocketConnection::onDisconnected()
{
    // What the peer sent before it closed is read first, as on a plain socket.
    if (reading_ && !isClosed())
        onReadable();
    closeNow();
}

} // namespace warren::server
