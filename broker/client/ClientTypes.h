// Plain values a client connection reports and is configured with.
#pragma once

#include "protocol/FieldValue.h"
#include "protocol/MethodId.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>

namespace warren::client {

// Where and as whom to connect: amqp://user:password@host:port/vhost, as RabbitMQ's URI
// spec reads it (percent-decoding; an empty path is "/", "/%2f" is "/" too; query
// parameters are ignored). amqps:// is refused: the client does not speak TLS.
struct AmqpUrl {
    QString host = QStringLiteral("localhost");
    std::uint16_t port = 5672;
    QByteArray user = "guest";
    QByteArray password = "guest";
    QByteArray vhost = "/";

    // nullopt (and `error`) for a URL that is not amqp:// or is malformed.
    static std::optional<AmqpUrl> parse(const QString &url, QString *error = nullptr);
    QString toString() const;   // without the password
};

struct ClientOptions {
    QByteArray user = "guest";
    QByteArray password = "guest";
    QByteArray vhost = "/";
    QString connectionName;                  // client property connection_name
    QString product = QStringLiteral("Warren simulator");
    std::uint16_t heartbeatSeconds = 60;     // proposed; the lower of both sides is used, 0 off
    std::uint32_t frameMax = 131072;
    std::uint16_t channelMax = 2047;
};

enum class ConnectionState { Idle, Handshake, Open, Closing, Closed };

// What the server said about itself during the handshake.
struct ServerInfo {
    amqp::FieldTable properties;   // connection.start server-properties
    std::uint16_t heartbeatSeconds = 0;   // negotiated
    std::uint32_t frameMax = 0;
    std::uint16_t channelMax = 0;
};

// A server's answer to one request: the -ok method's arguments, or why it refused.
struct Reply {
    amqp::MethodId id = 0;          // of the -ok method; 0 when refused
    QByteArray arguments;           // encoded, after class and method id
    std::uint16_t replyCode = 0;    // 0: ok; else the channel or connection close's code
                                    // (320 when the connection ended without one)
    QByteArray replyText;

    bool ok() const { return replyCode == 0; }
    // The -ok method decoded, e.g. reply.as<amqp::QueueDeclareOk>().
    template <class M> std::optional<M> as() const;
};

// Why a channel or the connection ended.
struct CloseReason {
    std::uint16_t replyCode = 0;   // 0: no close method (socket lost, missed heartbeats, crash)
    QByteArray replyText;
    amqp::MethodId failingMethod = 0;
    bool byServer = false;   // the server sent close, or the transport ended
};

struct Delivery {
    std::uint16_t channel = 0;
    QByteArray consumerTag;   // empty for basic.get-ok
    std::uint64_t deliveryTag = 0;
    bool redelivered = false;
    QByteArray exchange;
    QByteArray routingKey;
    QByteArray properties;    // encoded, as in the content header
    QByteArray body;
};

struct ReturnedMessage {
    std::uint16_t channel = 0;
    std::uint16_t replyCode = 0;
    QByteArray replyText;
    QByteArray exchange;
    QByteArray routingKey;
    QByteArray properties;
    QByteArray body;
};

// Callbacks; any may be left empty.
struct ClientEvents {
    std::function<void()> opened;
    std::function<void(const CloseReason &)> closed;
    std::function<void(std::uint16_t channel, const CloseReason &)> channelClosed;
    std::function<void(const Delivery &)> delivered;
    std::function<void(const ReturnedMessage &)> returned;
    // basic.ack / basic.nack from the server on a confirm-mode channel.
    std::function<void(std::uint16_t channel, std::uint64_t deliveryTag, bool multiple, bool ack)> confirmed;
    // basic.cancel from the server (queue deleted, ...).
    std::function<void(std::uint16_t channel, const QByteArray &consumerTag)> consumerCancelled;
    std::function<void(bool blocked, const QByteArray &reason)> blocked;
};

} // namespace warren::client

#include "client/ClientReply.h"   // Reply::as, which needs the codec
