// The one-line explanation under each teaching toggle of the simulator's dialogs: what will
// happen with the choice as it stands ("a consumer that crashes with automatic ack loses the
// message"). They restate what the broker does only to predict it; what happens is what the
// broker then reports.
#pragma once

#include "sim/SimulationTypes.h"

#include <QCoreApplication>
#include <QString>

namespace warren::ui {

class TeachingNotes {
    Q_DECLARE_TR_FUNCTIONS(warren::ui::TeachingNotes)
public:
    // A queue the client declares (or not).
    static QString queueDurability(const sim::QueueDeclaration &queue);
    // Persistence, with what is known of the queue the messages go to.
    static QString persistence(bool persistent, const sim::QueueDeclaration &queue);
    static QString confirms(bool on);
    static QString mandatory(bool on);
    static QString ackMode(sim::AckMode mode);
    static QString prefetch(int prefetch, sim::AckMode mode);
    static QString outcome(const sim::ConsumerSpec &spec);
    static QString processing(const sim::ConsumerSpec &spec);
    static QString exclusive(bool on);
    static QString priority(int priority);
    static QString channels(int channels);
    static QString rpcServer(bool on);
    static QString rpcClient(bool on);
};

} // namespace warren::ui
