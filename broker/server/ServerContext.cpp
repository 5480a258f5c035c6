#include "ServerContext.h"

#include <algorithm>

namespace warren::server {

ServerContext::ServerContext()
{
    addVHost("/");
}

model::VHost *ServerContext::addVHost(const QByteArray &name)
{
    auto &slot = vhosts_[name];
    if (!slot)
        slot = std::make_shared<model::VHost>(name);
    return slot.get();
}

void ServerContext::unregisterConnection(Connection *c)
{
    connections_.erase(std::remove(connections_.begin(), connections_.end(), c), connections_.end());
}

} // namespace warren::server
