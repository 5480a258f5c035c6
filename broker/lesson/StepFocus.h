// What a step of a lesson talks about: the clients it starts, stops or checks, the exchanges
// and queues those clients use and its expectations name. The Lessons page highlights them in
// the routing graph while the step runs, so the learner knows where to look.
#pragma once

#include "lesson/Scenario.h"

#include <QSet>
#include <QString>

namespace warren::lesson {

struct StepFocus {
    QSet<QString> clients;     // connection names
    QSet<QString> exchanges;   // "" is the default exchange
    QSet<QString> queues;

    static StepFocus of(const Scenario &scenario, int step);
    bool isEmpty() const { return clients.isEmpty() && exchanges.isEmpty() && queues.isEmpty(); }
};

} // namespace warren::lesson
