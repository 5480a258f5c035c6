#include "SnapshotBuilder.h"

#include "server/Channel.h"
#include "server/Connection.h"
#include "server/ServerContext.h"

namespace warren {

namespace {

QString text(const QByteArray &bytes) { return QString::fromUtf8(bytes); }

QString hostPort(const server::PeerInfo &peer) { return formatHostPort(peer.address, peer.port); }

QString clientProperty(const server::Connection &c, const char *name)
{
    const amqp::FieldValue *v = c.clientProperties().find(name);
    return v ? text(v->toBytes()) : QString();
}

class Builder {
public:
    explicit Builder(const server::ServerContext &context) : context_(context) {}

    BrokerSnapshot build()
    {
        s_.takenAt = QDateTime::currentDateTime();
        s_.alarm = text(context_.alarmReason());
        s_.traffic = context_.retiredCounters;
        s_.fates = context_.retiredFates;
        for (const server::Connection *c : context_.connections()) {
            if (c->state() != server::Connection::State::Open)
                continue;   // a closing connection's channels are counted in retiredCounters
            if (c->peer().internal)
                addUnlistedTraffic(*c);
            else
                addConnection(*c);
        }
        for (const auto &vhost : context_.vhosts())
            addVHost(*vhost);
        addUsers();
        return std::move(s_);
    }

private:
    void addConnection(const server::Connection &c)
    {
        ConnectionSnapshot cs;
        cs.id = c.id();
        cs.name = clientProperty(c, "connection_name");
        cs.peer = hostPort(c.peer());
        cs.user = text(c.user());
        cs.vhost = c.vhost() ? text(c.vhost()->name()) : QString();
        cs.clientProduct = clientProperty(c, "product");
        cs.clientVersion = clientProperty(c, "version");
        cs.clientPlatform = clientProperty(c, "platform");
        cs.heartbeatSeconds = c.heartbeatSeconds();
        cs.blocked = c.isBlocked();
        cs.connectedAt = c.connectedAt();
        for (const server::Channel *ch : c.channels()) {
            addChannel(cs, *ch);
            cs.traffic += s_.channels.last().traffic;
            ++cs.channels;
        }
        s_.traffic += cs.traffic;
        s_.connections.append(cs);
    }

    // The explorer's own connection is not shown, but what it publishes counts.
    void addUnlistedTraffic(const server::Connection &c)
    {
        for (const server::Channel *ch : c.channels())
            s_.traffic += ch->counters();
    }

    void addChannel(const ConnectionSnapshot &owner, const server::Channel &ch)
    {
        ChannelSnapshot cs;
        cs.connectionId = owner.id;
        cs.number = ch.number();
        cs.connectionName = owner.name.isEmpty() ? owner.peer : owner.name;
        cs.connectionPeer = owner.peer;
        cs.user = owner.user;
        cs.vhost = owner.vhost;
        cs.prefetch = ch.consumerPrefetch();
        cs.globalPrefetch = ch.globalPrefetch();
        cs.unacked = ch.unackedCount();
        cs.confirmMode = ch.confirmMode();
        cs.transactional = ch.transactional();
        cs.consumers = qint64(ch.consumers().size());
        cs.traffic = ch.counters();
        for (const server::Channel::ExchangeTally &t : ch.publishedTo())
            cs.publishedTo.append(ExchangePublishes{text(t.exchange), t.published});
        s_.channels.append(cs);
        for (const auto &consumer : ch.consumers()) {
            const model::Queue *queue = consumer->queue();
            s_.consumers.append(ConsumerSnapshot{owner.vhost, queue ? text(queue->name()) : QString(),
                                                 text(consumer->tag()), owner.id, cs.number, owner.peer,
                                                 !consumer->noAck(), consumer->exclusive(), consumer->prefetch(),
                                                 consumer->priority(), consumer->unacked(), cs.connectionName,
                                                 consumer->counters()});
        }
    }

    void addVHost(const model::VHost &vhost)
    {
        const QString name = text(vhost.name());
        VHostSnapshot vs{name, qint64(vhost.exchanges().size()) + 1, qint64(vhost.queues().size()), 0, 0, 0,
                         vhost.fates(), vhost.topologyVersion(), vhost.deliveriesPaused(), vhost.firehose()};
        s_.fates += vhost.fates();
        addExchange(name, *vhost.defaultExchange());
        for (const auto &x : vhost.exchanges())
            addExchange(name, *x);
        for (const auto &q : vhost.queues()) {
            addQueue(name, *q);
            vs.ready += q->readyCount();
            vs.unacked += q->unackedCount();
        }
        for (const ConnectionSnapshot &c : std::as_const(s_.connections))
            vs.connections += c.vhost == name;
        s_.vhosts.append(vs);
    }

    void addExchange(const QString &vhost, const model::Exchange &x)
    {
        const model::ExchangeOptions &o = x.options();
        ExchangeSnapshot xs{vhost, text(x.name()), QString::fromLatin1(x.typeName()), o.durable, o.autoDelete,
                            o.internal, qint64(x.bindings().size()), 0, x.publishedIn, o.arguments,
                            x.alternateExchange() ? text(*x.alternateExchange()) : QString()};
        for (const model::Binding &b : x.bindings()) {
            const bool toExchange = b.destination.exchange != nullptr;
            const QByteArray &to = toExchange ? b.destination.exchange->name() : b.destination.queue->name();
            s_.bindings.append(BindingSnapshot{vhost, xs.name, text(to), toExchange, text(b.routingKey), b.arguments});
        }
        s_.exchanges.append(xs);
        addRoutes(vhost, x.routedIn, xs.name, true);
    }

    // The routing graph's edges into one queue or exchange.
    void addRoutes(const QString &vhost, const model::RouteTally &tally, const QString &destination, bool toExchange)
    {
        for (const model::RouteTally::Edge &e : tally.edges())
            s_.routes.append(RouteEdgeSnapshot{vhost, text(e.sourceName), destination, toExchange, e.routed});
    }

    void addQueue(const QString &vhost, const model::Queue &q)
    {
        s_.queues.append(QueueSnapshot{vhost, text(q.name()), q.isDurable(), q.isExclusive(), q.isAutoDelete(),
                                       q.readyCount(), q.unackedCount(), q.readyBytes(), q.consumerCount(),
                                       q.counters(), q.options().arguments, q.isPaused(),
                                       q.policy().deadLetterExchange ? text(*q.policy().deadLetterExchange) : QString(),
                                       q.deadLettered()});
        addRoutes(vhost, q.routedIn(), s_.queues.last().name, false);
    }

    void addUsers()
    {
        QHash<QByteArray, QList<PermissionSnapshot>> permissions;   // by user; the table's order is by vhost
        for (const auth::PermissionTable::Entry &e : context_.users.permissions().entries()) {
            const auth::VHostPermissions &p = e.permissions;
            permissions[e.user].append(PermissionSnapshot{text(e.vhost), text(p.pattern(auth::Access::Configure)),
                                                          text(p.pattern(auth::Access::Write)),
                                                          text(p.pattern(auth::Access::Read))});
        }
        for (const auth::User &u : context_.users.users())
            s_.users.append(UserSnapshot{text(u.name), u.tags, permissions.value(u.name)});
    }

    const server::ServerContext &context_;
    BrokerSnapshot s_;
};

} // namespace

QString formatHostPort(const QHostAddress &address, quint16 port)
{
    return QString::fromUtf8(server::PeerInfo::endpoint(address, port));
}

BrokerSnapshot snapshotOf(const server::ServerContext &context)
{
    BrokerSnapshot s = Builder(context).build();
    // Exchange-to-exchange bindings counted at their destination too.
    for (const BindingSnapshot &b : std::as_const(s.bindings)) {
        if (!b.toExchange)
            continue;
        for (ExchangeSnapshot &x : s.exchanges) {
            if (x.vhost == b.vhost && x.name == b.destination)
                ++x.bindingsIn;
        }
    }
    return s;
}

} // namespace warren
