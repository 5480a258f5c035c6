// An AMQP exception: what a channel.close or connection.close will carry.
#pragma once

#include "Constants.h"
#include "MethodId.h"

#include <QByteArray>

namespace warren::amqp {

struct AmqpError {
    ReplyCode code = ReplyCode::Success;
    QByteArray text;       // without the "NAME - " prefix; see replyText()
    MethodId method = 0;   // the method that caused it, 0 when none

    bool isHard() const { return isHardError(code); }
    // RabbitMQ's format: "NOT_FOUND - no queue 'x' in vhost '/'"; the name alone when
    // there is no text.
    QByteArray replyText() const;

    static AmqpError make(ReplyCode code, QByteArray text, MethodId method = 0)
    {
        return AmqpError{code, std::move(text), method};
    }
};

} // namespace warren::amqp
