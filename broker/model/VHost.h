// A virtual host: its exchanges, queues and bindings, and routing between them.
// Pure state: no sockets, no threads.
#pragma once

#include "Clock.h"
#include "DeadLetterSink.h"
#include "Exchange.h"
#include "Queue.h"
#include "QueueStorage.h"
#include "TopologyListener.h"

#include <QByteArray>
#include <QHash>

#include <functional>
#include <memory>

namespace warren::model {

class VHost : public DeadLetterSink {
public:
    explicit VHost(QByteArray name, const Clock &clock = Clock::steady());
    // Persistence: both optional (tests and non-durable use do without).
    void setTopologyListener(TopologyListener *listener) { listener_ = listener; }
    void setStorage(QueueStorage *storage) { storage_ = storage; }
    ~VHost() override;
    VHost(const VHost &) = delete;
    VHost &operator=(const VHost &) = delete;

    const QByteArray &name() const { return name_; }

    // The nameless default exchange routes to the queue named by the routing key.
    Exchange *defaultExchange() const { return defaultExchange_.get(); }
    Exchange *findExchange(const QByteArray &name) const;
    Exchange *addExchange(std::unique_ptr<Exchange> exchange);
    // Removes the exchange and every binding from or to it.
    void removeExchange(Exchange *exchange);
    const QHash<QByteArray, std::shared_ptr<Exchange>> &exchanges() const { return exchanges_; }
    // An auto-delete exchange goes when its last binding does.
    void removeIfUnusedAutoDelete(Exchange *exchange);
    // Binding changes go through here so that durable ones are saved.
    bool bind(Exchange &source, const Binding &binding);
    bool unbind(Exchange &source, const Binding &binding);
    static bool isDurable(const Binding &binding);

    Queue *findQueue(const QByteArray &name) const;
    Queue *queueById(std::uint64_t id) const { return queuesById_.value(id); }
    // id 0: a new id. A restored durable queue brings the id it had.
    Queue *addQueue(QByteArray name, QueueOptions options, std::uint64_t id = 0);
    // Unbinds the queue, tells its consumers, and destroys it with its messages.
    void removeQueue(Queue *queue);
    const QHash<QByteArray, std::shared_ptr<Queue>> &queues() const { return queues_; }
    std::vector<Queue *> queuesOwnedBy(std::uint64_t connectionId) const;

    // All queues a message reaches from `exchange`, following exchange-to-exchange bindings.
    void route(const Exchange &exchange, const RoutingInput &input, RouteSet &out) const;

    // Routes a message its queue dropped to the queue's dead-letter exchange.
    void deadLetter(const Queue &from, const MessageRef &message, DeathReason reason) override;
    // The clock's work: expired messages leave their queues, unused x-expires queues go.
    void expireQueues();
    // Every queue keeps at most this many ready messages in memory.
    void setPagingWindow(qsizetype messages);

private:
    class DefaultExchange;
    void addPredefinedExchanges();
    void removeBindingsTo(const Destination &destination);
    void changed(bool durable);

    QByteArray name_;
    const Clock &clock_;
    std::unique_ptr<Exchange> defaultExchange_;
    // shared_ptr only so that removal can finish work on an object the hash no longer holds.
    QHash<QByteArray, std::shared_ptr<Exchange>> exchanges_;
    QHash<QByteArray, std::shared_ptr<Queue>> queues_;
    QHash<std::uint64_t, Queue *> queuesById_;
    std::uint64_t nextQueueId_ = 1;   // without a listener
    TopologyListener *listener_ = nullptr;
    QueueStorage *storage_ = nullptr;
};

} // namespace warren::model
