// The explorer's commands, carried out on the broker thread. What AMQP can express goes
// through an in-process AMQP client (LoopbackClient), so that the explorer is held
// to the same rules and gets the same answers as any client; the rest (connections, virtual
// hosts, users, routing previews) works on the broker state directly.
#pragma once

#include "Definitions.h"
#include "ManagementTypes.h"

#include <QHash>

#include <memory>

namespace warren::server { class ServerContext; }

namespace warren::management {

class LoopbackClient;

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
    // Why a message would go where it goes (model::explainRoute), the broker's own verdict.
    RouteAnswer explainRoute(const RouteQuestion &question);

    // RabbitMQ's firehose for one virtual host (rabbitmqctl trace_on / trace_off).
    Outcome setFirehose(const QString &vhost, bool on);

    // Step mode: deliveries held for a queue, or with an empty queue name for the whole
    // virtual host; publishing goes on. step releases exactly one delivery.
    Outcome pauseDeliveries(const QString &vhost, const QString &queue);
    Outcome resumeDeliveries(const QString &vhost, const QString &queue);
    StepResult stepDelivery(const QString &vhost, const QString &queue);
    // Every pause lifted: the explorer that paused is closing, or the broker stops.
    void resumeAllDeliveries();

    Outcome closeConnection(quint64 id, const QString &reason);

    Outcome addVHost(const QString &name);
    Outcome deleteVHost(const QString &name);
    Outcome addUser(const QString &name, const QString &password, const QStringList &tags);
    Outcome deleteUser(const QString &name);
    // rabbitmqctl set_permissions / clear_permissions; a pattern that is not a regular
    // expression is refused, as RabbitMQ refuses it.
    Outcome setPermission(const PermissionSpec &spec);
    Outcome clearPermission(const QString &user, const QString &vhost);

    // RabbitMQ definitions (see Definitions.h): the whole setup, out and in.
    QJsonObject exportDefinitions();
    ImportReport importDefinitions(const QJsonObject &definitions);

private:
    // The in-process client for a virtual host, opened on first use; null (with `error`
    // set) when the vhost does not exist.
    LoopbackClient *client(const QString &vhost, Outcome *error);
    template <class M> Outcome call(const QString &vhost, const M &method);
    Outcome setDeliveriesPaused(const QString &vhost, const QString &queue, bool paused);
    void topologyChanged();

    server::ServerContext &context_;
    QHash<QByteArray, std::shared_ptr<LoopbackClient>> clients_;
};

} // namespace warren::management
