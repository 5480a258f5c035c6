#include "QueuesPanel.h"

#include "ConfirmDialog.h"
#include "models/EntityModels.h"

#include <QCheckBox>

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
    setDoubleClickCommand(get);
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
