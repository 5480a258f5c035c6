#include "QueueArgumentCatalog.h"

namespace warren::ui {

QString ArgumentInfo::initialValue() const
{
    if (!choices.isEmpty())
        return choices.first();
    return kind == FieldKind::Boolean ? QStringLiteral("true") : QString();
}

bool ArgumentInfo::appliesTo(const QString &queueType) const
{
    switch (queueTypes) {
    case QueueTypes::Any: return true;
    case QueueTypes::Classic: return queueType == QLatin1String("classic");
    case QueueTypes::Quorum: return queueType == QLatin1String("quorum");
    }
    return true;
}

// In the order of RabbitMQ's "Add queue" form, so people find them where they expect.
QList<ArgumentInfo> QueueArgumentCatalog::queueArguments()
{
    using K = FieldKind;
    using T = QueueTypes;
    return {
        {"x-message-ttl", tr("Message TTL"), K::Number,
         tr("How long a message may stay in the queue, in milliseconds, before it is discarded or dead-lettered."),
         {}, T::Any},
        {"x-expires", tr("Auto expire"), K::Number,
         tr("How long the queue may go unused (no consumers, no get, not declared again), in milliseconds, before "
            "it is deleted."),
         {}, T::Any},
        {"x-overflow", tr("Overflow behaviour"), K::String,
         tr("What a full queue does: drop-head drops the oldest message, reject-publish refuses new ones, "
            "reject-publish-dlx refuses and dead-letters them."),
         {QStringLiteral("drop-head"), QStringLiteral("reject-publish"), QStringLiteral("reject-publish-dlx")},
         T::Any},
        {"x-single-active-consumer", tr("Single active consumer"), K::Boolean,
         tr("Deliver to one consumer at a time; the others wait and take over, in order, when it goes away."),
         {}, T::Any},
        {"x-dead-letter-exchange", tr("Dead letter exchange"), K::String,
         tr("The exchange that receives messages rejected without requeue, expired, or dropped because the queue "
            "was full."),
         {}, T::Any},
        {"x-dead-letter-routing-key", tr("Dead letter routing key"), K::String,
         tr("The routing key dead-lettered messages are republished with, instead of their own (needs a dead "
            "letter exchange)."),
         {}, T::Any},
        {"x-max-length", tr("Max length"), K::Number,
         tr("How many ready messages the queue may hold before the overflow behaviour applies."), {}, T::Any},
        {"x-max-length-bytes", tr("Max length bytes"), K::Number,
         tr("How many bytes of ready message bodies the queue may hold before the overflow behaviour applies."),
         {}, T::Any},
        {"x-max-priority", tr("Maximum priority"), K::Number,
         tr("Makes this a priority queue: messages with a higher priority property (up to this, at most 255) are "
            "delivered first."),
         {}, T::Classic},
        {"x-queue-mode", tr("Lazy mode"), K::String,
         tr("lazy keeps messages on disk rather than in memory; Warren accepts it and pages out any queue whose "
            "backlog grows."),
         {QStringLiteral("lazy"), QStringLiteral("default")}, T::Classic},
        {"x-queue-master-locator", tr("Master locator"), K::String,
         tr("Which cluster node hosts the queue; Warren is a single node, so it is accepted and has no effect."),
         {QStringLiteral("client-local"), QStringLiteral("balanced"), QStringLiteral("min-masters"),
          QStringLiteral("random")},
         T::Classic},
        {"x-delivery-limit", tr("Delivery limit"), K::Number,
         tr("How many times a message may be redelivered before it is dropped or dead-lettered."), {}, T::Quorum},
        {"x-quorum-initial-group-size", tr("Initial cluster size"), K::Number,
         tr("How many nodes replicate the queue; Warren is a single node, so it is accepted and has no effect."),
         {}, T::Quorum},
        {"x-queue-leader-locator", tr("Leader locator"), K::String,
         tr("Which cluster node leads the queue; Warren is a single node, so it is accepted and has no effect."),
         {QStringLiteral("client-local"), QStringLiteral("balanced")}, T::Quorum},
        {"x-max-in-memory-length", tr("Max in memory length"), K::Number,
         tr("How many messages the queue keeps in memory (deprecated by RabbitMQ; checked, then ignored)."), {},
         T::Quorum},
        {"x-max-in-memory-bytes", tr("Max in memory bytes"), K::Number,
         tr("How many bytes of messages the queue keeps in memory (deprecated by RabbitMQ; checked, then "
            "ignored)."),
         {}, T::Quorum},
        {"x-queue-type", tr("Queue type"), K::String,
         tr("classic, or quorum for a replicated queue that must be durable and cannot be exclusive or "
            "auto-delete."),
         {QStringLiteral("classic"), QStringLiteral("quorum")}, T::Any},
    };
}

QList<ArgumentInfo> QueueArgumentCatalog::exchangeArguments()
{
    return {
        {"alternate-exchange", tr("Alternate exchange"), FieldKind::String,
         tr("The exchange that receives the messages this exchange cannot route to any queue."), {},
         QueueTypes::Any},
    };
}

QList<ArgumentInfo> QueueArgumentCatalog::bindingArguments()
{
    return {
        {"x-match", tr("Match mode"), FieldKind::String,
         tr("all: every other argument must be a header of the message with that value; any: one is enough "
            "(-with-x also compares the x- arguments)."),
         {QStringLiteral("all"), QStringLiteral("any"), QStringLiteral("all-with-x"), QStringLiteral("any-with-x")},
         QueueTypes::Any},
    };
}

std::optional<ArgumentInfo> QueueArgumentCatalog::find(QByteArrayView key)
{
    for (const QList<ArgumentInfo> &list : {queueArguments(), exchangeArguments(), bindingArguments()}) {
        for (const ArgumentInfo &info : list) {
            if (info.key == key)
                return info;
        }
    }
    return std::nullopt;
}

} // namespace warren::ui
