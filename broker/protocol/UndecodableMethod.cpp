#include "UndecodableMethod.h"

#include "AmqpError.h"
#include "ErrorText.h"

namespace warren::amqp {

void throwUndecodable(MethodDecodeStatus status, QByteArrayView payload)
{
    const MethodId id = ByteReader(payload).u32();
    switch (status) {
    case MethodDecodeStatus::UnknownMethod:
        throw AmqpError::make(ReplyCode::NotImplemented,
                              "unknown method: class " + QByteArray::number(classIdOf(id)) + ", method "
                                  + QByteArray::number(methodIndexOf(id)),
                              id);
    case MethodDecodeStatus::BadUtf8:
        throw AmqpError::make(ReplyCode::FrameError, "Malformed UTF-8 in shortstr");
    case MethodDecodeStatus::Ok:   // not an error; reached only by a caller's mistake
    case MethodDecodeStatus::Malformed:
        break;
    }
    throw AmqpError::make(ReplyCode::FrameError, "cannot decode " + erlangBinary(payload.sliced(4)), id);
}

} // namespace warren::amqp
