// Whether an expectation holds, from what the broker and the simulated clients report: the
// broker's snapshot for broker-observed expectations, the simulation's snapshot for client-
// observed ones. Pure: no timing (the runner retries until `within` passes), no broker.
//
// Texts are in the language of the translator installed (context "Lesson"), as the rest of
// Warren's texts.
#pragma once

#include "BrokerSnapshot.h"
#include "lesson/Scenario.h"
#include "sim/SimulationTypes.h"

#include <QString>

namespace warren::lesson {

struct Verdict {
    enum class Result { Met, NotMet, Skipped };
    Result result = Result::NotMet;
    QString observed;   // what was seen, in the terms of the expectation: "2 received, 0 redelivered"
};

class ExpectationCheck {
public:
    // `broker` is null when the lesson runs against another broker: broker-observed
    // expectations are then skipped.
    static Verdict check(const Expectation &e, const BrokerSnapshot *broker, const sim::SimulationSnapshot &clients);
    // The expectation as a sentence: "receive.py has received 1 message".
    static QString describe(const Expectation &e);
    // ✓, ✗, or – for skipped: what a learner sees beside an expectation.
    static QString mark(Verdict::Result result);
};

} // namespace warren::lesson
