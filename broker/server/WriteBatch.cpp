#include "WriteBatch.h"

#include "SocketConnection.h"

namespace warren::server {

namespace {
thread_local WriteBatch *t_open = nullptr;
}

WriteBatch::WriteBatch() : outer_(t_open)
{
    t_open = this;
}

WriteBatch::~WriteBatch()
{
    t_open = outer_;
    // Flushing may add connections again (a close after a failed write): index, not iterate.
    for (std::size_t i = 0; i < connections_.size(); ++i) {
        if (SocketConnection *c = connections_[i])
            c->flush();
    }
}

bool WriteBatch::add(SocketConnection *connection)
{
    if (!t_open)
        return false;
    t_open->connections_.emplace_back(connection);
    return true;
}

} // namespace warren::server
