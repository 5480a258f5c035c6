#include "TcpClient.h"

#include <QElapsedTimer>
#include <QSignalBlocker>
#include <QTcpSocket>

#include <algorithm>
#include <vector>

namespace warren::client {

namespace {
constexpr int kMaxReconnectDelayMs = 5000;
constexpr int kCloseOkTimeoutMs = 3000;   // how long close() waits for close-ok
constexpr int kMinTickMs = 100;
}

struct TcpClient::State {
    State(TcpClient *owner, AmqpUrl u, ClientOptions o, ClientEvents e)
        : q(owner), url(std::move(u)), options(std::move(o)), events(std::move(e)), socket(new QTcpSocket(owner))
    {
        options.user = url.user;
        options.password = url.password;
        options.vhost = url.vhost;
    }

    void newConnection();
    void connectNow();
    void onConnected();
    void onReadyRead();
    void onOpened();
    void onClosed();
    void onSocketLost();
    void scheduleFlush();
    void flush();
    void stopTimers();
    void abortQuietly();

    TcpClient *q;
    AmqpUrl url;
    ClientOptions options;
    ClientEvents events;   // the caller's
    std::unique_ptr<ClientConnection> connection;
    // Replaced while one of their callbacks may still be running; destroyed a turn later.
    std::vector<std::unique_ptr<ClientConnection>> retired;
    QTcpSocket *socket;
    QTimer heartbeat;
    QTimer reconnect;
    QTimer closeTimeout;
    QElapsedTimer clock;
    bool flushQueued = false;
    bool hung = false;
    bool stopped = false;   // the end is the client's doing (close, crash, hang): no reconnect
    bool reconnectOn = false;
    int initialDelayMs = 200;
    int nextDelayMs = 200;
};

void TcpClient::State::newConnection()
{
    if (connection) {
        retired.push_back(std::move(connection));
        QMetaObject::invokeMethod(q, [this] { retired.clear(); }, Qt::QueuedConnection);
    }
    ClientEvents wrapped = events;
    wrapped.opened = [this] {
        onOpened();
        if (events.opened)
            events.opened();
    };
    wrapped.closed = [this](const CloseReason &reason) {
        onClosed();
        if (events.closed)
            events.closed(reason);
    };
    connection = std::make_unique<ClientConnection>(options, std::move(wrapped));
    connection->setOutputReady([this] { scheduleFlush(); });
}

void TcpClient::State::connectNow()
{
    reconnect.stop();
    if (socket->state() != QAbstractSocket::UnconnectedState) {
        connection->transportClosed("reopened by the client", false);
        abortQuietly();
    }
    newConnection();
    socket->connectToHost(url.host, url.port);
}

void TcpClient::State::onConnected()
{
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connection->start();
    flush();
}

void TcpClient::State::onReadyRead()
{
    if (hung)
        return;   // the bytes wait in the socket, as they would for a process that hangs
    connection->feed(socket->readAll());
    flush();
}

void TcpClient::State::onOpened()
{
    nextDelayMs = initialDelayMs;
    if (const int seconds = connection->server().heartbeatSeconds)
        heartbeat.start(std::max(kMinTickMs, seconds * 1000 / 4));
}

// The connection ended (close-ok, the server's close, a protocol error, missed heartbeats):
// what it still has to say is written, then the socket is closed.
void TcpClient::State::onClosed()
{
    stopTimers();
    if (socket->state() == QAbstractSocket::ConnectedState) {
        flush();
        socket->disconnectFromHost();
    }
}

void TcpClient::State::onSocketLost()
{
    stopTimers();
    connection->transportClosed("connection lost: " + socket->errorString().toUtf8());
    if (reconnectOn && !stopped) {
        reconnect.start(nextDelayMs);
        nextDelayMs = std::min(nextDelayMs * 2, kMaxReconnectDelayMs);
    }
}

void TcpClient::State::scheduleFlush()
{
    if (flushQueued)
        return;
    flushQueued = true;
    QMetaObject::invokeMethod(
        q,
        [this] {
            flushQueued = false;
            flush();
        },
        Qt::QueuedConnection);
}

void TcpClient::State::flush()
{
    if (hung || socket->state() != QAbstractSocket::ConnectedState || connection->output().isEmpty())
        return;
    socket->write(connection->output().takeAll());
}

void TcpClient::State::stopTimers()
{
    heartbeat.stop();
    closeTimeout.stop();
}

// Drops the socket without its state change reaching onSocketLost: the caller has told
// the connection already.
void TcpClient::State::abortQuietly()
{
    const QSignalBlocker blocker(socket);
    socket->abort();
}

// ---- TcpClient ---------------------------------------------------------------------------

TcpClient::TcpClient(AmqpUrl url, ClientOptions options, ClientEvents events, QObject *parent)
    : QObject(parent), d_(std::make_unique<State>(this, std::move(url), std::move(options), std::move(events)))
{
    d_->clock.start();
    d_->newConnection();
    d_->reconnect.setSingleShot(true);
    d_->closeTimeout.setSingleShot(true);
    QTcpSocket *socket = d_->socket;
    connect(socket, &QTcpSocket::connected, this, [this] { d_->onConnected(); });
    connect(socket, &QTcpSocket::readyRead, this, [this] { d_->onReadyRead(); });
    connect(socket, &QTcpSocket::stateChanged, this, [this](QAbstractSocket::SocketState state) {
        if (state == QAbstractSocket::UnconnectedState)
            d_->onSocketLost();
    });
    connect(&d_->heartbeat, &QTimer::timeout, this, [this] {
        d_->connection->tick(d_->clock.elapsed());
        d_->flush();
    });
    connect(&d_->reconnect, &QTimer::timeout, this, [this] { d_->connectNow(); });
    connect(&d_->closeTimeout, &QTimer::timeout, this, [this] { d_->socket->abort(); });
}

TcpClient::~TcpClient()
{
    // No callback may run while the client is half destroyed.
    d_->socket->disconnect(this);
    d_->socket->abort();
    delete d_->socket;
}

void TcpClient::open()
{
    d_->stopped = false;
    d_->hung = false;
    d_->connectNow();
}

void TcpClient::close()
{
    d_->stopped = true;
    d_->reconnect.stop();
    ClientConnection &c = *d_->connection;
    if (c.isOpen()) {
        c.close();
        d_->flush();
        d_->closeTimeout.start(kCloseOkTimeoutMs);
        return;
    }
    if (c.state() == ConnectionState::Closing)
        return;
    c.transportClosed("closed by the client before the connection was open", false);
    d_->abortQuietly();
}

void TcpClient::crash()
{
    d_->stopped = true;
    d_->reconnect.stop();
    d_->stopTimers();
    d_->connection->transportClosed("crashed: the socket was aborted without connection.close", false);
    d_->abortQuietly();
}

void TcpClient::hang()
{
    d_->stopped = true;
    d_->hung = true;
    d_->reconnect.stop();
    d_->heartbeat.stop();
}

void TcpClient::setReconnect(bool on, int initialMs)
{
    d_->reconnectOn = on;
    d_->initialDelayMs = d_->nextDelayMs = initialMs;
    if (!on)
        d_->reconnect.stop();
}

ClientConnection &TcpClient::connection()
{
    return *d_->connection;
}

bool TcpClient::isOpen() const
{
    return d_->socket->state() == QAbstractSocket::ConnectedState && d_->connection->isOpen();
}

void TcpClient::flush()
{
    d_->flush();
}

} // namespace warren::client
