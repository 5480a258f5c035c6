// Assembles one channel's published content: basic.publish, then a content header, then
// body frames until the announced size is reached. Frames out of that order are the
// UNEXPECTED_FRAME errors RabbitMQ raises; they are thrown as amqp::AmqpError.
#pragma once

#include "protocol/AmqpError.h"
#include "protocol/Methods.h"

#include <QByteArray>

namespace warren::server {

class ContentAssembler {
public:
    enum class Stage { Idle, AwaitingHeader, AwaitingBody };

    Stage stage() const { return stage_; }
    bool isComplete() const { return complete_; }

    // A content-bearing method arrived; its header and body follow.
    void begin(amqp::BasicPublish method);
    // maxBodySize: larger content is refused before its body is buffered.
    void onHeader(QByteArrayView payload, qint64 maxBodySize);
    void onBody(QByteArrayView payload);
    // Throws the right error for a method frame arriving now; no-op when Idle.
    void checkMethodAllowed() const;

    // The finished message; resets to Idle.
    struct Content {
        amqp::BasicPublish method;
        QByteArray properties;
        QByteArray body;
    };
    Content take();

private:
    void checkStage(Stage expected) const;

    Stage stage_ = Stage::Idle;
    bool complete_ = false;
    amqp::BasicPublish method_;
    QByteArray properties_;
    QByteArray body_;
    qint64 expectedSize_ = 0;
    bool overflowed_ = false;   // more body arrived than announced
};

} // namespace warren::server
