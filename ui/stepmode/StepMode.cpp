#include "StepMode.h"

namespace warren::ui {

QString StepMode::explanation()
{
    return tr("While deliveries are paused, publishing continues and messages pile up as ready, message TTLs "
              "keep running (messages still expire), and basic.get still answers. Only deliveries to consumers "
              "wait: Step releases one message, Resume lets them all go.");
}

QString StepMode::pausedTip()
{
    return tr("Deliveries paused (step mode): consumers get nothing until you step or resume.") + QLatin1Char('\n')
        + explanation();
}

QString StepMode::stepResult(const management::StepResult &result)
{
    if (!result.outcome.ok())
        return tr("Could not step: %1 %2").arg(result.outcome.replyCode).arg(result.outcome.text);
    if (!result.queue.isEmpty())
        return tr("Released one message from '%1'.").arg(result.queue);
    if (result.waiting == 0)
        return tr("No message is waiting: nothing to release.");
    return tr("No consumer can take a message now (none is consuming, or each holds as many unacknowledged "
              "messages as its prefetch allows).");
}

} // namespace warren::ui
