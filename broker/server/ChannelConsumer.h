// A basic.consume subscription: one channel's consumer on one queue, with its own
// prefetch limit and count of unacknowledged deliveries.
#pragma once

#include "model/Consumer.h"
#include "model/Queue.h"

namespace warren::server {

class Channel;

class ChannelConsumer final : public model::Consumer {
public:
    ChannelConsumer(Channel &channel, std::uint32_t id, QByteArray tag, model::Queue &queue,
                    bool noAck, bool exclusive, std::uint16_t prefetch)
        : channel_(channel), id_(id), tag_(std::move(tag)), queue_(&queue), noAck_(noAck),
          exclusive_(exclusive), prefetch_(prefetch) {}

    const QByteArray &tag() const override { return tag_; }
    bool noAck() const override { return noAck_; }
    bool exclusive() const override { return exclusive_; }
    bool canTakeMessage() const override;
    void deliver(model::Queue &queue, model::QueueEntry &&entry) override;
    void queueDeleted(model::Queue &queue) override;

    std::uint32_t id() const { return id_; }
    model::Queue *queue() const { return queue_; }
    std::uint16_t prefetch() const { return prefetch_; }
    qsizetype unacked() const { return unacked_; }
    void released() { --unacked_; }
    void delivered() { ++unacked_; }

private:
    Channel &channel_;
    std::uint32_t id_;
    QByteArray tag_;
    model::Queue *queue_;
    bool noAck_;
    bool exclusive_;
    std::uint16_t prefetch_;   // 0: unlimited
    qsizetype unacked_ = 0;
};

} // namespace warren::server
