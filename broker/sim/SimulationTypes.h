// The simulator's values: what a simulated producer or consumer is asked to do (its spec) and
// what it did (its status, in a SimulationSnapshot). Plain values, copied between the GUI
// thread and the simulation's thread; nothing here knows the AMQP client library.
//
// Every simulated client is its own AMQP connection, named by its spec's `name` (the
// connection_name the broker's Connections page shows, e.g. "producer P1", "worker 2").
//
// Message numbers: a producer numbers its messages from 1 ({n} in its templates) and sends
// the number in the header "message-number" (and its name in the header "producer"), so a
// consumer knows which message it got whatever the body says.
#pragma once

#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

namespace warren::sim {

// The headers every simulated message carries.
inline constexpr char kNumberHeader[] = "message-number";
inline constexpr char kProducerHeader[] = "producer";

// A queue a client declares before it publishes or consumes, as the tutorials do on both
// sides ("we don't know which program runs first").
struct QueueDeclaration {
    bool declare = true;
    QString name = QStringLiteral("hello");
    bool durable = false;
    // Producers only: bind the queue to the producer's exchange with this key (the default
    // exchange needs no binding).
    bool bind = false;
    QString bindingKey;
    friend bool operator==(const QueueDeclaration &, const QueueDeclaration &) = default;
};

struct MessageProperties {
    bool persistent = false;               // delivery_mode 2
    int priority = -1;                     // 0..255; -1: none
    QString expiration;                    // per-message TTL in ms; empty: none
    QList<QPair<QString, QString>> headers;   // string headers, besides the two above
    QString replyTo;
    QString correlationId;
    friend bool operator==(const MessageProperties &, const MessageProperties &) = default;
};

struct ProducerSpec {
    QString name;
    QString url;                                  // amqp://user:password@host:port/vhost
    QString exchange;                             // empty: the default exchange
    QString routingKey = QStringLiteral("hello"); // a TextTemplate
    QString body = QStringLiteral("Hello World! {n}");   // a TextTemplate
    MessageProperties properties;
    // Either a steady rate, or a burst of `burst` messages at once (again at each start).
    bool burstMode = true;
    double ratePerSecond = 1.0;
    int burst = 1;
    bool mandatory = false;   // unroutable messages come back (basic.return)
    bool confirms = false;    // publisher confirms (confirm.select)
    // An RPC client, as RabbitMQ's tutorial 6: its own exclusive, server-named queue for the
    // replies, named in each request's reply_to, with a correlation_id of its own per request.
    bool awaitReplies = false;
    QueueDeclaration queue;
    friend bool operator==(const ProducerSpec &, const ProducerSpec &) = default;
};

enum class AckMode { Automatic, Manual };

// What a consumer does with a message once it has processed it. CrashBeforeAck and Hang
// happen at the `failAfter`-th message; the ones before it are acknowledged.
enum class Outcome {
    Ack,
    RejectRequeue,    // basic.reject requeue=true: back to the queue, redelivered
    NackDiscard,      // basic.nack requeue=false: dropped (or dead-lettered)
    Forget,           // never acknowledged, as the seed's first consumer: unacked until it goes
    CrashBeforeAck,   // the connection is aborted without a word: the broker requeues
    Hang,             // stops reading and heartbeating: the broker gives up on it
};

struct ConsumerSpec {
    QString name;
    QString url;
    QueueDeclaration queue;   // `bind` is not used: consumers consume, producers route
    AckMode ackMode = AckMode::Manual;
    int prefetch = 1;         // basic.qos prefetch_count; 0: unlimited
    // Processing time per message: fixed when min == max, else drawn uniformly from
    // [min, max] by a generator seeded with `seed`, so a run can be repeated.
    int processingMinMs = 100;
    int processingMaxMs = 100;
    quint32 seed = 1;
    Outcome outcome = Outcome::Ack;
    int failAfter = 1;
    bool exclusive = false;
    int priority = 0;             // x-priority; 0: not set
    int heartbeatSeconds = 10;    // short, so a hung consumer is noticed within a minute
    // Channels of its one connection, each with a consumer of its own on the queue (same
    // ack mode, prefetch and processing): several sessions in one connection.
    int channels = 1;
    // An RPC server: before it acknowledges a request, it publishes a reply to the request's
    // reply_to through the default exchange, with the request's correlation_id.
    bool reply = false;
    friend bool operator==(const ConsumerSpec &, const ConsumerSpec &) = default;
};

enum class ClientState {
    Stopped,
    Connecting,     // connecting, opening its channel, declaring
    Running,        // publishing, or consuming
    Paused,         // a producer between pause and start
    Finished,       // a producer whose burst is sent
    Blocked,        // a producer the broker stopped reading (resource alarm)
    Reconnecting,   // the connection was lost; trying again
    Crashed,
    Hung,
    Failed,         // refused by the broker or unreachable; `error` says why
};

// What the GUI can tell a client to do. Start, stop and remove apply to both; pause to
// producers; crash (abort the connection now) and restart (drop the connection, whatever
// its state, and start anew) to consumers.
enum class ClientCommand { Start, Pause, Stop, Crash, Restart, Remove };

struct ProducerStatus {
    quint32 id = 0;
    ProducerSpec spec;
    ClientState state = ClientState::Stopped;
    QString error;
    quint64 published = 0;
    quint64 confirmed = 0;   // basic.ack from the broker (confirm mode)
    quint64 nacked = 0;      // basic.nack from the broker
    quint64 returned = 0;    // basic.return: mandatory and unroutable
    quint64 replies = 0;     // awaitReplies: replies whose correlation_id is of a request it sent
};

struct ReceivedMessage {
    quint64 number = 0;      // 0: the message had no "message-number" header
    QString producer;        // empty: no "producer" header
    bool redelivered = false;
    friend bool operator==(const ReceivedMessage &, const ReceivedMessage &) = default;
};

struct ConsumerStatus {
    quint32 id = 0;
    ConsumerSpec spec;
    ClientState state = ClientState::Stopped;
    QString error;
    // Exact totals since the consumer was added.
    quint64 received = 0;
    quint64 redelivered = 0;
    quint64 acked = 0;
    quint64 requeued = 0;    // rejected with requeue
    quint64 discarded = 0;   // nacked without requeue
    int pending = 0;         // received, not yet processed
    // The last messages received (at most ReceivedLog's capacity), oldest first.
    QList<ReceivedMessage> recent;
};

struct SimulationSnapshot {
    QList<ProducerStatus> producers;
    QList<ConsumerStatus> consumers;
    // How many of the controller's adds and commands the simulation had carried out when it
    // took this snapshot: a caller waits for the first snapshot that reflects its own.
    quint64 commandsApplied = 0;
};

} // namespace warren::sim

Q_DECLARE_METATYPE(warren::sim::SimulationSnapshot)
