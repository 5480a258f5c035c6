// Well-formed AMQP traffic to start fuzzing from: the client side of a handshake and a
// varied conversation on channel 1, encoded with Warren's own codec. Every fuzz target's
// input is one "shape" byte (how the target cuts the rest into reads) and a payload.
#pragma once

#include <QByteArray>
#include <QList>

namespace warren::fuzz {

// Protocol header, start-ok (guest/guest), tune-ok, connection.open, channel.open on 1.
QByteArray handshake();
// Separate pieces of conversation (publishes with content, consumes, acks, declares...),
// each a valid sequence of frames after handshake().
QList<QByteArray> conversations();
// Handshakes from the protocol header on: good and bad credentials, mechanisms, virtual
// hosts, tune values. The login target's users: guest/guest, alice/secret (on / and
// "shop"), bob/hunter2 (no permissions), and the vhosts / and "shop".
QList<QByteArray> logins();
// After handshake(): durable queues, an exchange and bindings, persistent messages (headers,
// CC keys, priorities, a large body), some acknowledged: a data directory worth recovering.
QByteArray durableConversation();

// The payloads to start from of the target linked in (each target's .cpp defines it), for
// fuzz_smoke's mutations and for --write-seeds.
QList<QByteArray> targetSeeds();

} // namespace warren::fuzz
