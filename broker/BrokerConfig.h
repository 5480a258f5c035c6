// How the broker is started: where it listens and where it keeps its data.
#pragma once

#include <QHostAddress>
#include <QList>
#include <QString>

namespace warren {

struct BrokerConfig {
    // By default both loopback addresses, since "localhost" may resolve to either.
    QList<QHostAddress> bindAddresses{QHostAddress(QHostAddress::LocalHost), QHostAddress(QHostAddress::LocalHostIPv6)};
    bool bindAddressesExplicit = false;   // then every address must work
    quint16 port = 5672;
    QString dataDir;
    qint64 segmentSize = qint64(64) << 20;   // message store segment files
    int groupCommitMs = 2;                   // how long appends gather before an fsync
};

} // namespace warren

#include <QMetaType>
Q_DECLARE_METATYPE(warren::BrokerConfig)
