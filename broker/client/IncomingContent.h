// Assembles one channel's incoming content: basic.deliver, basic.get-ok or basic.return,
// then a content header, then body frames until the announced size is reached. A frame out
// of that order is the server's protocol error, thrown as amqp::AmqpError (UNEXPECTED_FRAME,
// or FRAME_ERROR for a header that does not parse or a body longer than announced).
#pragma once

#include "protocol/AmqpError.h"
#include "protocol/Methods.h"

#include <QByteArray>
#include <QByteArrayView>

#include <variant>

namespace warren::client {

class IncomingContent {
public:
    using Method = std::variant<amqp::BasicDeliver, amqp::BasicGetOk, amqp::BasicReturn>;

    struct Content {
        Method method;
        QByteArray arguments;    // the method's, encoded (a get-ok's reply)
        QByteArray properties;   // encoded, as in the content header
        QByteArray body;
    };

    // A content-bearing method arrived; its header and body follow.
    void begin(Method method, QByteArray arguments);
    // Throws when a header or body is due: no method may come between.
    void checkMethodAllowed() const;
    // Each returns true when the content is complete; take() it then.
    bool onHeader(QByteArrayView payload);
    bool onBody(QByteArrayView payload);
    Content take();

private:
    enum class Stage { Idle, AwaitingHeader, AwaitingBody };
    void checkStage(Stage expected) const;

    Stage stage_ = Stage::Idle;
    Content content_;
    qint64 expectedSize_ = 0;
};

} // namespace warren::client
