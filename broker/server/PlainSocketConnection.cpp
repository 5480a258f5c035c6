#include "PlainSocketConnection.h"

#include <cerrno>

#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

namespace warren::server {

PlainSocketConnection::PlainSocketConnection(qintptr descriptor, ServerContext &context, QObject *parent)
    : SocketConnection(descriptor, context, parent), fd_(int(descriptor)),
      readNotifier_(descriptor, QSocketNotifier::Read), writeNotifier_(descriptor, QSocketNotifier::Write)
{
    writeNotifier_.setEnabled(false);
    connect(&readNotifier_, &QSocketNotifier::activated, this, &PlainSocketConnection::onReadable);
    connect(&writeNotifier_, &QSocketNotifier::activated, this, &PlainSocketConnection::flush);
}

PlainSocketConnection::~PlainSocketConnection()
{
    if (!isClosed())
        ::close(fd_);
}

qsizetype PlainSocketConnection::readSome(char *into, qsizetype room)
{
    const ssize_t n = ::read(fd_, into, size_t(room));
    if (n > 0)
        return n;
    return n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) ? -1 : 0;
}

qsizetype PlainSocketConnection::writeSome(const iovec *iov, int count)
{
    // sendmsg rather than writev for MSG_NOSIGNAL: a peer gone mid-write is an error to
    // handle, not a SIGPIPE that ends the process.
    msghdr message{};
    message.msg_iov = const_cast<iovec *>(iov);
    message.msg_iovlen = size_t(count);
    for (;;) {
        const ssize_t n = ::sendmsg(fd_, &message, MSG_NOSIGNAL);
        if (n >= 0)
            return n;
        if (errno != EINTR)
            return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
    }
}

void PlainSocketConnection::closeStream()
{
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    deleteLater();
}

} // namespace warren::server
