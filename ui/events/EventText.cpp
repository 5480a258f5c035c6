#include "EventText.h"

namespace warren::ui {

using observe::Cause;
using observe::EventKind;
using observe::TraceEvent;

namespace {

QString text(const QByteArray &utf8) { return QString::fromUtf8(utf8); }

} // namespace

EventText::Category EventText::category(EventKind kind)
{
    switch (kind) {
    case EventKind::ConsumerAdded:
    case EventKind::ConsumerCancelled:
    case EventKind::ConnectionOpened:
    case EventKind::ConnectionClosed:
    case EventKind::ConnectionLost:
        return Category::Clients;
    case EventKind::QueueDeclared:
    case EventKind::QueueDeleted:
    case EventKind::ExchangeDeclared:
    case EventKind::ExchangeDeleted:
    case EventKind::BindingAdded:
    case EventKind::BindingRemoved:
        return Category::Topology;
    default:
        return Category::Messages;
    }
}

QString EventText::categoryName(Category category)
{
    switch (category) {
    case Category::Messages: return tr("Messages");
    case Category::Clients: return tr("Connections and consumers");
    case Category::Topology: return tr("Declarations and bindings");
    }
    return {};
}

QString EventText::kindName(EventKind kind)
{
    switch (kind) {
    case EventKind::Published: return tr("published");
    case EventKind::Routed: return tr("routed");
    case EventKind::Returned: return tr("returned");
    case EventKind::Unroutable: return tr("unroutable");
    case EventKind::Refused: return tr("refused");
    case EventKind::Confirmed: return tr("confirmed");
    case EventKind::Delivered: return tr("delivered");
    case EventKind::Got: return tr("fetched");
    case EventKind::Acked: return tr("acknowledged");
    case EventKind::Rejected: return tr("rejected");
    case EventKind::Requeued: return tr("requeued");
    case EventKind::DeadLettered: return tr("dead-lettered");
    case EventKind::Expired: return tr("expired");
    case EventKind::Dropped: return tr("dropped");
    case EventKind::ConsumerAdded: return tr("consumer added");
    case EventKind::ConsumerCancelled: return tr("consumer cancelled");
    case EventKind::ConnectionOpened: return tr("connected");
    case EventKind::ConnectionClosed: return tr("disconnected");
    case EventKind::ConnectionLost: return tr("connection lost");
    case EventKind::QueueDeclared: return tr("queue declared");
    case EventKind::QueueDeleted: return tr("queue deleted");
    case EventKind::ExchangeDeclared: return tr("exchange declared");
    case EventKind::ExchangeDeleted: return tr("exchange deleted");
    case EventKind::BindingAdded: return tr("bound");
    case EventKind::BindingRemoved: return tr("unbound");
    }
    return {};
}

QString EventText::exchange(const QByteArray &name)
{
    return name.isEmpty() ? tr("the default exchange") : QStringLiteral("'%1'").arg(text(name));
}

QString EventText::sentence(const TraceEvent &e, const QString &who)
{
    const QString queue = text(e.queue);
    switch (e.kind) {
    case EventKind::Published: {
        QStringList how;
        if (e.has(observe::Persistent))
            how.append(tr("persistent"));
        if (e.has(observe::Mandatory))
            how.append(tr("mandatory"));
        if (e.has(observe::InTransaction))
            how.append(tr("in a transaction"));
        const QString sent = tr("%1 published to %2 with key '%3'").arg(who, exchange(e.exchange), text(e.routingKey));
        return how.isEmpty() ? sent : tr("%1 (%2)").arg(sent, how.join(QStringLiteral(", ")));
    }
    case EventKind::Routed:
        return routed(e);
    case EventKind::Returned:
        return tr("returned to the publisher: no queue matched key '%1' at %2 (it was published as mandatory)")
            .arg(text(e.routingKey), exchange(e.exchange));
    case EventKind::Unroutable:
        return tr("dropped: no queue matched key '%1' at %2 (not mandatory, so the publisher is not told)")
            .arg(text(e.routingKey), exchange(e.exchange));
    case EventKind::Refused:
        return tr("refused: queue '%1' is full (x-overflow reject-publish), the publisher gets a nack").arg(queue);
    case EventKind::Confirmed:
        // The delivery tag is the publisher's count of its publishes on the channel, not the
        // message number of the Message column.
        if (e.cause == Cause::Nack)
            return tr("not confirmed: %1 gets basic.nack (delivery tag %2)").arg(who).arg(e.deliveryTag);
        return e.has(observe::OnDisk)
            ? tr("confirmed to %1 once written to disk (basic.ack, delivery tag %2)").arg(who).arg(e.deliveryTag)
            : tr("confirmed to %1 (basic.ack, delivery tag %2)").arg(who).arg(e.deliveryTag);
    case EventKind::Delivered: {
        QString s = tr("delivered to %1 from '%2'").arg(who, queue);
        if (e.has(observe::Redelivered))
            s = tr("%1 (redelivered)").arg(s);
        if (e.has(observe::NoAck))
            s = tr("%1 (no acknowledgement expected)").arg(s);
        return s;
    }
    case EventKind::Got: {
        const QString s = tr("fetched from '%1' by %2 with basic.get").arg(queue, who);
        return e.has(observe::Redelivered) ? tr("%1 (redelivered)").arg(s) : s;
    }
    case EventKind::Acked:
    case EventKind::Rejected:
    case EventKind::Requeued:
        return settled(e, who);
    case EventKind::DeadLettered: {
        QString why;
        switch (e.cause) {
        case Cause::Rejected: why = tr("rejected without requeue"); break;
        case Cause::Expired: why = tr("its time-to-live passed"); break;
        case Cause::MaxLength: why = tr("the queue was full"); break;
        case Cause::DeliveryLimit: why = tr("it reached the delivery limit"); break;
        default: break;
        }
        const QString s = tr("dead-lettered from '%1' (%2): republished to %3 with key '%4'")
                              .arg(queue, why, exchange(e.exchange), text(e.routingKey));
        return e.linkedTraceId ? tr("%1 as message #%2").arg(s).arg(e.linkedTraceId) : s;
    }
    case EventKind::Expired:
        return tr("expired in '%1': its time-to-live passed before anyone took it").arg(queue);
    case EventKind::Dropped:
        return e.cause == Cause::DeliveryLimit
            ? tr("dropped from '%1': it reached the delivery limit (x-delivery-limit)").arg(queue)
            : tr("dropped from '%1': the queue was full (x-max-length)").arg(queue);
    case EventKind::ConsumerAdded:
        return e.has(observe::NoAck)
            ? tr("%1 started consuming from '%2' without acknowledgements (consumer tag '%3')")
                  .arg(who, queue, text(e.consumerTag))
            : tr("%1 started consuming from '%2' (consumer tag '%3')").arg(who, queue, text(e.consumerTag));
    case EventKind::ConsumerCancelled:
        return tr("%1 stopped consuming from '%2' (consumer tag '%3')").arg(who, queue, text(e.consumerTag));
    case EventKind::ConnectionOpened:
        // A client without a connection_name is known by its address: not twice.
        return who == text(e.peer) ? tr("%1 connected as '%2' to virtual host '%3'").arg(who, text(e.user), text(e.vhost))
                                   : tr("%1 connected from %2 as '%3' to virtual host '%4'")
                                         .arg(who, text(e.peer), text(e.user), text(e.vhost));
    case EventKind::ConnectionClosed:
        return e.detail.isEmpty() ? tr("%1 closed its connection").arg(who)
                                  : tr("%1 closed its connection (%2)").arg(who, text(e.detail));
    case EventKind::ConnectionLost:
        return e.detail.isEmpty() ? tr("%1 lost its connection").arg(who)
                                  : tr("%1 lost its connection (%2)").arg(who, text(e.detail));
    case EventKind::QueueDeclared:
        return tr("queue '%1' declared").arg(queue);
    case EventKind::QueueDeleted:
        return tr("queue '%1' deleted").arg(queue);
    case EventKind::ExchangeDeclared:
        return tr("exchange %1 (%2) declared").arg(exchange(e.exchange), text(e.detail));
    case EventKind::ExchangeDeleted:
        return tr("exchange %1 deleted").arg(exchange(e.exchange));
    case EventKind::BindingAdded:
    case EventKind::BindingRemoved: {
        const QString to = e.has(observe::ToExchange) ? tr("exchange '%1'").arg(text(e.detail))
                                                      : tr("queue '%1'").arg(queue);
        return e.kind == EventKind::BindingAdded
            ? tr("%1 bound to %2 with key '%3'").arg(to, exchange(e.exchange), text(e.routingKey))
            : tr("%1 unbound from %2 (key '%3')").arg(to, exchange(e.exchange), text(e.routingKey));
    }
    }
    return {};
}

// Which binding took the message where: the queue name for the default exchange, the
// binding key otherwise (fanout and headers bindings have none worth quoting).
QString EventText::routed(const TraceEvent &e)
{
    const QString queue = text(e.queue);
    const QString key = text(e.detail);
    switch (e.cause) {
    case Cause::DefaultExchange:
        return tr("routed to '%1' by the default exchange (the key is the queue's name)").arg(queue);
    case Cause::AlternateExchange:
        return key.isEmpty()
            ? tr("routed to '%1' by alternate exchange %2 (nothing else matched)").arg(queue, exchange(e.exchange))
            : tr("routed to '%1' by binding '%2' of alternate exchange %3 (nothing else matched)")
                  .arg(queue, key, exchange(e.exchange));
    case Cause::ExchangeBinding:
        return key.isEmpty()
            ? tr("routed to '%1' by its binding to %2, reached through an exchange-to-exchange binding")
                  .arg(queue, exchange(e.exchange))
            : tr("routed to '%1' by binding '%2' of %3, reached through an exchange-to-exchange binding")
                  .arg(queue, key, exchange(e.exchange));
    default:
        return key.isEmpty() ? tr("routed to '%1' by its binding to %2").arg(queue, exchange(e.exchange))
                             : tr("routed to '%1' by binding '%2'").arg(queue, key);
    }
}

// How a delivery ended: acknowledged, rejected for good, or back in its queue (and why).
QString EventText::settled(const TraceEvent &e, const QString &who)
{
    const QString queue = text(e.queue);
    if (e.kind == EventKind::Acked)
        return tr("acknowledged by %1: '%2' forgets it").arg(who, queue);
    if (e.kind == EventKind::Rejected)
        return e.cause == Cause::Nack ? tr("rejected by %1 with basic.nack: it leaves '%2'").arg(who, queue)
                                      : tr("rejected by %1 with basic.reject: it leaves '%2'").arg(who, queue);
    QString why;
    switch (e.cause) {
    case Cause::Nack: why = tr("basic.nack with requeue"); break;
    case Cause::Reject: why = tr("basic.reject with requeue"); break;
    case Cause::Recover: why = tr("basic.recover"); break;
    case Cause::ChannelClosed: why = tr("channel closed"); break;
    case Cause::ConnectionLost: why = tr("connection lost"); break;
    default: break;
    }
    return tr("requeued (%1): '%2' will deliver it again, marked redelivered").arg(why, queue);
}

QString EventText::details(const TraceEvent &e)
{
    QStringList parts;
    if (!e.vhost.isEmpty())
        parts.append(tr("virtual host '%1'").arg(text(e.vhost)));
    if (e.channel)
        parts.append(tr("channel %1").arg(e.channel));
    if (!e.consumerTag.isEmpty())
        parts.append(tr("consumer tag '%1'").arg(text(e.consumerTag)));
    if (e.deliveryTag && e.kind != EventKind::Confirmed)
        parts.append(tr("delivery tag %1").arg(e.deliveryTag));
    return parts.join(QStringLiteral(" · "));
}

} // namespace warren::ui
