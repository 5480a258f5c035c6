// Reply::as, apart from ClientTypes.h because it needs the codec: a reply keeps the -ok
// method's arguments encoded, and only a caller that reads them pays for decoding.
#pragma once

#include "client/ClientTypes.h"

#include "protocol/ByteReader.h"
#include "protocol/MethodCodec.h"

namespace warren::client {

template <class M> std::optional<M> Reply::as() const
{
    M method;
    amqp::ByteReader in(arguments);
    if (id != M::id || amqp::decodeMethodArguments(in, method) != amqp::MethodDecodeStatus::Ok)
        return std::nullopt;
    return method;
}

} // namespace warren::client
