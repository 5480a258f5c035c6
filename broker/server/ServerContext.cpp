#include "ServerContext.h"

#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcContext, "warren.store")

namespace warren::server {

ServerContext::ServerContext()
{
    addVHost("/");
}

ServerContext::~ServerContext() = default;

model::VHost *ServerContext::addVHost(const QByteArray &name)
{
    auto &slot = vhosts_[name];
    if (!slot) {
        slot = std::make_shared<model::VHost>(name);
        slot->setTopologyListener(this);
        topologyDirty_ = true;
    }
    return slot.get();
}

void ServerContext::setTopologyStore(std::unique_ptr<store::TopologyStore> store)
{
    topology_ = std::move(store);
}

bool ServerContext::loadTopology(QString *error)
{
    if (!topology_)
        return true;
    const bool ok = topology_->load([this](const QByteArray &name) { return addVHost(name); }, &nextQueueId_, error);
    topologyDirty_ = false;   // what was just read is what is on disk
    return ok;
}

void ServerContext::saveTopologyIfChanged()
{
    if (!topologyDirty_ || !topology_)
        return;
    topologyDirty_ = false;
    QString error;
    if (!topology_->save(vhosts_, nextQueueId_, &error))
        qCCritical(lcContext) << "cannot save the topology:" << error;
}

void ServerContext::unregisterConnection(Connection *c)
{
    connections_.erase(std::remove(connections_.begin(), connections_.end(), c), connections_.end());
}

} // namespace warren::server
