// How the simulator page words what it shows: client states, ack modes, outcomes, template
// errors ("unknown placeholder {id} at character 5") and the simulator's own error texts.
// The broker's replies ("406 PRECONDITION_FAILED - ...") are shown as the broker words them.
#pragma once

#include "sim/SimulationTypes.h"
#include "sim/TextTemplate.h"

#include <QCoreApplication>
#include <QString>

namespace warren::ui {

class SimulatorText {
    Q_DECLARE_TR_FUNCTIONS(warren::ui::SimulatorText)
public:
    static QString state(sim::ClientState state);
    // The state with its error, when it has one: "Failed: 404 NOT_FOUND - ...".
    static QString stateWithError(sim::ClientState state, const QString &error);
    // What the state means for the client and its messages, and what brings it back.
    static QString stateMeaning(sim::ClientState state);
    static QString ackMode(sim::AckMode mode);
    static QString outcome(sim::Outcome outcome);
    static QString templateError(const sim::TemplateError &error);
    // A message a consumer received, for its list: "#12", "#12 ↻ redelivered".
    static QString received(const sim::ReceivedMessage &message);
    static QString receivedDetails(const sim::ReceivedMessage &message);
    // What a producer sends: "burst of 10", "2.5 msg/s".
    static QString pace(const sim::ProducerSpec &spec);
    static QString processing(const sim::ConsumerSpec &spec);
    static QString exchange(const QString &name);   // the default exchange named as such
    // The queue a client uses, "hello (durable)" when it declares it durable.
    static QString queue(const sim::QueueDeclaration &queue);
};

} // namespace warren::ui
