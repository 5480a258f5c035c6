// What the broker shows of itself to the GUI thread: plain values, copied across the
// thread boundary a few times a second. Never pointers into broker objects.
#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace warren {

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
    quint64 published = 0;   // running totals; rates come from differences
    quint64 delivered = 0;
    quint64 acked = 0;
    quint64 redelivered = 0;
};

struct ExchangeSnapshot {
    QString vhost;
    QString name;
    QString type;
    bool durable = false;
    bool autoDelete = false;
    bool internal = false;
    qint64 bindings = 0;
    quint64 publishedIn = 0;
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
    QDateTime connectedAt;
};

struct BrokerSnapshot {
    QDateTime takenAt;
    bool running = false;
    QStringList listeningOn;   // "127.0.0.1:5672", "[::1]:5672"
    QList<ConnectionSnapshot> connections;
    QList<ExchangeSnapshot> exchanges;
    QList<QueueSnapshot> queues;

    qint64 totalReady() const;
    qint64 totalUnacked() const;
};

} // namespace warren

Q_DECLARE_METATYPE(warren::BrokerSnapshot)
