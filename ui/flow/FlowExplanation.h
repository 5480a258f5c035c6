// The Flow page's "Why it went there" panel: for a message clicked in the graph or the log,
// asks the broker (ManagementService::explainRoute) where a message published like it goes
// and why, and shows the gist ("topic binding kern.* matched kern.critical: to queue 'q1'")
// above the broker's whole answer as a tree. Only the latest question's answer is shown.
#pragma once

#include "FlowTokens.h"

#include <QPointer>
#include <QWidget>

class QLabel;

namespace warren {
class BrokerController;
}

namespace warren::ui {

class RouteExplanationView;

class FlowExplanation : public QWidget {
    Q_OBJECT
public:
    explicit FlowExplanation(BrokerController *broker, QWidget *parent = nullptr);

    QLabel *summary() const { return summary_; }
    RouteExplanationView *view() const { return view_; }

    // Asks the broker about message `traceId`, published (or dead-lettered) as `message` says.
    void explain(quint64 traceId, const FlowMessage &message);
    // Says why there is nothing to ask.
    void showUnknown(const QString &why);

private:
    QPointer<BrokerController> broker_;
    QLabel *summary_;
    RouteExplanationView *view_;
    int generation_ = 0;   // of the latest question
};

} // namespace warren::ui
