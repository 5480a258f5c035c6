#include "SocketConnection.h"

#include "WriteBatch.h"

#include <arpa/inet.h>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/uio.h>

namespace warren::server {

namespace {
constexpr qsizetype kReadChunk = 128 * 1024;
constexpr int kMaxIov = 64;
constexpr int kTickMs = 1000;          // without heartbeats: only the closing timeout

// All connections of a thread read into one buffer and parse the frames in place there: an
// idle connection then holds no read buffer of its own, only the start of a frame that a
// read cut off (input_), until the rest arrives.
QByteArray &sharedReadBuffer()
{
    thread_local QByteArray buffer(kReadChunk, Qt::Uninitialized);
    return buffer;
}

QHostAddress addressOf(const sockaddr_storage &sa, quint16 *port)
{
    QHostAddress address(reinterpret_cast<const sockaddr *>(&sa));
    *port = sa.ss_family == AF_INET6 ? ntohs(reinterpret_cast<const sockaddr_in6 &>(sa).sin6_port)
                                     : ntohs(reinterpret_cast<const sockaddr_in &>(sa).sin_port);
    return address;
}
} // namespace

PeerInfo SocketConnection::peerOf(int fd)
{
    PeerInfo info;
    sockaddr_storage sa{};
    socklen_t len = sizeof sa;
    if (::getpeername(fd, reinterpret_cast<sockaddr *>(&sa), &len) == 0)
        info.address = addressOf(sa, &info.port);
    len = sizeof sa;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&sa), &len) == 0)
        info.localAddress = addressOf(sa, &info.localPort);
    return info;
}

SocketConnection::SocketConnection(qintptr descriptor, ServerContext &context, QObject *parent)
    : QObject(parent)
{
    const int fd = int(descriptor);
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    connection_ = std::make_unique<Connection>(context, static_cast<ConnectionTransport &>(*this), peerOf(fd));

    connect(&tick_, &QTimer::timeout, this, &SocketConnection::onTick);
    tick_.start(kTickMs);
    sinceReceived_.start();
    sinceSent_.start();
    // Precise: a coarse timer may fire up to 5 % early, and the peer is owed the full time.
    // It runs from the accept, so a TLS handshake that never ends is cut too.
    QTimer::singleShot(context.settings.handshakeTimeoutMs, Qt::PreciseTimer, this,
                       [this] { connection_->handshakeTimedOut(); });
}

SocketConnection::~SocketConnection()
{
    // The subclass's stream is gone: nothing the connection's cleanup asks of the transport
    // may reach it.
    closed_ = true;
    connection_.reset();
}

void SocketConnection::setReading(bool on)
{
    if (closed_ || closeRequested_)
        return;
    reading_ = on;
    watchReadable(on);
    // Frames a held read left in the buffer are parsed now: the peer may send nothing more.
    if (on && inputEnd_ > inputUsed_)
        QMetaObject::invokeMethod(this, &SocketConnection::parseBuffered, Qt::QueuedConnection);
}

void SocketConnection::parseBuffered()
{
    if (closed_ || closeRequested_)
        return;
    WriteBatch batch;
    parseInput();
}

void SocketConnection::parseInput()
{
    inputUsed_ += connection_->receive(QByteArrayView(input_).sliced(inputUsed_, inputEnd_ - inputUsed_));
    if (inputUsed_ == inputEnd_)
        inputUsed_ = inputEnd_ = 0;
}

void SocketConnection::onReadable()
{
    WriteBatch batch;   // whatever this input produces is written when we return
    qsizetype readThisTurn = 0;
    // Each read is parsed before the next: parsing may hold reading (the output is full).
    while (readThisTurn < kMaxReadPerTurn && reading_ && !closed_ && !closeRequested_) {
        // Behind a cut-off frame the bytes go to this connection's own buffer, which then
        // serves until it is drained (a stream of large frames is copied only once).
        const bool own = inputEnd_ > inputUsed_;
        if (own)
            makeRoomForRead();
        char *into = own ? input_.data() + inputEnd_ : sharedReadBuffer().data();
        const qsizetype room = own ? input_.size() - inputEnd_ : kReadChunk;
        const qsizetype n = readSome(into, room);
        if (n < 0)
            return closeNow();
        if (n == 0)
            return;
        readThisTurn += n;
        bytesReceived_ += n;
        sinceReceived_.restart();
        if (own) {
            inputEnd_ += n;
            parseInput();
        } else {
            parseShared(QByteArrayView(into, n));
        }
        if (n < room)
            return;   // the socket is drained
    }
}

void SocketConnection::parseShared(QByteArrayView bytes)
{
    const qsizetype used = connection_->receive(bytes);
    const qsizetype rest = bytes.size() - used;
    if (rest == 0)
        return;
    if (input_.size() < rest + kReadChunk)
        input_.resize(rest + kReadChunk);
    std::memcpy(input_.data(), bytes.constData() + used, size_t(rest));
    inputUsed_ = 0;
    inputEnd_ = rest;
}

void SocketConnection::makeRoomForRead()
{
    if (input_.size() - inputEnd_ >= kReadChunk)
        return;
    // Move the unparsed tail (usually part of one frame) to the front, then grow if a
    // large frame still does not fit.
    const qsizetype pending = inputEnd_ - inputUsed_;
    if (inputUsed_ > 0) {
        std::memmove(input_.data(), input_.constData() + inputUsed_, size_t(pending));
        inputUsed_ = 0;
        inputEnd_ = pending;
    }
    if (input_.size() - inputEnd_ < kReadChunk)
        input_.resize(inputEnd_ + kReadChunk);
}

void SocketConnection::outputReady()
{
    if (flushQueued_ || closed_)
        return;
    flushQueued_ = true;
    if (WriteBatch::add(this))
        return;
    // Outside input processing: everything produced until the event loop runs again goes
    // out in one writev.
    QMetaObject::invokeMethod(this, &SocketConnection::flush, Qt::QueuedConnection);
}

void SocketConnection::flush()
{
    flushQueued_ = false;
    if (closed_)
        return;
    amqp::OutputBuffer &out = connection_->output();
    while (!out.isEmpty()) {
        iovec iov[kMaxIov];
        const int count = out.gather(iov, kMaxIov);
        const qsizetype n = writeSome(iov, count);
        if (n < 0)
            return closeNow();
        if (n == 0)
            break;
        out.consume(n);
        bytesSent_ += n;
        sinceSent_.restart();
    }
    watchWritable(!out.isEmpty());
    connection_->outputWritten();
    if (closeRequested_ && out.isEmpty())
        closeNow();
}

void SocketConnection::closeTransport()
{
    if (closed_)
        return;
    closeRequested_ = true;
    watchReadable(false);
    outputReady();
}

void SocketConnection::closeAfter(int graceMs)
{
    QTimer::singleShot(graceMs, this, &SocketConnection::closeNow);
}

void SocketConnection::onTick()
{
    if (closed_)
        return;
    releaseIdleBuffers();
    if (connection_->state() == Connection::State::Closing)
        return;
    if (!connection_->heartbeatTick(sinceReceived_.elapsed(), sinceSent_.elapsed())) {
        closeNow();
        return;
    }
    // Tick twice per negotiated heartbeat interval.
    const int heartbeat = connection_->heartbeatSeconds();
    const int wanted = heartbeat > 0 ? qMin(kTickMs, heartbeat * 500) : kTickMs;
    if (tick_.interval() != wanted)
        tick_.setInterval(wanted);
}

void SocketConnection::releaseIdleBuffers()
{
    // Quiet for a whole tick: the buffers a burst grew go back, so that thousands of idle
    // connections cost little (a busy connection keeps its own and does not reallocate).
    if (sinceReceived_.elapsed() >= kTickMs && inputUsed_ == inputEnd_) {
        input_ = QByteArray();
        inputUsed_ = inputEnd_ = 0;
    }
    if (sinceSent_.elapsed() >= kTickMs)
        connection_->output().releaseSpare();
}

void SocketConnection::closeNow()
{
    if (closed_)
        return;
    closed_ = true;
    watchReadable(false);
    watchWritable(false);
    tick_.stop();
    connection_->transportClosed();
    closeStream();
    emit closed();
}

} // namespace warren::server
