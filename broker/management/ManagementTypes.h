// What the explorer asks of the broker and what it gets back: plain values that cross the
// thread boundary by copy (see BrokerController). Names are QStrings for the widgets;
// arguments, headers and properties are the protocol's own value types.
#pragma once

#include "observe/RouteExplanation.h"
#include "protocol/BasicProperties.h"
#include "protocol/FieldValue.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace warren::management {

// Done, or refused with RabbitMQ's reply code and text (e.g. 406 PRECONDITION_FAILED -
// inequivalent arg 'durable' ...), exactly what an AMQP client would have been told.
struct Outcome {
    int replyCode = 0;
    QString text;
    qint64 count = 0;   // messages purged or moved, where that applies

    bool ok() const { return replyCode == 0; }
    static Outcome failure(int code, const QString &text) { return Outcome{code, text, 0}; }
};

struct ExchangeSpec {
    QString vhost = QStringLiteral("/");
    QString name;
    QString type = QStringLiteral("direct");
    bool durable = true;
    bool autoDelete = false;
    bool internal = false;
    amqp::FieldTable arguments;
};

struct QueueSpec {
    QString vhost = QStringLiteral("/");
    QString name;
    bool durable = true;
    bool exclusive = false;
    bool autoDelete = false;
    amqp::FieldTable arguments;
};

struct BindingSpec {
    QString vhost = QStringLiteral("/");
    QString source;
    QString destination;
    bool toExchange = false;   // an exchange-to-exchange binding
    QString routingKey;
    amqp::FieldTable arguments;
};

// A user's permissions in one virtual host, as `rabbitmqctl set_permissions`: regular
// expressions over the names of exchanges and queues, matched as RabbitMQ matches them
// (unanchored: "^" for a prefix; "" allows nothing, ".*" everything).
struct PermissionSpec {
    QString user;
    QString vhost = QStringLiteral("/");
    QString configure = QStringLiteral(".*");
    QString write = QStringLiteral(".*");
    QString read = QStringLiteral(".*");
};

struct PublishSpec {
    QString vhost = QStringLiteral("/");
    QString exchange;
    QString routingKey;
    amqp::BasicProperties properties;
    QByteArray body;
};

struct PublishResult {
    Outcome outcome;
    bool routed = false;   // false: no queue took it (the broker returned it)
};

// A message taken with basic.get, as the viewer shows it.
struct MessageView {
    QString exchange;
    QString routingKey;
    bool redelivered = false;
    qint64 remaining = 0;   // messages left in the queue after this one
    amqp::BasicProperties properties;
    QByteArray body;
};

enum class GetMode {
    Requeue,   // look only: every message goes back, in its place, marked redelivered
    Ack,       // take them out of the queue
};

struct GetResult {
    Outcome outcome;
    QList<MessageView> messages;
};

// "Why would a message published to `exchange` with this key and these headers go where
// it goes?", optionally "... if this binding existed too?".
struct RouteQuestion {
    QString vhost = QStringLiteral("/");
    QString exchange;
    QString routingKey;
    amqp::FieldTable headers;
    std::optional<BindingSpec> proposed;
};

struct RouteAnswer {
    Outcome outcome;
    observe::RouteExplanation explanation;   // with the proposed binding, if any
    QList<QByteArray> queuesWithoutProposed;  // where the message goes today
};

// Step mode: which queue let a message go (empty when none could), and how many messages
// still wait there (in the queue, or in the vhost's paused queues): when no queue could
// deliver, 0 means nothing was waiting, more means no consumer could take one.
struct StepResult {
    Outcome outcome;
    QString queue;
    qint64 waiting = 0;
};

} // namespace warren::management
