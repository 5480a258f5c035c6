// The connection.start Warren sends: its identity and RabbitMQ's capability table, so
// clients enable the same extensions they would with RabbitMQ.
#pragma once

#include "ServerContext.h"
#include "protocol/Methods.h"

namespace warren::server {

amqp::ConnectionStart startMethod(const ServerContext &context);

} // namespace warren::server
