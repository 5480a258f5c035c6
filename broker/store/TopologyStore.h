// Durable exchanges, queues and bindings in one JSON file, rewritten atomically (QSaveFile:
// write a temporary file, fsync, rename) whenever they change. Non-durable ones are never
// written, so after a restart they are gone, as in RabbitMQ. Users and their permissions
// go in the same file once they differ from the default guest/guest; a file without them
// (or from before they were saved) means the default. Files from before permissions were
// patterns read each vhost a user could open as ".*" ".*" ".*".
#pragma once

#include "auth/UserDatabase.h"
#include "model/VHost.h"

#include <QHash>
#include <QString>

#include <functional>
#include <memory>

namespace warren::store {

class TopologyStore {
public:
    using VHosts = QHash<QByteArray, std::shared_ptr<model::VHost>>;

    explicit TopologyStore(QString path) : path_(std::move(path)) {}
    // The users saved and loaded along with the topology; none unless set.
    void setUsers(auth::UserDatabase *users) { users_ = users; }

    bool save(const VHosts &vhosts, std::uint64_t nextQueueId, QString *error) const;
    // Recreates what was saved; vhostFor returns (creating if needed) the named vhost.
    // A missing file is an empty topology.
    bool load(const std::function<model::VHost *(const QByteArray &)> &vhostFor, std::uint64_t *nextQueueId,
              QString *error) const;

private:
    QString path_;
    auth::UserDatabase *users_ = nullptr;
};

} // namespace warren::store
