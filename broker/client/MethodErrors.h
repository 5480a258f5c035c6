// What the client answers a method frame from the server that did not decode with: a
// connection error, thrown as amqp::AmqpError like every protocol error in the library.
#pragma once

#include "protocol/AmqpError.h"
#include "protocol/ByteReader.h"
#include "protocol/MethodCodec.h"

namespace warren::client {

inline void throwIfUndecodable(amqp::MethodDecodeStatus status, QByteArrayView payload)
{
    using amqp::ReplyCode;
    const amqp::MethodId id = amqp::ByteReader(payload).u32();
    switch (status) {
    case amqp::MethodDecodeStatus::Ok:
        return;
    case amqp::MethodDecodeStatus::UnknownMethod:
        throw amqp::AmqpError::make(ReplyCode::NotImplemented,
                                    "unknown method: class " + QByteArray::number(amqp::classIdOf(id)) + ", method "
                                        + QByteArray::number(amqp::methodIndexOf(id)));
    case amqp::MethodDecodeStatus::BadUtf8:
        throw amqp::AmqpError::make(ReplyCode::FrameError, "Malformed UTF-8 in shortstr", id);
    case amqp::MethodDecodeStatus::Malformed:
        throw amqp::AmqpError::make(ReplyCode::FrameError,
                                    QByteArray("cannot decode the arguments of ") + amqp::methodName(id), id);
    }
}

} // namespace warren::client
