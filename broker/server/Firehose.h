// RabbitMQ's firehose (`rabbitmqctl trace_on`): for a virtual host with tracing on, every
// publish and every delivery (basic.get included) is also published to the vhost's
// amq.rabbitmq.trace exchange, with routing key publish.<exchange> or deliver.<queue>, the
// original body, and the headers RabbitMQ 3.10 writes (exchange_name, routing_keys,
// properties, node, then vhost, connection, channel, user, and routed_queues or redelivered
// as 0/1). Never sampled; messages of amq.rabbitmq.trace itself are not traced, so tracing
// never feeds on itself. Existing firehose tooling works against Warren as it is.
#pragma once

#include "model/Message.h"
#include "model/RouteSet.h"

#include <cstdint>

namespace warren::model {
class Queue;
class VHost;
}

namespace warren::server {

class Connection;

class Firehose {
public:
    static constexpr const char *kExchange = "amq.rabbitmq.trace";

    // A publish, once routed and before its queues receive it (as RabbitMQ's channel does).
    static void published(Connection &connection, std::uint16_t channel, const model::Message &message,
                          const model::RouteSet &routes);
    static void delivered(Connection &connection, std::uint16_t channel, const model::Queue &queue,
                          const model::Message &message, bool redelivered);
};

} // namespace warren::server
