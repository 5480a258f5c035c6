// An AMQP client inside the broker process. The explorer's commands (declare, bind,
// publish, get, purge, delete...) go through the same Channel code as any network client's,
// so they are checked and answered exactly as RabbitMQ would answer them: one code path,
// one set of error texts. There is no socket: frames are handed to the server Connection
// and its output is read straight back. Both sides run on the broker thread, so a method's
// answer is complete when call() returns.
#pragma once

#include "protocol/MethodCodec.h"
#include "protocol/Methods.h"
#include "protocol/OutputBuffer.h"
#include "server/Connection.h"

#include <QList>

#include <memory>
#include <optional>

namespace warren::management {

// One method the broker sent, with its content when it carries one (get-ok, return).
struct ReceivedMethod {
    amqp::MethodId id = 0;
    QByteArray arguments;    // after class and method id
    QByteArray properties;   // encoded, as in the content header
    QByteArray body;

    template <class M> std::optional<M> as() const
    {
        M m;
        amqp::ByteReader in(arguments);
        if (id != M::id || amqp::decodeMethodArguments(in, m) != amqp::MethodDecodeStatus::Ok)
            return std::nullopt;
        return m;
    }
};

// The broker's answer to one call: what it sent back, or why it closed the channel (or the
// whole connection).
struct CallResult {
    QList<ReceivedMethod> methods;
    std::uint16_t replyCode = 0;   // 0: no error
    QByteArray replyText;

    bool ok() const { return replyCode == 0; }
    const ReceivedMethod *find(amqp::MethodId id) const;
};

class LoopbackClient final : public server::ConnectionTransport {
public:
    // Opens a connection to `vhost` on behalf of `user`, and channel 1 on it.
    LoopbackClient(server::ServerContext &context, model::VHost &vhost, const QByteArray &user);
    ~LoopbackClient() override;
    LoopbackClient(const LoopbackClient &) = delete;
    LoopbackClient &operator=(const LoopbackClient &) = delete;

    template <class M> CallResult call(const M &method)
    {
        writer_.method(kChannel, method);
        return exchangeFrames();
    }
    CallResult publish(const amqp::BasicPublish &method, const QByteArray &properties, const QByteArray &body);
    // False once the broker closed the connection: make a new client.
    bool isOpen() const { return open_; }

    // server::ConnectionTransport: nothing to do, the output is read after each call.
    void outputReady() override {}
    void closeTransport() override { open_ = false; }
    void closeAfter(int) override {}
    void setReading(bool) override {}

private:
    static constexpr std::uint16_t kChannel = 1;

    CallResult exchangeFrames();
    void readOutput(CallResult &result);
    void openChannel();

    amqp::OutputBuffer requests_;
    amqp::FrameWriter writer_{requests_};
    std::unique_ptr<server::Connection> connection_;
    bool open_ = true;
};

} // namespace warren::management
