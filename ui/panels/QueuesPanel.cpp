#include "QueuesPanel.h"

#include "ConfirmDialog.h"
#include "models/EntityModels.h"
#include "stepmode/StepMode.h"

#include <QAction>
#include <QCheckBox>
#include <QToolBar>

namespace warren::ui {

using management::ManagementService;
using management::Outcome;

QueuesPanel::QueuesPanel(BrokerController *broker, QWidget *parent)
    : EntityPanel(EntityModels::queues(), broker, parent)
{
    addCommand(QStringLiteral("declareQueue"), tr("Declare queue…"), false, [this] {
        const auto queue = selected<QueueSnapshot>();
        emit declareQueueRequested(queue ? queue->vhost : QStringLiteral("/"));
    });
    QAction *get = addCommand(QStringLiteral("getMessages"), tr("Get messages…"), true,
                              [this] { withSelected(&QueuesPanel::getMessagesRequested); });
    addCommand(QStringLiteral("publishToQueue"), tr("Publish…"), true,
               [this] { withSelected(&QueuesPanel::publishToQueueRequested); });
    addCommand(QStringLiteral("moveMessages"), tr("Move messages…"), true,
               [this] { withSelected(&QueuesPanel::moveMessagesRequested); });
    addCommand(QStringLiteral("purgeQueue"), tr("Purge"), true, [this] { purge(); });
    addCommand(QStringLiteral("deleteQueue"), tr("Delete…"), true, [this] { remove(); });
    addStepCommands();
    setDoubleClickCommand(get);

    // The Features column abbreviates as RabbitMQ does; newcomers get the key under the table.
    addLegend(EntityModels::queueFeatureLegend());
}

// Step mode for one queue: its consumers get nothing until "Step" lets one message go.
void QueuesPanel::addStepCommands()
{
    toolBar()->addSeparator();
    const auto paused = [this] {
        const auto queue = selected<QueueSnapshot>();
        return queue && queue->paused;
    };
    QAction *pause = addCommand(QStringLiteral("pauseQueue"), tr("Pause deliveries"), true, [this] {
        const auto queue = selected<QueueSnapshot>();
        if (!queue)
            return;
        run(&ManagementService::pauseDeliveries,
            report(tr("Deliveries from queue '%1' paused: messages wait as ready until you step or resume.")
                       .arg(queue->name),
                   tr("Could not pause queue '%1'").arg(queue->name)),
            queue->vhost, queue->name);
    });
    QAction *step = addCommand(QStringLiteral("stepQueue"), tr("Step"), true, [this] { stepSelected(); });
    QAction *resume = addCommand(QStringLiteral("resumeQueue"), tr("Resume deliveries"), true, [this] {
        const auto queue = selected<QueueSnapshot>();
        if (!queue)
            return;
        run(&ManagementService::resumeDeliveries,
            report(tr("Deliveries from queue '%1' resumed.").arg(queue->name),
                   tr("Could not resume queue '%1'").arg(queue->name)),
            queue->vhost, queue->name);
    });
    pause->setToolTip(tr("Hold this queue's deliveries to consumers (step mode).") + QLatin1Char('\n')
                      + StepMode::explanation());
    step->setToolTip(tr("Release exactly one message from this paused queue, to the consumer the round-robin "
                        "picks next"));
    resume->setToolTip(tr("Let this queue deliver again"));
    setEnabledWhen(pause, [paused] { return !paused(); });
    setEnabledWhen(step, paused);
    setEnabledWhen(resume, paused);
}

void QueuesPanel::stepSelected()
{
    const auto queue = selected<QueueSnapshot>();
    if (!queue)
        return;
    broker_->call(&ManagementService::stepDelivery, this,
                  std::function<void(const management::StepResult &)>([this](const management::StepResult &r) {
                      say(StepMode::stepResult(r), !r.outcome.ok());
                  }),
                  queue->vhost, queue->name);
}

void QueuesPanel::withSelected(void (QueuesPanel::*request)(const QString &, const QString &))
{
    if (const auto queue = selected<QueueSnapshot>())
        emit(this->*request)(queue->vhost, queue->name);
}

void QueuesPanel::purge()
{
    const auto queue = selected<QueueSnapshot>();
    if (!queue
        || !ConfirmDialog::ask(this, tr("Purge queue"),
                               tr("Remove all %n ready message(s) from queue '%1' in virtual host '%2'? "
                                  "Unacknowledged messages stay.",
                                  nullptr, int(queue->ready))
                                   .arg(queue->name, queue->vhost),
                               tr("Purge")))
        return;
    const QString name = queue->name;
    run(&ManagementService::purgeQueue,
        {[name](const Outcome &o) { return tr("Purged %n message(s) from queue '%1'.", nullptr, int(o.count)).arg(name); },
         tr("Could not purge queue '%1'").arg(name)},
        queue->vhost, queue->name);
}

void QueuesPanel::remove()
{
    const auto queue = selected<QueueSnapshot>();
    if (!queue)
        return;
    ConfirmDialog dialog(tr("Delete queue"),
                         tr("Delete queue '%1' in virtual host '%2' and the messages in it?").arg(queue->name, queue->vhost),
                         tr("Delete"), this);
    QCheckBox *ifEmpty = dialog.addOption(QStringLiteral("ifEmpty"), tr("Only if empty"),
                                          tr("Refuse if the queue has messages"));
    QCheckBox *ifUnused = dialog.addOption(QStringLiteral("ifUnused"), tr("Only if unused"),
                                           tr("Refuse if the queue has consumers"));
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString name = queue->name;
    run(&ManagementService::deleteQueue,
        report(tr("Deleted queue '%1'.").arg(name), tr("Could not delete queue '%1'").arg(name)),
        queue->vhost, queue->name, ifEmpty->isChecked(), ifUnused->isChecked());
}

} // namespace warren::ui
