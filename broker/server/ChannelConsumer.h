// A basic.consume subscription: one channel's consumer on one queue, with its own
// prefetch limit and count of unacknowledged deliveries.
#pragma once

#include "model/Consumer.h"
#include "model/Queue.h"
#include "observe/MessageCounters.h"

namespace warren::server {

class Channel;

class ChannelConsumer final : public model::Consumer {
public:
    struct Settings {
        bool noAck = false;
        bool exclusive = false;
        std::uint16_t prefetch = 0;   // 0: unlimited
        int priority = 0;             // x-priority
    };

    ChannelConsumer(Channel &channel, std::uint32_t id, QByteArray tag, model::Queue &queue, Settings settings)
        : channel_(channel), id_(id), tag_(std::move(tag)), queue_(&queue), settings_(settings) {}

    const QByteArray &tag() const override { return tag_; }
    bool noAck() const override { return settings_.noAck; }
    bool exclusive() const override { return settings_.exclusive; }
    int priority() const override { return settings_.priority; }
    bool canTakeMessage() const override;
    void deliver(model::Queue &queue, model::QueueEntry &&entry) override;
    void queueDeleted(model::Queue &queue) override;

    std::uint32_t id() const { return id_; }
    model::Queue *queue() const { return queue_; }
    std::uint16_t prefetch() const { return settings_.prefetch; }
    qsizetype unacked() const { return unacked_; }
    void released() { --unacked_; }
    void delivered() { ++unacked_; }
    // What it received and acknowledged, for the explorer (round-robin made visible).
    const observe::MessageCounters &counters() const { return counters_; }
    void countDelivery(bool redelivered)
    {
        ++counters_.delivered;
        counters_.redelivered += redelivered;
    }
    void countAck() { ++counters_.acked; }

private:
    Channel &channel_;
    std::uint32_t id_;
    QByteArray tag_;
    model::Queue *queue_;
    Settings settings_;
    qsizetype unacked_ = 0;
    observe::MessageCounters counters_;
};

} // namespace warren::server
