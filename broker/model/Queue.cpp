#include "Queue.h"

#include <QLoggingCategory>

#include <algorithm>
#include <utility>

Q_LOGGING_CATEGORY(lcQueue, "warren.queue")

namespace warren::model {

Queue::Queue(std::uint64_t id, QByteArray name, QueueOptions options, const Clock &clock,
             DeadLetterSink *deadLetters, QueueStorage *storage)
    : id_(id), name_(std::move(name)), options_(std::move(options)), clock_(clock), deadLetters_(deadLetters),
      storage_(storage), ready_(options_.policy.maxPriority), lastUsed_(clock.nowMs())
{
}

qint64 Queue::expiryFor(std::optional<qint64> messageTtl) const
{
    std::optional<qint64> ttl = policy().messageTtl;
    if (messageTtl)
        ttl = ttl ? qMin(*ttl, *messageTtl) : *messageTtl;
    return ttl ? clock_.nowMs() + *ttl : 0;
}

bool Queue::isOverLimit(qsizetype extraMessages, qint64 extraBytes) const
{
    const QueuePolicy &p = policy();
    return (p.maxLength && ready_.size() + extraMessages > *p.maxLength)
        || (p.maxLengthBytes && ready_.bytes() + extraBytes > *p.maxLengthBytes);
}

Queue::EnqueueResult Queue::enqueue(MessageRef message, std::optional<qint64> messageTtl)
{
    const QueuePolicy &p = policy();
    if (p.overflow != Overflow::DropHead && isOverLimit(1, message->bodySize())) {
        if (deadLetters_)
            deadLetters_->messageRefused(*this, message);
        if (storage_ && message->storeId)
            storage_->removed(*this, message->storeId);
        return EnqueueResult::Rejected;
    }
    messagesMayExpire_ = messagesMayExpire_ || messageTtl.has_value();
    const qint64 now = clock_.nowMs();
    countInMemory(*message);
    QueueEntry entry = QueueEntry::of(std::move(message), (*arrivals_)++, expiryFor(messageTtl));
    const bool ttlZero = entry.expiresAt == now;
    ready_.push(std::move(entry));
    ++counters_.published;
    // A waiting consumer first (with drop-head it may take what would be dropped), at the
    // instant of arrival: a TTL-0 message must not expire because the clock moved meanwhile.
    dispatchAt(now);
    enforceLength();
    if (inMemoryBytes_ > pagingWindow_)
        pageOutNewest();
    if (ttlZero)       // TTL 0: delivered at once or never
        expireUntil(now + 1);
    return EnqueueResult::Enqueued;
}

// drop-head: the oldest messages make room, dead-lettered as "maxlen".
void Queue::enforceLength()
{
    if (policy().overflow != Overflow::DropHead || !policy().hasLengthLimit())
        return;
    while (!ready_.isEmpty() && isOverLimit(0, 0)) {
        if (std::optional<QueueEntry> head = takeHead())
            drop(*head, DeathReason::MaxLen);
    }
}

Consumer *Queue::nextConsumer()
{
    if (consumers_.empty())
        return nullptr;
    if (policy().singleActiveConsumer) {
        // Only the first subscriber receives; the next one takes over when it leaves.
        Consumer *active = consumers_.front();
        return active->canTakeMessage() ? active : nullptr;
    }
    const std::size_t n = consumers_.size();
    Consumer *best = nullptr;
    std::size_t bestAt = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t at = (nextConsumer_ + i) % n;
        Consumer *c = consumers_[at];
        if (best && c->priority() <= best->priority())
            continue;
        if (!c->canTakeMessage())
            continue;
        best = c;
        bestAt = at;
        if (!consumerPriorities_)
            break;
    }
    if (best)
        nextConsumer_ = bestAt + 1;
    return best;
}

void Queue::take(const QueueEntry &entry)
{
    ++counters_.delivered;
    if (entry.redelivered)
        ++counters_.redelivered;
}

void Queue::dispatch()
{
    dispatchAt(clock_.nowMs());
}

void Queue::dispatchAt(qint64 now)
{
    if (dispatching_)
        return;
    dispatching_ = true;
    expireUntil(now);
    while (!ready_.isEmpty() && (!paused_ || stepsAllowed_ > 0)) {
        Consumer *consumer = nextConsumer();
        if (!consumer)
            break;
        std::optional<QueueEntry> head = takeHead();
        if (!head)
            break;
        if (paused_)
            --stepsAllowed_;
        QueueEntry &entry = *head;
        take(entry);
        if (consumer->noAck()) {
            journalRemoved(entry);
        } else {
            ++unacked_;
            journalDelivered(entry);
        }
        consumer->deliver(*this, std::move(entry));
    }
    dispatching_ = false;
    expire();   // what no consumer could take at once may have a TTL of 0
}

void Queue::resume()
{
    paused_ = false;
    stepsAllowed_ = 0;
    dispatch();
}

bool Queue::step()
{
    if (!paused_ || ready_.isEmpty())
        return false;
    stepsAllowed_ = 1;
    dispatch();
    // Not banked: a step nobody could take now does not release a message later.
    return std::exchange(stepsAllowed_, 0) == 0;
}

std::optional<std::uint64_t> Queue::headArrival() const
{
    const QueueEntry *head = ready_.head();
    return head ? std::optional<std::uint64_t>(head->seq) : std::nullopt;
}

std::optional<QueueEntry> Queue::fetch(bool noAck)
{
    markUsed();
    expire();
    std::optional<QueueEntry> head = takeHead();
    if (!head)
        return std::nullopt;
    QueueEntry &entry = *head;
    take(entry);
    if (noAck) {
        journalRemoved(entry);
    } else {
        ++unacked_;
        journalDelivered(entry);
    }
    return entry;
}

void Queue::settle(const QueueEntry &entry)
{
    --unacked_;
    ++counters_.acked;
    journalRemoved(entry);
}

void Queue::reject(QueueEntry &&entry)
{
    --unacked_;
    drop(entry, DeathReason::Rejected);
}

void Queue::requeue(QueueEntry &&entry)
{
    --unacked_;
    if (policy().type == QueueType::Quorum) {
        ++entry.deliveryCount;
        if (policy().deliveryLimit && entry.deliveryCount > *policy().deliveryLimit) {
            drop(entry, DeathReason::DeliveryLimit);
            return;
        }
    }
    entry.redelivered = true;
    countInMemory(*entry.message);
    if (policy().type == QueueType::Quorum) {
        // A quorum queue is a log: what comes back joins the end.
        entry.seq = (*arrivals_)++;
        ready_.push(std::move(entry));
    } else {
        ready_.putBack(std::move(entry));
    }
    enforceLength();   // drop-head: a requeue into a full queue drops the head, maybe itself
}

qsizetype Queue::purge()
{
    if (storage_)
        ready_.forEach([this](const QueueEntry &e) { journalRemoved(e); });
    inMemory_ = 0;
    inMemoryBytes_ = 0;
    return ready_.clear();
}

void Queue::restore(const RestoredMessage &restored)
{
    // The store keeps no enqueue time: TTLs (the queue's and the message's expiration) count
    // again from the restart, so that an expiring message still expires.
    messagesMayExpire_ = messagesMayExpire_ || restored.messageTtl.has_value();
    const qint64 expiresAt = expiryFor(restored.messageTtl);
    // The oldest messages, up to the restore window, are read now; the rest stay on disk
    // until the head of the queue reaches them.
    if (!storage_ || inMemoryBytes_ < qMin(pagingWindow_, kRestoreWindowBytes)) {
        if (MessageRef message = restored.load()) {
            countInMemory(*message);
            ready_.push(QueueEntry::of(std::move(message), (*arrivals_)++, expiresAt, restored.redelivered));
            return;
        }
    }
    QueueEntry entry;
    entry.seq = (*arrivals_)++;
    entry.redelivered = restored.redelivered;
    entry.expiresAt = expiresAt;
    entry.pageId = restored.storeId;
    entry.bodySize = restored.bodySize;
    entry.priority = restored.priority;
    ready_.push(std::move(entry));
}

std::optional<QueueEntry> Queue::takeHead()
{
    while (!ready_.isEmpty()) {
        QueueEntry entry = ready_.takeHead();
        if (!entry.isPaged()) {
            uncountInMemory(*entry.message);
            return entry;
        }
        if (pageIn(entry))
            return entry;
        discardUnreadable(entry);
    }
    return std::nullopt;
}

bool Queue::pageIn(QueueEntry &entry)
{
    entry.message = storage_->pageIn(entry.pageId);
    return bool(entry.message);
}

// A paged-out message whose record no longer reads back (the disk failed under it) is
// dropped, never delivered as an empty message.
void Queue::discardUnreadable(const QueueEntry &entry)
{
    qCCritical(lcQueue) << "queue" << name_ << ": message record" << entry.pageId
                        << "cannot be read back from the store; the message is lost";
    if (storage_)
        storage_->removed(*this, entry.pageId);
}

void Queue::pageOutNewest()
{
    if (QueueEntry *newest = ready_.newest())
        pageOut(*newest);
}

void Queue::pageOut(QueueEntry &entry)
{
    if (!storage_ || entry.isPaged())
        return;
    if (const std::uint64_t id = storage_->pageOut(*this, *entry.message)) {
        entry.pageId = id;
        uncountInMemory(*entry.message);
        entry.message.reset();
    }
}

qint64 Queue::memoryCost(const Message &message)
{
    return message.body.size() + message.properties.size() + message.routingKey.size() + kMessageOverheadBytes;
}

void Queue::countInMemory(const Message &message)
{
    ++inMemory_;
    inMemoryBytes_ += memoryCost(message);
}

void Queue::uncountInMemory(const Message &message)
{
    --inMemory_;
    inMemoryBytes_ -= memoryCost(message);
}

void Queue::setPagingWindow(qint64 bytes)
{
    pagingWindow_ = bytes;
    if (!storage_)
        return;
    ready_.forEachNewestFirst([&](QueueEntry &e) {
        if (inMemoryBytes_ <= pagingWindow_)
            return false;
        pageOut(e);
        return true;
    });
}

void Queue::addConsumer(Consumer *consumer)
{
    consumers_.push_back(consumer);
    hadConsumers_ = true;
    consumerPriorities_ = consumerPriorities_ || consumer->priority() != 0;
    if (consumer->exclusive())
        exclusiveConsumer_ = true;
    markUsed();
    dispatch();
}

void Queue::removeConsumer(Consumer *consumer)
{
    auto it = std::find(consumers_.begin(), consumers_.end(), consumer);
    if (it == consumers_.end())
        return;
    const std::size_t at = std::size_t(it - consumers_.begin());
    consumers_.erase(it);
    if (at < nextConsumer_)
        --nextConsumer_;
    if (consumer->exclusive())
        exclusiveConsumer_ = false;
    markUsed();
}

void Queue::expire()
{
    expireUntil(clock_.nowMs());
}

void Queue::expireUntil(qint64 now)
{
    if (!policy().messageTtl && !messagesMayExpire_)
        return;
    // Collected first: dead-lettering may route straight back into this queue.
    std::vector<QueueEntry> expired;
    ready_.takeExpired(now, [&](QueueEntry &&e) { expired.push_back(std::move(e)); });
    for (QueueEntry &e : expired) {
        if (!e.isPaged())
            uncountInMemory(*e.message);
        else if (!pageIn(e)) {
            discardUnreadable(e);
            continue;
        }
        drop(e, DeathReason::Expired);
    }
}

bool Queue::isUnusedTooLong() const
{
    return policy().expires && consumers_.empty() && clock_.nowMs() - lastUsed_ >= *policy().expires;
}

bool Queue::hasTimers() const
{
    return policy().expires || ((policy().messageTtl || messagesMayExpire_) && !ready_.isEmpty());
}

void Queue::drop(QueueEntry &entry, DeathReason reason)
{
    if (deadLetters_)
        deadLetters_->messageDied(*this, entry.message, reason);
    journalRemoved(entry);
}

namespace {
std::uint64_t storeIdOf(const QueueEntry &entry)
{
    return entry.message ? entry.message->storeId : entry.pageId;
}
} // namespace

void Queue::journalDelivered(const QueueEntry &entry)
{
    // Every time: the store tracks what each queue has out, so that deleting the queue
    // costs what it holds (it writes its record only once).
    if (storage_ && storeIdOf(entry))
        storage_->delivered(*this, storeIdOf(entry));
}

void Queue::forEachReadyStoreId(const std::function<void(std::uint64_t)> &f) const
{
    ready_.forEach([&](const QueueEntry &e) {
        if (const std::uint64_t id = storeIdOf(e))
            f(id);
        if (e.pageId && e.message && e.pageId != e.message->storeId)
            f(e.pageId);
    });
}

void Queue::journalRemoved(const QueueEntry &entry)
{
    if (storage_ && storeIdOf(entry))
        storage_->removed(*this, storeIdOf(entry));
    // A paged-in copy of a message stored for another reason holds its own record too.
    if (storage_ && entry.pageId && entry.message && entry.pageId != entry.message->storeId)
        storage_->removed(*this, entry.pageId);
}

} // namespace warren::model
