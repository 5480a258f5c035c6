#include "FlowExplanation.h"

#include "BrokerController.h"
#include "FlowText.h"
#include "events/EventText.h"
#include "explain/RouteExplanationView.h"

#include <QLabel>
#include <QVBoxLayout>

namespace warren::ui {

using management::ManagementService;
using management::RouteAnswer;
using management::RouteQuestion;

FlowExplanation::FlowExplanation(BrokerController *broker, QWidget *parent)
    : QWidget(parent), broker_(broker), summary_(new QLabel), view_(new RouteExplanationView)
{
    summary_->setObjectName(QStringLiteral("flowExplanationSummary"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summary_->setText(tr("Click a moving message or a row of the log: the broker explains where it went and "
                         "why."));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("<b>Why it went there</b>")));
    layout->addWidget(summary_);
    layout->addWidget(view_, 1);
}

void FlowExplanation::showUnknown(const QString &why)
{
    ++generation_;   // an answer still on its way is not shown
    summary_->setText(why);
    view_->clear();
}

void FlowExplanation::explain(quint64 traceId, const FlowMessage &message)
{
    if (!broker_)
        return;
    const QString exchange = EventText::exchange(message.exchange.toUtf8());
    const QString what = message.deadLettered
        ? tr("Message #%1, dead-lettered to %2 with key '%3'").arg(traceId).arg(exchange, message.routingKey)
        : tr("Message #%1, published to %2 with key '%3'").arg(traceId).arg(exchange, message.routingKey);
    summary_->setText(what + QLatin1Char('\n') + tr("Asking the broker…"));
    const int generation = ++generation_;
    RouteQuestion question;
    question.vhost = message.vhost;
    question.exchange = message.exchange;
    question.routingKey = message.routingKey;
    broker_->call(&ManagementService::explainRoute, this, std::function<void(const RouteAnswer &)>(
        [this, generation, what, message](const RouteAnswer &answer) {
            if (generation != generation_)
                return;
            if (!answer.outcome.ok()) {
                summary_->setText(what + QLatin1Char('\n') + tr("No explanation: %1").arg(answer.outcome.text));
                view_->clear();
                return;
            }
            QString text = what + QLatin1Char('\n')
                + FlowText::routeSummary(answer.explanation, message.returned, message.dropped);
            for (const observe::ExchangeVisit &v : answer.explanation.visits) {
                if (v.type == "headers") {
                    text += QLatin1Char('\n') + tr("The event log does not keep message headers: this is how the "
                                                   "broker routes the key without headers.");
                    break;
                }
            }
            summary_->setText(text);
            view_->setExplanation(answer.explanation);
        }), question);
}

} // namespace warren::ui
