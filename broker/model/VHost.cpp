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
    // The implicit binding to the queue named `queueName`.
    observe::BindingVerdict judge(const QByteArray &queueName, const amqp::FieldTable &,
                                  const RoutingInput &input) const override
    {
        observe::BindingVerdict v;
        v.rule = observe::BindingRule::DefaultQueue;
        v.destination = v.bindingKey = queueName;
        v.destinationExists = vhost_.findQueue(queueName) != nullptr;
        input.forEachKey([&](const QByteArray &key) {
            if (!v.matched && key == queueName && v.destinationExists) {
                v.matched = true;
                v.matchedKey = key;
            }
        });
        return v;
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
    ++topologyVersion_;
    if (durable && listener_)
        listener_->durableTopologyChanged();
}

Exchange *VHost::addExchange(std::unique_ptr<Exchange> exchange)
{
    Exchange *raw = exchange.get();
    Q_ASSERT(!exchanges_.contains(raw->name()));
    exchanges_.insert(raw->name(), std::shared_ptr<Exchange>(std::move(exchange)));
    changed(raw->options().durable);
    if (observer_)
        observer_->exchangeAdded(*this, *raw);
    return raw;
}

bool VHost::isDurable(const Binding &b)
{
    // As in RabbitMQ: a binding is kept when both of its ends are.
    return b.destination.queue ? b.destination.queue->isDurable() : b.destination.exchange->options().durable;
}

bool VHost::bind(Exchange &source, const Binding &binding)
{
    if (!source.bind(binding))
        return false;
    changed(source.options().durable && isDurable(binding));
    if (observer_)
        observer_->bindingAdded(*this, source, binding);
    return true;
}

bool VHost::unbind(Exchange &source, const Binding &binding)
{
    if (!source.unbind(binding))
        return false;
    changed(source.options().durable && isDurable(binding));
    if (observer_)
        observer_->bindingRemoved(*this, source, binding);
    removeIfUnusedAutoDelete(&source);
    return true;
}

void VHost::removeExchange(Exchange *exchange)
{
    const std::shared_ptr<Exchange> keep = exchanges_.take(exchange->name());
    if (observer_) {
        for (const Binding &b : exchange->bindings())
            observer_->bindingRemoved(*this, *exchange, b);
    }
    removeBindingsTo(Destination{nullptr, exchange});
    for (const auto &q : std::as_const(queues_))
        q->routedIn().forget(exchange);
    for (const auto &x : std::as_const(exchanges_))
        x->routedIn.forget(exchange);
    changed(exchange->options().durable);
    if (observer_)
        observer_->exchangeRemoved(*this, *exchange);
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
        if (observer_)
            exchange->forEachBindingTo(destination, [&](const Binding &b) { observer_->bindingRemoved(*this, *exchange, b); });
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
    queue->shareArrivalCounter(&arrivals_);
    if (paused_)
        queue->pause();
    queue->setPagingWindow(pagingWindow_);
    queuesById_.insert(queue->id(), queue.get());
    queues_.insert(name, queue);
    changed(durable);
    if (observer_)
        observer_->queueAdded(*this, *queue);
    return queue.get();
}

void VHost::removeQueue(Queue *queue)
{
    const std::shared_ptr<Queue> keep = queues_.take(queue->name());
    queuesById_.remove(queue->id());
    removeBindingsTo(Destination{queue, nullptr});
    changed(queue->isDurable());
    if (observer_)
        observer_->queueRemoved(*this, *queue);
    if (storage_) {
        // Copies still on their way to it were written for it too.
        deadLetters_.forEach([&](const DeadLetterBacklog::Letter &l) {
            if (l.queueId == queue->id() && l.message->storeId)
                storage_->removed(*queue, l.message->storeId);
        });
        storage_->queueDeleted(*queue);
    }
    // A consumer's queueDeleted() removes it from the queue, so iterate over a copy.
    const std::vector<Consumer *> consumers = queue->consumers();
    for (Consumer *c : consumers)
        c->queueDeleted(*queue);
}

void VHost::messageDied(Queue &from, const MessageRef &message, DeathReason reason)
{
    if (reason == DeathReason::Expired)
        ++fates_.expired;
    else if (reason == DeathReason::MaxLen)
        ++fates_.overflowDropped;
    if (observer_ && reason != DeathReason::Rejected)
        observer_->messageDropped(*this, from, *message, reason);
    deadLetter(from, message, reason);
}

void VHost::messageRefused(Queue &queue, const MessageRef &message)
{
    ++fates_.overflowDropped;
    if (queue.policy().overflow == Overflow::RejectPublishDlx)
        deadLetter(queue, message, DeathReason::MaxLen);
}

void VHost::deadLetter(Queue &from, const MessageRef &message, DeathReason reason)
{
    const QueuePolicy &policy = from.policy();
    if (!policy.deadLetterExchange)
        return;
    Exchange *dlx = findExchange(*policy.deadLetterExchange);
    if (!dlx)
        return;   // as in RabbitMQ: a missing dead-letter exchange drops the message
    // x-death names the keys the message was published with, CC included but not BCC.
    const Death death{reason, from.name(), message->exchange, QList<QByteArray>{message->routingKey} + message->ccKeys,
                      QDateTime::currentSecsSinceEpoch()};
    const QByteArray routingKey = policy.deadLetterRoutingKey.value_or(message->routingKey);
    const MessageRef dead = recordDeath(*message, death, dlx->name(), routingKey);
    ++fates_.deadLettered;
    from.countDeadLettered();
    RouteSet routes;
    RouteTrail trail;
    RoutingInput input{routingKey, nullptr, dead->properties, {}};
    if (!policy.deadLetterRoutingKey)
        input.extraKeys = message->ccKeys + message->bccKeys;
    route(*dlx, input, routes, observer_ ? &trail : nullptr);
    const auto breaksCycle = [&](const Queue &q) {
        return reason != DeathReason::Rejected && isDeathCycle(*dead, q.name());
    };
    if (observer_) {
        trail.removeIf([&](const RouteStep &s) { return breaksCycle(*s.queue); });
        observer_->deadLettered(*this, from, *message, *dead, reason, input, trail);
    }
    QList<quint64> keptOnDisk;
    std::vector<DeadLetterBacklog::Letter> copies;
    for (const Destination &d : routes.queues()) {
        if (breaksCycle(*d.queue))
            continue;
        copies.push_back({d.queue->id(), dead});
        if (d.queue->keepsOnDisk(*dead))
            keptOnDisk.append(d.queue->id());
    }
    if (copies.empty())
        return;
    // Written before the message leaves `from` (whose removal is journalled after this
    // returns): a crash in between finds it in both, never in neither.
    if (storage_ && !keptOnDisk.isEmpty())
        storage_->keep(*dead, keptOnDisk);
    deadLetters_.add(std::move(copies));
    if (!deadLetters_.isDelivering())
        deliverDeadLetters();
}

void VHost::deliverDeadLetters()
{
    if (!deadLetters_.deliver([this](const DeadLetterBacklog::Letter &l) { deliverDeadLetter(l); })
        && deadLettersWaiting_)
        deadLettersWaiting_();
}

void VHost::deliverDeadLetter(const DeadLetterBacklog::Letter &letter)
{
    if (Queue *queue = queueById(letter.queueId))
        queue->enqueue(letter.message);
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

void VHost::setPagingWindow(qint64 bytes)
{
    pagingWindow_ = bytes;
    for (const auto &q : std::as_const(queues_))
        q->setPagingWindow(bytes);
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

void VHost::route(const Exchange &exchange, const RoutingInput &input, RouteSet &out, RouteTrail *trail) const
{
    // The common case, and walk()'s first step: one exchange, straight to queues. Otherwise
    // the walk starts again from the top, which is rare (exchange-to-exchange bindings, an
    // alternate exchange) and keeps one traversal for everything.
    if (!trail) {
        exchange.route(input, out);
        if (out.exchanges().isEmpty() && (out.matches() > 0 || !exchange.alternateExchange())) {
            tallyQueues(exchange, out, 0);
            return;
        }
        out.clear();
    }
    walk(exchange, [&](const WalkStep &step, auto &next) {
        const qsizetype matches = out.matches();
        const qsizetype queues = out.queues().size();
        const qsizetype exchanges = out.exchanges().size();
        if (step.from)
            step.exchange->routedIn.count(step.from, step.from->name());
        step.exchange->route(input, out);
        tallyQueues(*step.exchange, out, queues);
        for (qsizetype k = exchanges; k < out.exchanges().size(); ++k)
            next.append(out.exchanges()[k].exchange);
        if (trail) {
            for (qsizetype k = queues; k < out.queues().size(); ++k)
                trail->append(RouteStep{out.queues()[k].queue, step.exchange, step.how});
        }
        return out.matches() != matches;
    });
}

void VHost::setDeliveriesPaused(bool paused)
{
    paused_ = paused;
    for (const auto &q : std::as_const(queues_)) {
        if (paused)
            q->pause();
        else
            q->resume();
    }
}

Queue *VHost::stepOldest()
{
    // Oldest first; a queue whose consumers cannot take a message now is passed over.
    std::vector<std::pair<std::uint64_t, Queue *>> heads;
    for (const auto &q : std::as_const(queues_)) {
        if (const auto arrival = q->headArrival(); arrival && q->isPaused())
            heads.emplace_back(*arrival, q.get());
    }
    std::sort(heads.begin(), heads.end());
    for (const auto &[arrival, queue] : heads) {
        if (queue->step())
            return queue;
    }
    return nullptr;
}

} // namespace warren::model
