// The client's half of the handshake as pure functions: what it says in start-ok, and the
// limits it settles on from connection.tune. Kept apart so that the rules (0 means "no
// limit", the lower proposal wins) are tested on their own.
#pragma once

#include "client/ClientTypes.h"

#include "protocol/Methods.h"

namespace warren::client {

// PLAIN with the options' user and password, locale en_US, and client properties naming
// the product and the capabilities RabbitMQ's own clients announce.
amqp::ConnectionStartOk startOk(const ClientOptions &options);

// The values for tune-ok: for channel_max and frame_max the lower proposal, 0 meaning no
// limit on either side; for heartbeats the lower interval, where the client's 0 turns them
// off and the server's 0 leaves the client's choice.
amqp::ConnectionTuneOk negotiate(const amqp::ConnectionTune &tune, const ClientOptions &options);

} // namespace warren::client
