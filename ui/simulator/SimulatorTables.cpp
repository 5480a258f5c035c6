#include "SimulatorTables.h"

#include "SimulatorText.h"
#include "models/Columns.h"

namespace warren::ui {

using sim::ConsumerStatus;
using sim::ProducerStatus;

namespace {

template <class Status> Column<Status> stateColumn(const QString &title, const QString &tooltip)
{
    const auto text = [](const Status &s) { return SimulatorText::stateWithError(s.state, s.error); };
    const auto meaning = [text](const Status &s) {
        return QStringLiteral("%1\n\n%2").arg(text(s), SimulatorText::stateMeaning(s.state));
    };
    return Columns<Status>::text(title, tooltip, text, meaning);
}

} // namespace

TableDefinition<ProducerStatus> SimulatorTables::producers()
{
    using C = Columns<ProducerStatus>;
    TableDefinition<ProducerStatus> t;
    t.columns = {
        C::text(tr("Name"), tr("Its connection name on the broker's Connections page"),
                [](const ProducerStatus &p) { return p.spec.name; }),
        stateColumn<ProducerStatus>(tr("State"), tr("What the producer is doing, and why it stopped")),
        C::text(tr("Exchange"), tr("Where it publishes"),
                [](const ProducerStatus &p) { return SimulatorText::exchange(p.spec.exchange); }),
        C::text(tr("Routing key"), tr("Its routing key template"), [](const ProducerStatus &p) { return p.spec.routingKey; }),
        C::text(tr("Sends"), tr("A burst at each start, or a steady rate"),
                [](const ProducerStatus &p) { return SimulatorText::pace(p.spec); }),
        C::flag(tr("Persistent"), tr("Messages sent with delivery mode 2"),
                [](const ProducerStatus &p) { return p.spec.properties.persistent; }),
        C::number(tr("Published"), tr("Messages sent to the broker"), &ProducerStatus::published),
        C::number(tr("Confirmed"), tr("Publisher confirms: messages the broker took responsibility for"),
                  &ProducerStatus::confirmed),
        C::number(tr("Nacked"), tr("Publisher confirms: messages the broker could not take"), &ProducerStatus::nacked),
        C::number(tr("Returned"), tr("Mandatory messages no queue took, sent back by the broker"),
                  &ProducerStatus::returned),
        C::number(tr("Replies"), tr("RPC client: answers to its own requests, matched by correlation_id"),
                  &ProducerStatus::replies),
    };
    t.key = [](const ProducerStatus &p) { return key(p.id); };
    return t;
}

TableDefinition<ConsumerStatus> SimulatorTables::consumers()
{
    using C = Columns<ConsumerStatus>;
    TableDefinition<ConsumerStatus> t;
    t.columns = {
        C::text(tr("Name"), tr("Its connection name on the broker's Connections page"),
                [](const ConsumerStatus &c) { return c.spec.name; }),
        stateColumn<ConsumerStatus>(tr("State"), tr("What the consumer is doing, and why it stopped")),
        C::text(tr("Queue"), tr("The queue it consumes from, and whether it declares it durable"),
                [](const ConsumerStatus &c) { return SimulatorText::queue(c.spec.queue); }),
        C::text(tr("Ack"), tr("Automatic or manual acknowledgement"),
                [](const ConsumerStatus &c) { return SimulatorText::ackMode(c.spec.ackMode); }),
        C::number(tr("Prefetch"), tr("Unacknowledged messages it may hold at once (0: no limit)"),
                  [](const ConsumerStatus &c) { return c.spec.prefetch; }),
        C::text(tr("Processing"), tr("How long it works on each message"),
                [](const ConsumerStatus &c) { return SimulatorText::processing(c.spec); }),
        C::text(tr("Outcome"), tr("What it does with a message once processed"),
                [](const ConsumerStatus &c) { return SimulatorText::outcome(c.spec.outcome); }),
        C::number(tr("Received"), tr("Messages delivered to it, all told"), &ConsumerStatus::received),
        C::number(tr("Redelivered"), tr("Of those, messages the broker had delivered before"),
                  &ConsumerStatus::redelivered),
        C::number(tr("Acked"), tr("Messages it acknowledged"), &ConsumerStatus::acked),
        C::number(tr("Requeued"), tr("Messages it rejected with requeue"), &ConsumerStatus::requeued),
        C::number(tr("Discarded"), tr("Messages it nacked without requeue"), &ConsumerStatus::discarded),
        C::number(tr("Waiting"), tr("Received and not yet processed"), &ConsumerStatus::pending),
    };
    t.key = [](const ConsumerStatus &c) { return key(c.id); };
    return t;
}

} // namespace warren::ui
