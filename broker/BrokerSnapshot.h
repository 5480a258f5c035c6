// What the broker shows of itself to the GUI thread: plain values, copied across the
// thread boundary a few times a second. Never pointers into broker objects. Counters are
// running totals; the explorer turns differences between snapshots into rates.
#pragma once

#include "protocol/FieldValue.h"
#include "server/MessageCounters.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace warren {

// The broker's own running totals, copied as they are.
using TrafficTotals = server::MessageCounters;

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
};

struct BindingSnapshot {
    QString vhost;
    QString source;
    QString destination;
    bool toExchange = false;
    QString routingKey;
    amqp::FieldTable arguments;
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
};

struct VHostSnapshot {
    QString name;
    qint64 exchanges = 0;
    qint64 queues = 0;
    qint64 ready = 0;
    qint64 unacked = 0;
    qint64 connections = 0;
};

struct UserSnapshot {
    QString name;
    QStringList tags;
    QStringList vhosts;   // the virtual hosts the user may open
};

struct BrokerSnapshot {
    QDateTime takenAt;
    QDateTime startedAt;
    bool running = false;
    QStringList listeningOn;   // "127.0.0.1:5672", "[::1]:5672"
    QString dataDir;
    QString alarm;             // "low on memory", "low on disk", or empty
    TrafficTotals traffic;     // broker-wide, since it started
    QList<ConnectionSnapshot> connections;
    QList<ChannelSnapshot> channels;
    QList<ExchangeSnapshot> exchanges;
    QList<QueueSnapshot> queues;
    QList<BindingSnapshot> bindings;
    QList<ConsumerSnapshot> consumers;
    QList<VHostSnapshot> vhosts;
    QList<UserSnapshot> users;

    qint64 totalReady() const;
    qint64 totalUnacked() const;
};

} // namespace warren

Q_DECLARE_METATYPE(warren::BrokerSnapshot)
