#include "SimulatorText.h"

#include <QLocale>

namespace warren::ui {

using sim::ClientState;

QString SimulatorText::state(ClientState state)
{
    switch (state) {
    case ClientState::Stopped:
        return tr("Stopped");
    case ClientState::Connecting:
        return tr("Connecting");
    case ClientState::Running:
        return tr("Running");
    case ClientState::Paused:
        return tr("Paused");
    case ClientState::Finished:
        return tr("Sent");
    case ClientState::Blocked:
        return tr("Blocked by the broker");
    case ClientState::Reconnecting:
        return tr("Reconnecting");
    case ClientState::Crashed:
        return tr("Crashed");
    case ClientState::Hung:
        return tr("Hung");
    case ClientState::Failed:
        return tr("Failed");
    }
    return {};
}

QString SimulatorText::stateWithError(ClientState s, const QString &error)
{
    if (error.isEmpty())
        return state(s);
    // The simulator's own texts are translated; the broker's replies stay as it words them.
    const QString words = QCoreApplication::translate("SimulatorErrors", error.toUtf8().constData());
    return tr("%1: %2").arg(state(s), words);
}

QString SimulatorText::stateMeaning(ClientState state)
{
    switch (state) {
    case ClientState::Stopped:
        return tr("Not connected. Start connects it again.");
    case ClientState::Connecting:
        return tr("Opening its connection and channel and declaring its queue.");
    case ClientState::Running:
        return tr("Connected and at work: publishing, or consuming.");
    case ClientState::Paused:
        return tr("Connected, not publishing. Start goes on.");
    case ClientState::Finished:
        return tr("Its burst is sent; it stays connected. Start sends another burst.");
    case ClientState::Blocked:
        return tr("The broker stopped reading from it (a resource alarm); it goes on when the broker lets it.");
    case ClientState::Reconnecting:
        return tr("Its connection was lost; it opens a new one by itself, as a client that retries does.");
    case ClientState::Crashed:
        return tr("Its connection was cut without a close: the broker requeued every message it had not "
                  "acknowledged (with automatic ack they are lost). Restart starts it again.");
    case ClientState::Hung:
        return tr("It stopped reading and heartbeating: the broker closes its connection after two missed "
                  "heartbeats and requeues what it held. Restart starts it again.");
    case ClientState::Failed:
        return tr("The broker refused it, or could not be reached: the error says why. It does not try again.");
    }
    return {};
}

QString SimulatorText::ackMode(sim::AckMode mode)
{
    return mode == sim::AckMode::Manual ? tr("manual") : tr("automatic");
}

QString SimulatorText::outcome(sim::Outcome outcome)
{
    switch (outcome) {
    case sim::Outcome::Ack:
        return tr("Acknowledge");
    case sim::Outcome::RejectRequeue:
        return tr("Reject and requeue");
    case sim::Outcome::NackDiscard:
        return tr("Nack without requeue");
    case sim::Outcome::Forget:
        return tr("Forget to acknowledge");
    case sim::Outcome::CrashBeforeAck:
        return tr("Crash before the ack");
    case sim::Outcome::Hang:
        return tr("Hang");
    }
    return {};
}

QString SimulatorText::templateError(const sim::TemplateError &error)
{
    using Kind = sim::TemplateError::Kind;
    const int at = error.position + 1;
    switch (error.kind) {
    case Kind::UnclosedBrace:
        return tr("The brace at character %1 is not closed (write {{ for a brace).").arg(at);
    case Kind::StrayClosingBrace:
        return tr("The brace at character %1 closes nothing (write }} for a brace).").arg(at);
    case Kind::UnknownPlaceholder:
        return tr("Unknown placeholder {%1} at character %2: use {n}, {n%K}, {choice:a|b|c} or {uuid}.")
            .arg(error.placeholder)
            .arg(at);
    case Kind::BadModulus:
        return tr("{%1} at character %2: K in {n%K} must be a whole number from 1.").arg(error.placeholder).arg(at);
    case Kind::NoChoices:
        return tr("{choice:} at character %1 has nothing to choose from: list options as {choice:a|b|c}.").arg(at);
    }
    return {};
}

QString SimulatorText::received(const sim::ReceivedMessage &message)
{
    const QString number = message.number ? tr("#%1").arg(message.number) : tr("#?");
    return message.redelivered ? tr("%1 ↻ redelivered").arg(number) : number;
}

QString SimulatorText::receivedDetails(const sim::ReceivedMessage &message)
{
    const QString from = message.producer.isEmpty() ? tr("a client outside the simulator") : message.producer;
    const QString what = message.number ? tr("Message %1 from %2").arg(message.number).arg(from)
                                        : tr("A message from %1").arg(from);
    return message.redelivered ? tr("%1, redelivered: the broker had delivered it before, to a consumer that did "
                                    "not acknowledge it.").arg(what)
                               : what;
}

QString SimulatorText::pace(const sim::ProducerSpec &spec)
{
    if (spec.burstMode)
        return tr("burst of %n", nullptr, spec.burst);
    return tr("%1 msg/s").arg(QLocale().toString(spec.ratePerSecond, 'g', 4));
}

QString SimulatorText::processing(const sim::ConsumerSpec &spec)
{
    if (spec.processingMinMs == spec.processingMaxMs)
        return tr("%1 ms").arg(spec.processingMinMs);
    return tr("%1–%2 ms").arg(spec.processingMinMs).arg(spec.processingMaxMs);
}

QString SimulatorText::exchange(const QString &name)
{
    return name.isEmpty() ? tr("(default)") : name;
}

QString SimulatorText::queue(const sim::QueueDeclaration &queue)
{
    return queue.declare && queue.durable ? tr("%1 (durable)").arg(queue.name) : queue.name;
}

} // namespace warren::ui
