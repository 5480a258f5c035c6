#include "Queue.h"

#include <algorithm>

namespace warren::model {

Queue::Queue(std::uint64_t id, QByteArray name, QueueOptions options, const Clock &clock,
             DeadLetterSink *deadLetters, QueueJournal *journal)
    : id_(id), name_(std::move(name)), options_(std::move(options)), clock_(clock), deadLetters_(deadLetters),
      journal_(journal), ready_(options_.policy.maxPriority), lastUsed_(clock.nowMs())
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
        if (p.overflow == Overflow::RejectPublishDlx)
            deadLetter(message, DeathReason::MaxLen);
        journalRemoved(*message);
        return EnqueueResult::Rejected;
    }
    messagesMayExpire_ = messagesMayExpire_ || messageTtl.has_value();
    const qint64 now = clock_.nowMs();
    QueueEntry entry{std::move(message), nextSeq_++, false, expiryFor(messageTtl), 0};
    const bool ttlZero = entry.expiresAt == now;
    ready_.push(std::move(entry));
    ++counters_.published;
    dispatch();        // a waiting consumer first: with drop-head it may take what would be dropped
    enforceLength();
    if (ttlZero)       // TTL 0: delivered at once or never
        expireUntil(now + 1);
    return EnqueueResult::Enqueued;
}

// drop-head: the oldest messages make room, dead-lettered as "maxlen".
void Queue::enforceLength()
{
    if (policy().overflow != Overflow::DropHead || !policy().hasLengthLimit())
        return;
    while (!ready_.isEmpty() && isOverLimit(0, 0))
        drop(ready_.takeHead(), DeathReason::MaxLen);
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
    if (dispatching_)
        return;
    dispatching_ = true;
    expire();
    while (!ready_.isEmpty()) {
        Consumer *consumer = nextConsumer();
        if (!consumer)
            break;
        QueueEntry entry = ready_.takeHead();
        take(entry);
        if (consumer->noAck()) {
            journalRemoved(*entry.message);
        } else {
            ++unacked_;
            journalDelivered(entry);
        }
        consumer->deliver(*this, std::move(entry));
    }
    dispatching_ = false;
    expire();   // what no consumer could take at once may have a TTL of 0
}

std::optional<QueueEntry> Queue::fetch(bool noAck)
{
    markUsed();
    expire();
    if (ready_.isEmpty())
        return std::nullopt;
    QueueEntry entry = ready_.takeHead();
    take(entry);
    if (noAck) {
        journalRemoved(*entry.message);
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
    journalRemoved(*entry.message);
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
    if (policy().type == QueueType::Quorum) {
        // A quorum queue is a log: what comes back joins the end.
        entry.seq = nextSeq_++;
        ready_.push(std::move(entry));
    } else {
        ready_.putBack(std::move(entry));
    }
    enforceLength();   // drop-head: a requeue into a full queue drops the head, maybe itself
}

qsizetype Queue::purge()
{
    if (journal_)
        ready_.forEach([this](const QueueEntry &e) { journalRemoved(*e.message); });
    return ready_.clear();
}

void Queue::restore(MessageRef message, bool redelivered)
{
    ready_.push(QueueEntry{std::move(message), nextSeq_++, redelivered, 0, 0});
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
    for (const QueueEntry &e : expired)
        drop(e, DeathReason::Expired);
}

bool Queue::isUnusedTooLong() const
{
    return policy().expires && consumers_.empty() && clock_.nowMs() - lastUsed_ >= *policy().expires;
}

bool Queue::hasTimers() const
{
    return policy().expires || ((policy().messageTtl || messagesMayExpire_) && !ready_.isEmpty());
}

void Queue::drop(const QueueEntry &entry, DeathReason reason)
{
    deadLetter(entry.message, reason);
    journalRemoved(*entry.message);
}

void Queue::journalDelivered(const QueueEntry &entry)
{
    // Once is enough: a restart only needs to know it went out at least once.
    if (journal_ && entry.message->storeId && !entry.redelivered)
        journal_->delivered(*this, *entry.message);
}

void Queue::journalRemoved(const Message &message)
{
    if (journal_ && message.storeId)
        journal_->removed(*this, message);
}

void Queue::deadLetter(const MessageRef &message, DeathReason reason)
{
    if (deadLetters_ && policy().deadLetterExchange)
        deadLetters_->deadLetter(*this, message, reason);
}

} // namespace warren::model
