// One channel of a ClientConnection: the requests waiting for their -ok (answered in the
// order they were sent), the content being assembled, confirm mode, and the methods the
// server sends on its own (deliveries, returns, confirms, cancels, channel.close).
// Internal to the client library; ClientConnection owns its channels.
#pragma once

#include "client/ClientTypes.h"

#include "protocol/ContentAssembler.h"
#include "protocol/FrameReader.h"
#include "protocol/FrameWriter.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <variant>

namespace warren::client {

// What a channel needs of its connection.
class ChannelHost {
public:
    virtual ~ChannelHost() = default;
    // Notes that output is coming (heartbeat bookkeeping, the transport's wake-up).
    virtual amqp::FrameWriter &writer() = 0;
    virtual const ClientEvents &events() const = 0;
};

// The -ok methods that answer `request`; false for a method that gets no answer.
bool isSynchronousRequest(amqp::MethodId request);
bool answers(amqp::MethodId request, amqp::MethodId reply);

class ClientChannel {
public:
    using Done = std::function<void(const Reply &)>;

    ClientChannel(std::uint16_t number, ChannelHost &host) : number_(number), host_(host) {}

    std::uint16_t number() const { return number_; }
    // Whether the client may still send on it: not closing, not closed.
    bool isUsable() const { return stage_ == Stage::Open; }
    bool isFinished() const { return stage_ == Stage::Finished; }

    // A request was sent: its answer goes to `done` (which may be empty, the slot is kept
    // so that later answers find their own requests).
    void expect(amqp::MethodId request, Done done);
    // channel.close was sent.
    void closing(Done done);
    // confirm.select was sent: publishes are numbered from 1 on.
    void enterConfirmMode() { confirmMode_ = true; }
    // The next publish's sequence number, or 0 outside confirm mode.
    std::uint64_t countPublish() { return confirmMode_ ? nextPublishSeq_++ : 0; }

    // A frame from the server. Throws amqp::AmqpError for a connection error.
    void handleFrame(const amqp::Frame &frame);
    // The connection ended: every waiting request gets `reason`'s code.
    void abandon(const CloseReason &reason);

private:
    enum class Stage { Open, Closing, Finished };
    struct Pending {
        amqp::MethodId request = 0;
        Done done;
    };
    // A get-ok answers its request once its content is complete, with these arguments.
    struct GetOk {
        amqp::BasicGetOk method;
        QByteArray arguments;   // encoded
    };
    using ContentMethod = std::variant<amqp::BasicDeliver, GetOk, amqp::BasicReturn>;
    class MethodHandler;
    friend class MethodHandler;

    void handleMethod(QByteArrayView payload);
    // Throws unless `id` answers the oldest waiting request.
    void checkAnswer(amqp::MethodId id) const;
    void answer(amqp::MethodId id, QByteArrayView arguments);
    void closedByServer(const amqp::ChannelClose &close);
    void contentComplete();
    void failPending(const CloseReason &reason);

    std::uint16_t number_;
    ChannelHost &host_;
    Stage stage_ = Stage::Open;
    std::deque<Pending> pending_;
    amqp::ContentAssembler<ContentMethod> content_;
    bool confirmMode_ = false;
    std::uint64_t nextPublishSeq_ = 1;
};

} // namespace warren::client
