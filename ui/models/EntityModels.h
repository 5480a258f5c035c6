// The explorer's tables, one per kind of broker object, with the columns RabbitMQ's
// management UI shows for it. Each is a SnapshotModel over one list of BrokerSnapshot,
// defined as a column table in ConnectionModels.cpp, TopologyModels.cpp and
// AccessModels.cpp. Row identities:
//   connections: id           channels: connection id, number
//   consumers: connection id, channel, tag
//   exchanges, queues: vhost, name
//   bindings: vhost, source, destination, its kind, routing key, arguments
//   vhosts, users: name
#pragma once

#include "SnapshotModel.h"

#include <QCoreApplication>

namespace warren::ui {

class EntityModels {
    Q_DECLARE_TR_FUNCTIONS(warren::ui::EntityModels)
public:
    static SnapshotModel<ConnectionSnapshot> *connections(QObject *parent = nullptr);
    static SnapshotModel<ChannelSnapshot> *channels(QObject *parent = nullptr);
    static SnapshotModel<ConsumerSnapshot> *consumers(QObject *parent = nullptr);
    static SnapshotModel<ExchangeSnapshot> *exchanges(QObject *parent = nullptr);
    static SnapshotModel<QueueSnapshot> *queues(QObject *parent = nullptr);
    static SnapshotModel<BindingSnapshot> *bindings(QObject *parent = nullptr);
    static SnapshotModel<VHostSnapshot> *vhosts(QObject *parent = nullptr);
    static SnapshotModel<UserSnapshot> *users(QObject *parent = nullptr);

    // The default exchange has no name; tables and dialogs call it this.
    static QString exchangeName(const QString &name);
    // "classic" unless the x-queue-type argument says otherwise.
    static QString queueType(const QueueSnapshot &queue);
    // What the abbreviations of the Features columns mean, as one line of rich text.
    static QString queueFeatureLegend();
    static QString exchangeFeatureLegend();
};

} // namespace warren::ui
