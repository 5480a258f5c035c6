#include "AmqpError.h"

namespace warren::amqp {

QByteArray AmqpError::replyText() const
{
    QByteArray out = replyCodeName(code);
    out += " - ";
    out += text;
    // A reply-text is a shortstr: at most 255 octets.
    return out.left(255);
}

} // namespace warren::amqp
