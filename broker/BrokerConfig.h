// How the broker is started: where it listens and where it keeps its data.
#pragma once

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

namespace warren {

struct BrokerConfig {
    // AMQPS: a TLS listener on its own port beside the plain one, on the same addresses, when
    // a certificate and its private key are given (PEM files). With CA certificates, a
    // client is asked for a certificate, which must be signed by one of them when given;
    // with verifyPeer it must give one (RabbitMQ's ssl_options: verify_peer and
    // fail_if_no_peer_cert).
    struct Tls {
        quint16 port = 5671;
        QString certFile;
        QString keyFile;
        QString caFile;
        bool verifyPeer = false;

        bool enabled() const { return !certFile.isEmpty(); }
    };


    // By default both loopback addresses, since "localhost" may resolve to either.
    QList<QHostAddress> bindAddresses{QHostAddress(QHostAddress::LocalHost), QHostAddress(QHostAddress::LocalHostIPv6)};
    bool bindAddressesExplicit = false;   // then every address must work
    quint16 port = 5672;
    Tls tls;
    QString dataDir;
    qint64 segmentSize = qint64(64) << 20;   // message store segment files
    int groupCommitMs = 2;                   // how long appends gather before an fsync
    // How many bytes of ready messages a queue keeps in memory before paging to the store
    // (`--paging-window`, for tests); narrowed under the memory alarm. The default is the
    // model's own, model::Queue::kPagingWindowBytes.
    qint64 pagingWindow = qint64(192) << 20;
    // Publishers are blocked above this much resident memory (a share of RAM below 1, bytes
    // from 1 up) and below this much free disk, as RabbitMQ's defaults.
    double memoryHighWatermark = 0.4;
    qint64 diskFreeLimit = 50'000'000;
    // A RabbitMQ definitions file (rabbitmqctl export_definitions) to import once the data
    // directory is recovered, before listening; empty: none.
    QString importDefinitions;
    // Virtual hosts with RabbitMQ's firehose on from the start (`--trace-on`, not kept).
    QStringList firehoseVHosts;
    // RabbitMQ's limits on clients. A connection must be open (header to connection.open-ok)
    // within handshakeTimeoutMs (handshake_timeout). Beyond maxConnections (0: no limit,
    // connection_max) new connections wait unaccepted until one closes. A delivery left
    // unacknowledged for consumerTimeoutMs closes its channel (consumer_timeout; 0: never).
    int handshakeTimeoutMs = 10'000;
    int maxConnections = 0;
    qint64 consumerTimeoutMs = 1'800'000;
    // RabbitMQ's loopback_users: these user names may log in only over a connection made to a
    // loopback address (empty: none).
    QStringList loopbackUsers{QStringLiteral("guest")};
};

} // namespace warren

#include <QMetaType>
Q_DECLARE_METATYPE(warren::BrokerConfig)
