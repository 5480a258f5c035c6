#include "TeachingNotes.h"

namespace warren::ui {

using sim::AckMode;
using sim::Outcome;

QString TeachingNotes::queueDurability(const sim::QueueDeclaration &queue)
{
    if (!queue.declare)
        return tr("The queue is not declared here: it must exist already, or messages to it are dropped.");
    return queue.durable ? tr("A durable queue survives a broker restart (with its persistent messages only).")
                         : tr("A transient queue is gone after a broker restart, with everything in it.");
}

QString TeachingNotes::persistence(bool persistent, const sim::QueueDeclaration &queue)
{
    if (!queue.declare) {
        return persistent ? tr("Persistent messages are written to disk when the queue they reach is durable.")
                          : tr("Transient messages are lost when the broker restarts, whatever the queue.");
    }
    if (persistent && queue.durable)
        return tr("Persistent messages in a durable queue are written to disk: they survive a broker restart.");
    if (persistent)
        return tr("Persistent, but the queue is transient: a restart deletes the queue and its messages anyway.");
    if (queue.durable)
        return tr("The durable queue survives a restart, but these transient messages do not.");
    return tr("Queue and messages live in memory only: a broker restart loses both.");
}

QString TeachingNotes::confirms(bool on)
{
    return on ? tr("The broker confirms each message once it is responsible for it (persistent ones in durable "
                   "queues once they are on disk).")
              : tr("No answer for published messages: the producer cannot tell whether the broker got them.");
}

QString TeachingNotes::mandatory(bool on)
{
    return on ? tr("A message no queue takes comes back to the producer (counted as returned).")
              : tr("A message no queue takes is dropped without a word.");
}

QString TeachingNotes::ackMode(AckMode mode)
{
    return mode == AckMode::Manual
               ? tr("The consumer acknowledges each message after processing it: if it crashes first, the broker "
                    "delivers the message again, marked redelivered.")
               : tr("The broker forgets each message once delivered: a consumer that crashes with automatic ack "
                    "loses the message.");
}

QString TeachingNotes::prefetch(int prefetch, AckMode mode)
{
    if (mode == AckMode::Automatic)
        return tr("Prefetch does not limit automatic ack: the broker sends as fast as it can.");
    if (prefetch <= 0)
        return tr("Unlimited: the broker hands out every ready message at once, in turn, however slow the consumer.");
    if (prefetch == 1)
        return tr("Fair dispatch: a busy consumer gets no new message until it acknowledges the one it has.");
    return tr("At most %n unacknowledged messages at a time; the rest waits in the queue for whoever has room.",
              nullptr, prefetch);
}

QString TeachingNotes::outcome(const sim::ConsumerSpec &spec)
{
    const bool manual = spec.ackMode == AckMode::Manual;
    switch (spec.outcome) {
    case Outcome::Ack:
        return manual ? tr("Acknowledged: the broker deletes the message.")
                      : tr("With automatic ack there is nothing to acknowledge: the broker deleted it on delivery.");
    case Outcome::RejectRequeue:
        return manual ? tr("Rejected with requeue: the message goes back to the queue and comes again, redelivered, "
                           "over and over.")
                      : tr("With automatic ack a message cannot be rejected: the broker deleted it on delivery.");
    case Outcome::NackDiscard:
        return manual ? tr("Nacked without requeue: the message is dropped (or dead-lettered, if the queue has a "
                           "dead-letter exchange).")
                      : tr("With automatic ack a message cannot be nacked: the broker deleted it on delivery.");
    case Outcome::Forget:
        return manual ? tr("Never acknowledged, as the tutorial's first consumer: the messages stay unacknowledged "
                           "while it is connected, and each consumer after it gets them all again, redelivered.")
                      : tr("With automatic ack there is nothing to forget: the broker deleted it on delivery.");
    case Outcome::CrashBeforeAck:
        return manual ? tr("The connection is cut before message %1 is acknowledged: the broker requeues it for "
                           "another consumer, marked redelivered.").arg(spec.failAfter)
                      : tr("The connection is cut at message %1: with automatic ack that message, and any waiting "
                           "behind it, is lost.").arg(spec.failAfter);
    case Outcome::Hang:
        return tr("At message %1 the consumer stops reading and heartbeating; the broker gives up on it after two "
                  "missed heartbeats (about %2 s) and requeues what it held.")
            .arg(spec.failAfter)
            .arg(2 * spec.heartbeatSeconds);
    }
    return {};
}

QString TeachingNotes::processing(const sim::ConsumerSpec &spec)
{
    if (spec.processingMinMs == spec.processingMaxMs)
        return tr("Each message takes %1 ms.").arg(spec.processingMinMs);
    return tr("Each message takes between %1 and %2 ms, drawn with seed %3: the same seed repeats the run.")
        .arg(spec.processingMinMs)
        .arg(spec.processingMaxMs)
        .arg(spec.seed);
}

QString TeachingNotes::exclusive(bool on)
{
    return on ? tr("Exclusive: while it consumes, no other consumer may consume from the queue.")
              : tr("Shared: other consumers of the queue take turns with it.");
}

QString TeachingNotes::channels(int channels)
{
    return channels <= 1 ? tr("One channel on its connection, with one consumer.")
                         : tr("%1 channels on one connection, a consumer on each: the broker counts %1 consumers and "
                              "one connection; when the connection goes, they all go.").arg(channels);
}

QString TeachingNotes::rpcServer(bool on)
{
    return on ? tr("Before acknowledging a request, it publishes an answer to the request's reply_to through the "
                   "default exchange, with its correlation_id.")
              : tr("It answers nothing: a request's reply_to is not its business.");
}

QString TeachingNotes::rpcClient(bool on)
{
    return on ? tr("It declares a server-named exclusive queue for the answers, names it in each request's reply_to with "
                   "a correlation_id of its own, and counts the answers to its own requests.")
              : tr("It expects no answer.");
}

QString TeachingNotes::priority(int priority)
{
    return priority == 0 ? tr("Normal priority: consumers take turns.")
                         : tr("Priority %1: while it has room, it gets messages before consumers of lower priority.")
                               .arg(priority);
}

} // namespace warren::ui
