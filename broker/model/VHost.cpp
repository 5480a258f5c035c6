#include "VHost.h"

#include "DeadLettering.h"

#include <QDateTime>
#include <QSet>

namespace warren::model {

// Routes to the queue whose name is the routing key; it has no explicit bindings.
class VHost::DefaultExchange : public Exchange {
public:
    explicit DefaultExchange(const VHost &vhost)
        : Exchange(QByteArray(), Type::Direct, ExchangeOptions{true, false, false, {}}), vhost_(vhost) {}

    void route(const RoutingInput &input, RouteSet &out) const override
    {
        input.forEachKey([&](const QByteArray &key) {
            if (Queue *q = vhost_.findQueue(key))
                out.add(Destination{q, nullptr});
        });
    }

protected:
    void addToTable(const Binding &) override {}
    void removeFromTable(const Binding &) override {}

private:
    const VHost &vhost_;
};

VHost::VHost(QByteArray name, const Clock &clock)
    : name_(std::move(name)), clock_(clock), defaultExchange_(std::make_unique<DefaultExchange>(*this))
{
    addPredefinedExchanges();
}

VHost::~VHost() = default;

void VHost::addPredefinedExchanges()
{
    const ExchangeOptions durable{true, false, false, {}};
    const ExchangeOptions durableInternal{true, false, true, {}};
    addExchange(Exchange::create("amq.direct", "direct", durable));
    addExchange(Exchange::create("amq.fanout", "fanout", durable));
    addExchange(Exchange::create("amq.topic", "topic", durable));
    addExchange(Exchange::create("amq.headers", "headers", durable));
    addExchange(Exchange::create("amq.match", "headers", durable));
    addExchange(Exchange::create("amq.rabbitmq.trace", "topic", durableInternal));
}

Exchange *VHost::findExchange(const QByteArray &name) const
{
    if (name.isEmpty())
        return defaultExchange_.get();
    return exchanges_.value(name).get();
}

void VHost::changed(bool durable)
{
    if (durable && listener_)
        listener_->durableTopologyChanged();
}

Exchange *VHost::addExchange(std::unique_ptr<Exchange> exchange)
{
    Exchange *raw = exchange.get();
    Q_ASSERT(!exchanges_.contains(raw->name()));
    exchanges_.insert(raw->name(), std::shared_ptr<Exchange>(std::move(exchange)));
    changed(raw->options().durable);
    return raw;
}

bool VHost::isDurable(const Binding &b)
{
    // As in RabbitMQ: a binding is kept when both of its ends are.
    return b.destination.queue ? b.destination.queue->isDurable() : b.destination.exchange->options().durable;
}

bool VHost::bind(Exchange &source, const Binding &binding)
{
    const bool added = source.bind(binding);
    changed(added && source.options().durable && isDurable(binding));
    return added;
}

bool VHost::unbind(Exchange &source, const Binding &binding)
{
    const bool removed = source.unbind(binding);
    changed(removed && source.options().durable && isDurable(binding));
    if (removed)
        removeIfUnusedAutoDelete(&source);
    return removed;
}

void VHost::removeExchange(Exchange *exchange)
{
    const std::shared_ptr<Exchange> keep = exchanges_.take(exchange->name());
    removeBindingsTo(Destination{nullptr, exchange});
    changed(exchange->options().durable);
}

void VHost::removeIfUnusedAutoDelete(Exchange *exchange)
{
    if (exchange->options().autoDelete && exchange->bindings().empty())
        removeExchange(exchange);
}

void VHost::removeBindingsTo(const Destination &destination)
{
    QList<QByteArray> emptied;
    for (const auto &exchange : std::as_const(exchanges_)) {
        if (exchange->unbindAll(destination) > 0 && exchange->options().autoDelete && exchange->bindings().empty())
            emptied.append(exchange->name());
    }
    // By name: removing one auto-delete exchange may already have removed another.
    for (const QByteArray &name : emptied) {
        if (const std::shared_ptr<Exchange> exchange = exchanges_.value(name))
            removeExchange(exchange.get());
    }
}

Queue *VHost::findQueue(const QByteArray &name) const
{
    return queues_.value(name).get();
}

Queue *VHost::addQueue(QByteArray name, QueueOptions options, std::uint64_t id)
{
    Q_ASSERT(!queues_.contains(name));
    if (id == 0)
        id = listener_ ? listener_->newQueueId() : nextQueueId_++;
    const bool durable = options.durable;
    auto queue = std::make_shared<Queue>(id, name, std::move(options), clock_, this, storage_);
    queuesById_.insert(queue->id(), queue.get());
    queues_.insert(name, queue);
    changed(durable);
    return queue.get();
}

void VHost::removeQueue(Queue *queue)
{
    const std::shared_ptr<Queue> keep = queues_.take(queue->name());
    queuesById_.remove(queue->id());
    removeBindingsTo(Destination{queue, nullptr});
    changed(queue->isDurable());
    if (storage_)
        storage_->queueDeleted(*queue);
    // A consumer's queueDeleted() removes it from the queue, so iterate over a copy.
    const std::vector<Consumer *> consumers = queue->consumers();
    for (Consumer *c : consumers)
        c->queueDeleted(*queue);
}

void VHost::deadLetter(const Queue &from, const MessageRef &message, DeathReason reason)
{
    const QueuePolicy &policy = from.policy();
    Exchange *dlx = findExchange(policy.deadLetterExchange.value_or(QByteArray()));
    if (!dlx)
        return;   // as in RabbitMQ: a missing dead-letter exchange drops the message
    // x-death names the keys the message was published with, CC included but not BCC.
    const Death death{reason, from.name(), message->exchange, QList<QByteArray>{message->routingKey} + message->ccKeys,
                      QDateTime::currentSecsSinceEpoch()};
    const QByteArray routingKey = policy.deadLetterRoutingKey.value_or(message->routingKey);
    const MessageRef dead = recordDeath(*message, death, dlx->name(), routingKey);
    RouteSet routes;
    RoutingInput input{routingKey, nullptr, dead->properties, {}};
    if (!policy.deadLetterRoutingKey)
        input.extraKeys = message->ccKeys + message->bccKeys;
    route(*dlx, input, routes);
    for (const Destination &d : routes.queues()) {
        if (reason == DeathReason::Rejected || !isDeathCycle(*dead, d.queue->name()))
            d.queue->enqueue(dead);
    }
}

void VHost::expireQueues()
{
    QList<Queue *> unused;
    for (const auto &q : std::as_const(queues_)) {
        if (!q->hasTimers())
            continue;
        q->expire();
        if (q->isUnusedTooLong())
            unused.append(q.get());
    }
    for (Queue *q : unused)
        removeQueue(q);
}

void VHost::setPagingWindow(qsizetype messages)
{
    for (const auto &q : std::as_const(queues_))
        q->setPagingWindow(messages);
}

std::vector<Queue *> VHost::queuesOwnedBy(std::uint64_t connectionId) const
{
    std::vector<Queue *> owned;
    for (const auto &q : queues_) {
        if (q->exclusiveOwner() == connectionId)
            owned.push_back(q.get());
    }
    return owned;
}

void VHost::route(const Exchange &exchange, const RoutingInput &input, RouteSet &out) const
{
    const qsizetype before = out.matches();
    exchange.route(input, out);
    const bool matched = out.matches() != before;
    if (matched && out.exchanges().isEmpty())
        return;   // the common case: one exchange, straight to queues
    // Exchange-to-exchange bindings and alternate exchanges: each exchange is visited once,
    // so cycles end. An exchange whose own bindings match nothing passes the message to its
    // alternate exchange, as RabbitMQ's route1 does.
    QVarLengthArray<const Exchange *, 8> work{&exchange};
    QSet<const Exchange *> seen{&exchange};
    const auto follow = [&](const Exchange *next) {
        if (next && !seen.contains(next)) {
            seen.insert(next);
            work.append(next);
        }
    };
    for (qsizetype i = 0, taken = 0; i < work.size(); ++i) {
        bool matchedHere = matched;
        if (i > 0) {
            const qsizetype mark = out.matches();
            work[i]->route(input, out);
            matchedHere = out.matches() != mark;
        }
        if (!matchedHere && work[i]->alternateExchange())
            follow(findExchange(*work[i]->alternateExchange()));
        for (; taken < out.exchanges().size(); ++taken)
            follow(out.exchanges()[taken].exchange);
    }
}

} // namespace warren::model
