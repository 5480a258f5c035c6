// Assembles one channel's content: a content-bearing method (basic.publish from a client;
// basic.deliver, get-ok or return from a server), then a content header, then body frames
// until the announced size is reached. Frames out of that order are the UNEXPECTED_FRAME
// errors RabbitMQ raises, with its reply texts; they are thrown as amqp::AmqpError.
//
// The broker and the client library both assemble content with it. On the broker it runs
// for every publish: the body is copied once, out of its frame, and nothing else is allocated.
#pragma once

#include "AmqpError.h"

#include <QByteArray>
#include <QByteArrayView>

#include <utility>

namespace warren::amqp {

// The header and the body, whichever method announced them; ContentAssembler adds the method.
class ContentFrames {
public:
    enum class Stage { Idle, AwaitingHeader, AwaitingBody };

    Stage stage() const { return stage_; }
    bool isComplete() const { return complete_; }

    // maxBodySize: larger content is refused before its body is buffered.
    void onHeader(QByteArrayView payload, qint64 maxBodySize);
    void onBody(QByteArrayView payload);
    // Throws the right error for a method frame arriving now; no-op when Idle.
    void checkMethodAllowed() const;

protected:
    void start()
    {
        stage_ = Stage::AwaitingHeader;
        complete_ = false;
    }

    bool complete_ = false;
    QByteArray properties_;
    QByteArray body_;

private:
    void checkStage(Stage expected) const;

    Stage stage_ = Stage::Idle;
    qint64 expectedSize_ = 0;
    bool overflowed_ = false;   // more body arrived than announced
};

template <class Method> class ContentAssembler : public ContentFrames {
public:
    // A content-bearing method arrived; its header and body follow.
    void begin(Method method)
    {
        method_ = std::move(method);
        start();
    }

    // The finished content; resets to Idle.
    struct Content {
        Method method;
        QByteArray properties;
        QByteArray body;
    };
    Content take()
    {
        complete_ = false;
        return Content{std::move(method_), std::move(properties_), std::move(body_)};
    }

private:
    Method method_;
};

} // namespace warren::amqp
