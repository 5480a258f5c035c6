// Who is connected: connections, their channels, and the consumers on those channels.
#include "Columns.h"
#include "EntityModels.h"

namespace warren::ui {

namespace {

// A channel is in confirm mode or transactional (AMQP forbids both), or neither.
QString channelMode(const ChannelSnapshot &c)
{
    if (c.confirmMode)
        return EntityModels::tr("C", "publisher confirms");
    return c.transactional ? EntityModels::tr("T", "transactional") : QString();
}

QString channelModeTip(const ChannelSnapshot &c)
{
    if (c.confirmMode)
        return EntityModels::tr("Publisher confirms");
    return c.transactional ? EntityModels::tr("Transactional") : QString();
}

// "logs: 12, amq.topic: 3", in the order the channel first used them.
QStringList publishedTo(const ChannelSnapshot &c)
{
    QStringList parts;
    for (const ExchangePublishes &p : c.publishedTo)
        parts.append(EntityModels::tr("%1: %2").arg(EntityModels::exchangeName(p.exchange)).arg(p.published));
    return parts;
}

QString publishedToText(const ChannelSnapshot &c)
{
    return publishedTo(c).join(EntityModels::tr(", ", "between the items of a list in a cell"));
}

// One exchange a line, for when the cell is too narrow for all of them.
QString publishedToTip(const ChannelSnapshot &c) { return publishedTo(c).join(QLatin1Char('\n')); }

} // namespace

SnapshotModel<ConnectionSnapshot> *EntityModels::connections(QObject *parent)
{
    using R = ConnectionSnapshot;
    using C = Columns<R>;
    TableDefinition<R> table;
    table.columns = {
        C::text(tr("Name"),
                tr("The connection_name the client gave in its client properties (in pika: "
                   "client_properties={'connection_name': ...}); empty if it gave none"),
                &R::name),
        C::text(tr("Peer"), tr("The client's address and port"), &R::peer),
        C::text(tr("User"), {}, &R::user),
        C::text(tr("Virtual host"), {}, &R::vhost),
        C::text(tr("Client"), tr("The product the client named in its client properties"), &R::clientProduct),
        C::text(tr("Version"), tr("The client library's version"), &R::clientVersion),
        C::text(tr("Platform"), {}, &R::clientPlatform),
        C::number(tr("Channels"), tr("Channels open on this connection"), &R::channels),
        C::number(tr("Heartbeat"), tr("Heartbeat interval in seconds agreed with the client; 0: none"),
                  &R::heartbeatSeconds),
        C::text(tr("State"), tr("Blocked: publishing is paused by a memory or disk alarm"),
                [](const R &c) { return c.blocked ? tr("blocked") : tr("running"); }),
        C::time(tr("Connected since"), {}, &R::connectedAt),
        C::rate(tr("Publish"), tr("Messages published per second"), &Rates::publish),
        C::rate(tr("Deliver"), tr("Messages delivered to consumers or fetched per second"), &Rates::deliver),
    };
    table.nameColumn = 0;
    table.key = [](const R &c) { return RowKey{QString::number(c.id)}; };
    table.rows = &BrokerSnapshot::connections;
    table.traffic = &R::traffic;
    return new SnapshotModel<R>(std::move(table), parent);
}

SnapshotModel<ChannelSnapshot> *EntityModels::channels(QObject *parent)
{
    using R = ChannelSnapshot;
    using C = Columns<R>;
    TableDefinition<R> table;
    table.columns = {
        C::text(tr("Connection"), tr("The client's connection_name, or its address when it gave none"),
                &R::connectionName, [](const R &c) { return c.connectionPeer; }),
        C::number(tr("Channel"), tr("The channel's number on its connection"), &R::number),
        C::text(tr("User"), {}, &R::user),
        C::text(tr("Virtual host"), {}, &R::vhost),
        C::text(tr("Mode"), tr("C: publisher confirms, T: transactional"), &channelMode, &channelModeTip),
        C::number(tr("Prefetch"), tr("basic.qos prefetch count for each new consumer; 0: unlimited"), &R::prefetch),
        C::number(tr("Global prefetch"), tr("basic.qos prefetch count shared by the channel; 0: unlimited"),
                  &R::globalPrefetch),
        C::number(tr("Unacked"), tr("Messages delivered and not yet acknowledged"), &R::unacked),
        C::number(tr("Consumers"), {}, &R::consumers),
        C::text(tr("Published to"), tr("The exchanges this channel published to, with how many messages each"),
                &publishedToText, &publishedToTip),
        C::rate(tr("Publish"), tr("Messages published per second"), &Rates::publish),
        C::rate(tr("Deliver"), tr("Messages delivered or fetched per second"), &Rates::deliver),
        C::rate(tr("Ack"), tr("Messages acknowledged per second"), &Rates::ack),
    };
    table.nameColumn = 0;
    table.key = [](const R &c) { return RowKey{QString::number(c.connectionId), QString::number(c.number)}; };
    table.rows = &BrokerSnapshot::channels;
    table.traffic = &R::traffic;
    return new SnapshotModel<R>(std::move(table), parent);
}

SnapshotModel<ConsumerSnapshot> *EntityModels::consumers(QObject *parent)
{
    using R = ConsumerSnapshot;
    using C = Columns<R>;
    TableDefinition<R> table;
    table.columns = {
        C::text(tr("Virtual host"), {}, &R::vhost),
        C::text(tr("Queue"), {}, &R::queue),
        C::text(tr("Connection"), tr("The client's connection_name, or its address when it gave none"),
                &R::connectionName, [](const R &c) { return c.connectionPeer; }),
        // Exact totals, not rates, and early in the row: with two consumers on a queue,
        // round-robin shows as two counts that grow in turn.
        C::number(tr("Delivered"), tr("Messages delivered to this consumer since it started"),
                  [](const R &c) { return c.traffic.delivered; }),
        C::number(tr("Redelivered"),
                  tr("Of those, messages that had been delivered before (to it or to another consumer) and "
                     "came back: requeued, or left unacknowledged by a consumer that went away"),
                  [](const R &c) { return c.traffic.redelivered; }),
        C::number(tr("Acked"), tr("Messages this consumer acknowledged"), [](const R &c) { return c.traffic.acked; }),
        C::number(tr("Unacked"), tr("Messages delivered to it and not yet acknowledged"), &R::unacked),
        C::text(tr("Consumer tag"), {}, &R::tag),
        C::number(tr("Channel"), {}, &R::channel),
        C::flag(tr("Ack required"), tr("The consumer acknowledges each message (no-ack off)"), &R::ackRequired),
        C::flag(tr("Exclusive"), tr("The only consumer the queue may have"), &R::exclusive),
        C::number(tr("Prefetch"), tr("Unacknowledged messages it may hold; 0: unlimited"), &R::prefetch),
        C::number(tr("Priority"), tr("x-priority: higher priorities get messages first"), &R::priority),
    };
    table.nameColumn = 1;
    table.key = [](const R &c) {
        return RowKey{QString::number(c.connectionId), QString::number(c.channel), c.tag};
    };
    table.rows = &BrokerSnapshot::consumers;
    return new SnapshotModel<R>(std::move(table), parent);
}

} // namespace warren::ui
