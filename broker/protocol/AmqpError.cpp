#include "AmqpError.h"

namespace warren::amqp {

QByteArray AmqpError::replyText() const
{
    QByteArray out = replyCodeName(code);
    if (text.isEmpty())   // as RabbitMQ words a crash: "INTERNAL_ERROR"
        return out;
    out += " - ";
    out += text;
    // A reply-text is a shortstr: at most 255 octets.
    return out.left(255);
}

} // namespace warren::amqp
