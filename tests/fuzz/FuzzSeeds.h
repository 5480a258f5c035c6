// Well-formed AMQP traffic to start fuzzing from: the client side of a handshake and a
// varied conversation on channel 1, encoded with Warren's own codec.
#pragma once

#include <QByteArray>
#include <QList>

namespace warren::fuzz {

// Protocol header, start-ok (guest/guest), tune-ok, connection.open, channel.open on 1.
QByteArray handshake();
// Separate pieces of conversation (publishes with content, consumes, acks, declares...),
// each a valid sequence of frames after handshake().
QList<QByteArray> conversations();

} // namespace warren::fuzz
