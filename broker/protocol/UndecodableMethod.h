// What a peer's method frame that did not decode is answered with: the connection error
// RabbitMQ raises, thrown as amqp::AmqpError. The broker and the client library both use it.
#pragma once

#include "MethodCodec.h"

#include <QByteArrayView>

namespace warren::amqp {

// payload: the whole method frame's, at least its class and method ids.
[[noreturn]] void throwUndecodable(MethodDecodeStatus status, QByteArrayView payload);

// On the path of every method frame: the check is inline, the error is not.
inline void throwIfUndecodable(MethodDecodeStatus status, QByteArrayView payload)
{
    if (status != MethodDecodeStatus::Ok) [[unlikely]]
        throwUndecodable(status, payload);
}

} // namespace warren::amqp
