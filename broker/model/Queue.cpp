#include "Queue.h"

#include <algorithm>

namespace warren::model {

Queue::Queue(std::uint64_t id, QByteArray name, QueueOptions options)
    : id_(id), name_(std::move(name)), options_(std::move(options))
{
}

void Queue::enqueue(MessageRef message)
{
    readyBytes_ += message->bodySize();
    ready_.push_back(QueueEntry{std::move(message), nextSeq_++, false});
    ++counters_.published;
    if (!consumers_.empty())
        dispatch();
}

Consumer *Queue::nextConsumer()
{
    const std::size_t n = consumers_.size();
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t at = (nextConsumer_ + i) % n;
        if (consumers_[at]->canTakeMessage()) {
            nextConsumer_ = at + 1;
            return consumers_[at];
        }
    }
    return nullptr;
}

void Queue::take(const QueueEntry &entry)
{
    readyBytes_ -= entry.message->bodySize();
    ++counters_.delivered;
    if (entry.redelivered)
        ++counters_.redelivered;
}

void Queue::dispatch()
{
    if (dispatching_)
        return;
    dispatching_ = true;
    while (!ready_.empty()) {
        Consumer *consumer = nextConsumer();
        if (!consumer)
            break;
        QueueEntry entry = std::move(ready_.front());
        ready_.pop_front();
        take(entry);
        if (!consumer->noAck())
            ++unacked_;
        consumer->deliver(*this, std::move(entry));
    }
    dispatching_ = false;
}

std::optional<QueueEntry> Queue::fetch(bool noAck)
{
    if (ready_.empty())
        return std::nullopt;
    QueueEntry entry = std::move(ready_.front());
    ready_.pop_front();
    take(entry);
    if (!noAck)
        ++unacked_;
    return entry;
}

void Queue::settle(const QueueEntry &)
{
    --unacked_;
    ++counters_.acked;
}

void Queue::requeue(QueueEntry &&entry)
{
    --unacked_;
    entry.redelivered = true;
    readyBytes_ += entry.message->bodySize();
    // Almost always at or near the front: it was delivered before everything still ready.
    auto at = std::upper_bound(ready_.begin(), ready_.end(), entry.seq,
                               [](std::uint64_t seq, const QueueEntry &e) { return seq < e.seq; });
    ready_.insert(at, std::move(entry));
}

qsizetype Queue::purge()
{
    const qsizetype n = qsizetype(ready_.size());
    ready_.clear();
    readyBytes_ = 0;
    return n;
}

void Queue::addConsumer(Consumer *consumer)
{
    consumers_.push_back(consumer);
    hadConsumers_ = true;
    if (consumer->exclusive())
        exclusiveConsumer_ = true;
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
}

} // namespace warren::model
