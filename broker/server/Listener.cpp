#include "Listener.h"

#include "SocketConnection.h"

namespace warren::server {

void Listener::incomingConnection(qintptr descriptor)
{
    // Parented to the listener's parent (the broker), not the listener, so that stopping
    // to listen does not drop open connections.
    new SocketConnection(descriptor, context_, parent());
}

} // namespace warren::server
