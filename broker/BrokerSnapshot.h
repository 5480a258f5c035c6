// What the broker shows of itself to the GUI thread: plain values, copied across the
// thread boundary a few times a second. Never pointers into broker objects. Counters are
// running totals; the explorer turns differences between snapshots into rates.
#pragma once

#include "protocol/FieldValue.h"
#include "observe/MessageCounters.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace warren {

// The broker's own running totals, copied as they are.
using TrafficTotals = observe::MessageCounters;
using FateTotals = observe::FateCounters;

struct QueueSnapshot {
    QString vhost;
    QString name;
    bool durable = false;
    bool exclusive = false;
    bool autoDelete = false;
    qint64 ready = 0;
    qint64 unacked = 0;
    qint64 readyBytes = 0;
    qint64 consumers = 0;
    TrafficTotals traffic;   // published = enqueued here
    amqp::FieldTable arguments;
    bool paused = false;     // step mode: deliveries held
    QString deadLetterExchange;   // x-dead-letter-exchange, empty when none
    quint64 deadLettered = 0;     // messages this queue sent to its dead-letter exchange
};

struct ExchangeSnapshot {
    QString vhost;
    QString name;   // empty: the default exchange
    QString type;
    bool durable = false;
    bool autoDelete = false;
    bool internal = false;
    qint64 bindingsOut = 0;   // with this exchange as source
    qint64 bindingsIn = 0;    // exchange-to-exchange bindings to it
    quint64 publishedIn = 0;
    amqp::FieldTable arguments;
    QString alternateExchange;   // alternate-exchange argument, empty when none
};

struct BindingSnapshot {
    QString vhost;
    QString source;
    QString destination;
    bool toExchange = false;
    QString routingKey;
    amqp::FieldTable arguments;
};

// One edge of the routing graph: messages an exchange routed to a queue or to another
// exchange (all bindings between the two counted together, the default exchange's implicit
// bindings and dead-lettered copies included), since the broker started. Exact: counted by
// the broker as it routes, not sampled (model/RouteTally.h says what counts).
struct RouteEdgeSnapshot {
    QString vhost;
    QString source;        // exchange; empty: the default exchange
    QString destination;   // queue or exchange
    bool toExchange = false;
    quint64 routed = 0;
};

struct ConnectionSnapshot {
    quint64 id = 0;
    QString peer;
    QString user;
    QString vhost;
    QString clientProduct;
    QString clientVersion;
    QString clientPlatform;
    qint64 channels = 0;
    int heartbeatSeconds = 0;
    bool blocked = false;
    QDateTime connectedAt;
    TrafficTotals traffic;   // of its open channels
    QString name;            // the client's connection_name, if it gave one
};

// How many messages a channel published to one exchange.
struct ExchangePublishes {
    QString exchange;
    quint64 published = 0;
};

struct ChannelSnapshot {
    quint64 connectionId = 0;
    int number = 0;
    QString connectionPeer;
    QString user;
    QString vhost;
    int prefetch = 0;         // basic.qos for each new consumer
    int globalPrefetch = 0;   // basic.qos global
    qint64 unacked = 0;
    bool confirmMode = false;
    bool transactional = false;
    qint64 consumers = 0;
    TrafficTotals traffic;
    QList<ExchangePublishes> publishedTo;   // in the order first used
    QString connectionName;                 // the client's connection_name, or its peer
};

struct ConsumerSnapshot {
    QString vhost;
    QString queue;
    QString tag;
    quint64 connectionId = 0;
    int channel = 0;
    QString connectionPeer;
    bool ackRequired = true;
    bool exclusive = false;
    int prefetch = 0;
    int priority = 0;
    qint64 unacked = 0;
    QString connectionName;   // the client's connection_name, or its peer
    TrafficTotals traffic;    // delivered, redelivered and acked to this consumer
};

struct VHostSnapshot {
    QString name;
    qint64 exchanges = 0;
    qint64 queues = 0;
    qint64 ready = 0;
    qint64 unacked = 0;
    qint64 connections = 0;
    FateTotals fates;
    quint64 topologyVersion = 0;   // grows with every change of exchanges, queues or bindings
    bool paused = false;           // step mode for the whole virtual host
    bool firehose = false;         // publishes and deliveries copied to amq.rabbitmq.trace
};

// A user's permissions in one virtual host: RabbitMQ's three regular expressions.
struct PermissionSnapshot {
    QString vhost;
    QString configure;
    QString write;
    QString read;
};

struct UserSnapshot {
    QString name;
    QStringList tags;
    QList<PermissionSnapshot> permissions;   // by vhost name; only these vhosts can be opened

    QStringList vhosts() const;   // the virtual hosts the user may open
};

struct BrokerSnapshot {
    QDateTime takenAt;
    QDateTime startedAt;
    bool running = false;
    QStringList listeningOn;   // "127.0.0.1:5672", "[::1]:5672"
    QStringList tlsListeningOn;   // AMQPS, the same way: "127.0.0.1:5671"
    QString dataDir;
    QString alarm;             // "low on memory", "low on disk", or empty
    TrafficTotals traffic;     // broker-wide, since it started
    FateTotals fates;          // broker-wide, since it started
    QList<ConnectionSnapshot> connections;
    QList<ChannelSnapshot> channels;
    QList<ExchangeSnapshot> exchanges;
    QList<QueueSnapshot> queues;
    QList<BindingSnapshot> bindings;
    QList<RouteEdgeSnapshot> routes;   // edges that routed at least one message
    QList<ConsumerSnapshot> consumers;
    QList<VHostSnapshot> vhosts;
    QList<UserSnapshot> users;

    qint64 totalReady() const;
    qint64 totalUnacked() const;
};

} // namespace warren

Q_DECLARE_METATYPE(warren::BrokerSnapshot)
