// The explorer's commands, carried out on the broker thread. What AMQP can express goes
// through an in-process AMQP client (client::LoopbackClient), so that the explorer is held
// to the same rules and gets the same answers as any client; the rest (connections, virtual
// hosts, users, routing previews) works on the broker state directly.
#pragma once

#include "Definitions.h"
#include "ManagementTypes.h"
#include "client/LoopbackClient.h"
#include "server/ServerContext.h"

#include <QHash>

#include <memory>

namespace warren::management {

class ManagementService {
public:
    explicit ManagementService(server::ServerContext &context) : context_(context) {}
    ~ManagementService();
    server::ServerContext &context() { return context_; }

    Outcome declareExchange(const ExchangeSpec &spec);
    Outcome deleteExchange(const QString &vhost, const QString &name, bool ifUnused);
    Outcome declareQueue(const QueueSpec &spec);
    Outcome deleteQueue(const QString &vhost, const QString &name, bool ifEmpty, bool ifUnused);
    Outcome purgeQueue(const QString &vhost, const QString &name);
    Outcome bind(const BindingSpec &spec);
    Outcome unbind(const BindingSpec &spec);

    PublishResult publish(const PublishSpec &spec);
    GetResult getMessages(const QString &vhost, const QString &queue, int count, GetMode mode);
    // Moves every message ready in `from` to the end of `to`, properties unchanged.
    Outcome moveMessages(const QString &vhost, const QString &from, const QString &to);
    RoutePreview previewRoute(const QString &vhost, const QString &exchange, const QString &routingKey,
                              const amqp::FieldTable &headers);

    Outcome closeConnection(quint64 id, const QString &reason);

    Outcome addVHost(const QString &name);
    Outcome deleteVHost(const QString &name);
    Outcome addUser(const QString &name, const QString &password, const QStringList &tags);
    Outcome deleteUser(const QString &name);
    Outcome setPermission(const QString &user, const QString &vhost, bool allowed);

    // RabbitMQ definitions (see Definitions.h): the whole setup, out and in.
    QJsonObject exportDefinitions() { return management::exportDefinitions(context_); }
    ImportReport importDefinitions(const QJsonObject &definitions)
    {
        return management::importDefinitions(*this, definitions);
    }

private:
    // The in-process client for a virtual host, opened on first use; null (with `error`
    // set) when the vhost does not exist.
    client::LoopbackClient *client(const QString &vhost, Outcome *error);
    template <class M> Outcome call(const QString &vhost, const M &method);
    void topologyChanged();

    server::ServerContext &context_;
    QHash<QByteArray, std::shared_ptr<client::LoopbackClient>> clients_;
};

} // namespace warren::management
