#include "VHostsPanel.h"

#include "ConfirmDialog.h"
#include "models/EntityModels.h"
#include "stepmode/StepMode.h"

#include <QAction>
#include <QInputDialog>
#include <QSignalBlocker>
#include <QToolBar>

namespace warren::ui {

using management::ManagementService;

VHostsPanel::VHostsPanel(BrokerController *broker, QWidget *parent)
    : EntityPanel(EntityModels::vhosts(), broker, parent)
{
    addCommand(QStringLiteral("addVHost"), tr("Add…"), false, [this] { add(); });
    addCommand(QStringLiteral("deleteVHost"), tr("Delete…"), true, [this] { remove(); });
    addStepCommands();

    toolBar()->addSeparator();
    firehose_ = addCommand(QStringLiteral("firehose"), tr("Trace to amq.rabbitmq.trace (firehose)"), true,
                           [this] { setFirehose(firehose_->isChecked()); });
    firehose_->setCheckable(true);
    firehose_->setToolTip(
        tr("RabbitMQ's firehose (rabbitmqctl trace_on): while on, every message published in this virtual host "
           "and every delivery from it is also published to the exchange amq.rabbitmq.trace, with the routing "
           "key publish.<exchange> or deliver.<queue>, the original body, and headers saying where it went. "
           "Bind a queue to amq.rabbitmq.trace with '#' to read them. Off again after a restart."));
    // The toggle shows the selected virtual host's state.
    setEnabledWhen(firehose_, [] { return true; });
}

void VHostsPanel::updateCommands()
{
    EntityPanel::updateCommands();
    if (!firehose_)
        return;
    const auto vhost = selected<VHostSnapshot>();
    const QSignalBlocker quiet(firehose_);
    firehose_->setChecked(vhost && vhost->firehose);
}

void VHostsPanel::setFirehose(bool on)
{
    const auto vhost = selected<VHostSnapshot>();
    if (!vhost)
        return;
    const QString name = vhost->name;
    run(&ManagementService::setFirehose,
        report(on ? tr("Firehose on for virtual host '%1': publishes and deliveries are copied to "
                       "amq.rabbitmq.trace.").arg(name)
                  : tr("Firehose off for virtual host '%1'.").arg(name),
               tr("Could not switch the firehose for virtual host '%1'").arg(name)),
        name, on);
}

// Step mode for every queue of a virtual host: "Step" lets the oldest ready message that a
// consumer can take go, whichever queue it is in.
void VHostsPanel::addStepCommands()
{
    toolBar()->addSeparator();
    const auto paused = [this] {
        const auto vhost = selected<VHostSnapshot>();
        return vhost && vhost->paused;
    };
    QAction *pause = addCommand(QStringLiteral("pauseVHost"), tr("Pause deliveries"), true, [this] {
        const auto vhost = selected<VHostSnapshot>();
        if (!vhost)
            return;
        run(&ManagementService::pauseDeliveries,
            report(tr("Deliveries paused in virtual host '%1': messages wait as ready until you step or resume.")
                       .arg(vhost->name),
                   tr("Could not pause virtual host '%1'").arg(vhost->name)),
            vhost->name, QString());
    });
    QAction *step = addCommand(QStringLiteral("stepVHost"), tr("Step"), true, [this] { stepSelected(); });
    QAction *resume = addCommand(QStringLiteral("resumeVHost"), tr("Resume deliveries"), true, [this] {
        const auto vhost = selected<VHostSnapshot>();
        if (!vhost)
            return;
        run(&ManagementService::resumeDeliveries,
            report(tr("Deliveries resumed in virtual host '%1'.").arg(vhost->name),
                   tr("Could not resume virtual host '%1'").arg(vhost->name)),
            vhost->name, QString());
    });
    pause->setToolTip(tr("Hold the deliveries of every queue in this virtual host (step mode).")
                      + QLatin1Char('\n') + StepMode::explanation());
    step->setToolTip(tr("Release exactly one message: the oldest ready one that a consumer can take now"));
    resume->setToolTip(tr("Let every queue of this virtual host deliver again"));
    setEnabledWhen(pause, [paused] { return !paused(); });
    setEnabledWhen(step, paused);
    setEnabledWhen(resume, paused);
}

void VHostsPanel::stepSelected()
{
    const auto vhost = selected<VHostSnapshot>();
    if (!vhost)
        return;
    broker_->call(&ManagementService::stepDelivery, this,
                  std::function<void(const management::StepResult &)>([this](const management::StepResult &r) {
                      say(StepMode::stepResult(r), !r.outcome.ok());
                  }),
                  vhost->name, QString());
}

void VHostsPanel::add()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Add virtual host"), tr("Name of the new virtual host:"),
                                               QLineEdit::Normal, QString(), &ok);
    if (!ok || name.isEmpty())
        return;
    run(&ManagementService::addVHost,
        report(tr("Added virtual host '%1'.").arg(name), tr("Could not add virtual host '%1'").arg(name)), name);
}

void VHostsPanel::remove()
{
    const auto vhost = selected<VHostSnapshot>();
    if (!vhost
        || !ConfirmDialog::ask(this, tr("Delete virtual host"),
                               tr("Delete virtual host '%1'? This deletes all its exchanges and queues, with "
                                  "the %n message(s) in them, and closes its connections.",
                                  nullptr, int(vhost->ready + vhost->unacked))
                                   .arg(vhost->name),
                               tr("Delete")))
        return;
    run(&ManagementService::deleteVHost,
        report(tr("Deleted virtual host '%1'.").arg(vhost->name),
               tr("Could not delete virtual host '%1'").arg(vhost->name)),
        vhost->name);
}

} // namespace warren::ui
