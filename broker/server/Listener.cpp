#include "Listener.h"

#include "PlainSocketConnection.h"
#include "TlsSocketConnection.h"

#include <cerrno>

#include <sys/socket.h>

namespace warren::server {

namespace {
// Then the event loop turns, so that open connections are served during a flood.
constexpr int kAcceptsPerTurn = 64;

// accept(2): errors of a connection that already failed, to be skipped like EAGAIN.
bool isErrorOfOnePeer(int error)
{
    switch (error) {
    case EINTR: case ECONNABORTED: case EPROTO: case ENETDOWN: case ENOPROTOOPT: case EHOSTDOWN:
    case ENONET: case EHOSTUNREACH: case EOPNOTSUPP: case ENETUNREACH: case EPERM:
        return true;
    default:
        return false;
    }
}
} // namespace

Listener::Listener(ServerContext &context, AcceptGate &gate, std::optional<TlsServerConfig> tls, QObject *parent)
    : QObject(parent), context_(context), gate_(gate), tls_(std::move(tls))
{
}

Listener::~Listener() = default;

bool Listener::listen(const QHostAddress &address, quint16 port)
{
    if (!socket_.listen(address, port))
        return false;
    socket_.pauseAccepting();   // for good: see the header
    readable_ = std::make_unique<QSocketNotifier>(socket_.socketDescriptor(), QSocketNotifier::Read);
    connect(readable_.get(), &QSocketNotifier::activated, this, &Listener::acceptPending);
    gate_.addListener(this);
    return true;
}

void Listener::setAccepting(bool on)
{
    if (readable_)
        readable_->setEnabled(on);
}

void Listener::acceptPending()
{
    for (int i = 0; i < kAcceptsPerTurn && gate_.isAccepting(); ++i) {
        const int descriptor = ::accept4(int(socket_.socketDescriptor()), nullptr, nullptr, SOCK_CLOEXEC);
        if (descriptor >= 0) {
            gate_.accepted(carry(descriptor));
        } else if (!isErrorOfOnePeer(errno)) {
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                gate_.acceptFailed(qt_error_string(errno));   // out of descriptors, memory...
            return;
        }
    }
}

SocketConnection *Listener::carry(int descriptor)
{
    // Parented to the listener's parent (the broker), not the listener, so that stopping to
    // listen does not drop open connections.
    if (tls_)
        return new TlsSocketConnection(descriptor, *tls_, context_, parent());
    return new PlainSocketConnection(descriptor, context_, parent());
}

} // namespace warren::server
