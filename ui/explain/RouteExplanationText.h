// The broker's route explanations (observe::RouteExplanation) in words, for learners: the
// facts are the broker's, the sentences (in English and Simplified Chinese) are here.
#pragma once

#include "observe/RouteExplanation.h"

#include <QCoreApplication>
#include <QString>

namespace warren::ui {

class RouteExplanationText {
    Q_DECLARE_TR_FUNCTIONS(warren::ui::RouteExplanationText)
public:
    // "exchange 'logs' (topic): the message was published here"
    static QString visit(const observe::ExchangeVisit &visit);
    // "→ queue 'q1', key 'kern.*'" — what the binding connects.
    static QString binding(const observe::BindingVerdict &verdict);
    // Why it matched or not: "'kern' = 'kern', '*' took 'critical'".
    static QString reason(const observe::BindingVerdict &verdict);
    // What the visit did when nothing matched: "no binding matched: passed to the alternate
    // exchange 'ae'" and the like; empty when something matched.
    static QString outcome(const observe::ExchangeVisit &visit);
    // The whole way, one line per exchange and binding, for tooltips and plain text views.
    static QString plainText(const observe::RouteExplanation &explanation);
    // An exchange's name for people: the default exchange has none.
    static QString exchangeName(const QByteArray &name);
};

} // namespace warren::ui
