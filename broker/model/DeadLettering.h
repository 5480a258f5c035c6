// The message a queue dead-letters: the same body, its properties with the death recorded
// in the x-death header the way RabbitMQ writes it, and no expiration any more.
#pragma once

#include "DeadLetterSink.h"
#include "Message.h"

#include <QByteArray>
#include <QList>

namespace warren::model {

struct Death {
    DeathReason reason;
    QByteArray queue;
    QByteArray exchange;            // where the message had been published
    QList<QByteArray> routingKeys;  // the keys it had been published with
    qint64 unixTime = 0;
};

const char *deathReasonName(DeathReason reason);

// The dead-lettered copy, to be published to `deadLetterExchange` with `routingKey`.
MessageRef recordDeath(const Message &message, const Death &death, const QByteArray &deadLetterExchange,
                       const QByteArray &routingKey);

// Whether dead-lettering (the already recorded) message into `queue` would be a cycle that
// RabbitMQ breaks: it died there before, with no rejection since (a rejection is a
// consumer's choice, which may differ next time).
bool isDeathCycle(const Message &message, const QByteArray &queue);

} // namespace warren::model
