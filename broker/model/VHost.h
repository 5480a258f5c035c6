// A virtual host: its exchanges, queues and bindings, and routing between them. Pure state:
// no sockets, no threads. It counts what happens to messages that do not reach a consumer
// (FateCounters), numbers its topology's versions, reports changes and dropped messages to
// an optional observer (the event tap), and pauses deliveries for step mode.
#pragma once

#include "Clock.h"
#include "DeadLetterBacklog.h"
#include "DeadLetterSink.h"
#include "Exchange.h"
#include "Queue.h"
#include "QueueStorage.h"
#include "TopologyListener.h"
#include "VHostObserver.h"
#include "observe/MessageCounters.h"

#include <QByteArray>
#include <QHash>

#include <QSet>
#include <QVarLengthArray>

#include <algorithm>
#include <functional>
#include <memory>

namespace warren::model {

class VHost : public DeadLetterSink {
public:
    explicit VHost(QByteArray name, const Clock &clock = Clock::steady());
    // Persistence: both optional (tests and non-durable use do without).
    void setTopologyListener(TopologyListener *listener) { listener_ = listener; }
    void setStorage(QueueStorage *storage) { storage_ = storage; }
    // Who hears of topology changes and dropped messages; null: nobody (the default).
    void setObserver(VHostObserver *observer) { observer_ = observer; }
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

    // All queues a message reaches from `exchange`, following exchange-to-exchange bindings
    // and alternate exchanges, into `out` (empty at first); with a trail, which exchange's
    // binding took it to each queue.
    void route(const Exchange &exchange, const RoutingInput &input, RouteSet &out,
               RouteTrail *trail = nullptr) const;

    // One exchange on a message's way, and how the message came to it.
    struct WalkStep {
        const Exchange *exchange;
        observe::Cause how;      // None where it was published, ExchangeBinding, AlternateExchange
        const Exchange *from;    // the exchange it came from
    };
    // The exchanges a message visits from `start`, each once, in order. visit(step, next)
    // takes the message through one exchange: it appends the exchanges its matching bindings
    // lead to to `next` and returns whether any binding matched; one that matched nothing
    // passes the message to its alternate exchange, as RabbitMQ's route1 does. Routing and
    // route explanations both walk this way, so they cannot disagree on the way.
    template <class Visit> void walk(const Exchange &start, Visit &&visit) const;

    // DeadLetterSink: counts the death, tells the observer, and routes the message to the
    // queue's dead-letter exchange when it has one.
    void messageDied(Queue &from, const MessageRef &message, DeathReason reason) override;
    void messageRefused(Queue &queue, const MessageRef &message) override;
    // Dead-lettered copies are delivered without recursion (DeadLetterBacklog), within the
    // call that produced them unless the cascade outlasts a turn's budget; then `notify`
    // is called, and whoever runs the event loop calls deliverDeadLetters() on a later turn.
    void setDeadLettersWaiting(std::function<void()> notify) { deadLettersWaiting_ = std::move(notify); }
    bool hasDeadLettersWaiting() const { return !deadLetters_.isEmpty(); }
    void deliverDeadLetters();
    void setDeadLetterBudgetMs(qint64 ms) { deadLetters_.setBudgetMs(ms); }
    // Counted here by the channels: unroutable messages returned or dropped.
    observe::FateCounters &fates() { return fates_; }
    const observe::FateCounters &fates() const { return fates_; }
    // Grows with every change of exchanges, queues or bindings.
    std::uint64_t topologyVersion() const { return topologyVersion_; }

    // RabbitMQ's firehose (rabbitmqctl trace_on): whether publishes and deliveries are copied
    // to amq.rabbitmq.trace. The channels do the copying.
    void setFirehose(bool on) { firehose_ = on; }
    bool firehose() const { return firehose_; }

    // Step mode for the whole virtual host: every queue (new ones too) holds its deliveries;
    // stepOldest() lets the oldest ready message that a consumer can take now go.
    void setDeliveriesPaused(bool paused);
    bool deliveriesPaused() const { return paused_; }
    // The queue that delivered, or null when no queue could.
    Queue *stepOldest();
    // The clock's work: expired messages leave their queues, unused x-expires queues go.
    void expireQueues();
    // Every queue, new ones too, keeps at most this many bytes of ready messages in memory.
    void setPagingWindow(qint64 bytes);
    qint64 pagingWindow() const { return pagingWindow_; }

private:
    class DefaultExchange;
    void addPredefinedExchanges();
    void removeBindingsTo(const Destination &destination);
    // The routing graph's edge counters: the queues from `first` on were reached from
    // `source`. Inline: it runs for every message routed.
    static void tallyQueues(const Exchange &source, const RouteSet &routes, qsizetype first)
    {
        for (qsizetype k = first; k < routes.queues().size(); ++k)
            routes.queues()[k].queue->routedIn().count(&source, source.name());
    }
    void changed(bool durable);
    void deadLetter(Queue &from, const MessageRef &message, DeathReason reason);
    void deliverDeadLetter(const DeadLetterBacklog::Letter &letter);

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
    VHostObserver *observer_ = nullptr;
    observe::FateCounters fates_;
    std::uint64_t topologyVersion_ = 1;
    std::uint64_t arrivals_ = 1;   // shared by the queues: the order messages arrived in
    bool firehose_ = false;
    bool paused_ = false;
    qint64 pagingWindow_ = Queue::kPagingWindowBytes;
    DeadLetterBacklog deadLetters_{clock_};
    std::function<void()> deadLettersWaiting_;
};

template <class Visit> void VHost::walk(const Exchange &start, Visit &&visit) const
{
    QVarLengthArray<WalkStep, 8> steps{{&start, observe::Cause::None, nullptr}};
    QVarLengthArray<const Exchange *, 8> next;
    // Exchanges already on the way are looked up in `steps` itself while a message visits a
    // handful (the usual case, without allocating), in a set beyond that.
    constexpr qsizetype kFew = 16;
    QSet<const Exchange *> many;
    const auto seen = [&](const Exchange *x) {
        if (steps.size() <= kFew)
            return std::any_of(steps.cbegin(), steps.cend(), [x](const WalkStep &s) { return s.exchange == x; });
        if (many.isEmpty()) {
            for (const WalkStep &s : steps)
                many.insert(s.exchange);
        }
        return many.contains(x);
    };
    const auto follow = [&](const Exchange *x, observe::Cause how, const Exchange *from) {
        if (!x || seen(x))
            return;
        steps.append({x, how, from});
        if (!many.isEmpty())
            many.insert(x);
    };
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const WalkStep step = steps[i];   // a copy: follow() may grow `steps`
        next.clear();
        const bool matched = visit(step, next);
        for (const Exchange *x : next)
            follow(x, observe::Cause::ExchangeBinding, step.exchange);
        if (!matched && step.exchange->alternateExchange())
            follow(findExchange(*step.exchange->alternateExchange()), observe::Cause::AlternateExchange, step.exchange);
    }
}

} // namespace warren::model
