#include "VHostsPanel.h"

#include "ConfirmDialog.h"
#include "models/EntityModels.h"

#include <QInputDialog>

namespace warren::ui {

using management::ManagementService;

VHostsPanel::VHostsPanel(BrokerController *broker, QWidget *parent)
    : EntityPanel(EntityModels::vhosts(), broker, parent)
{
    addCommand(QStringLiteral("addVHost"), tr("Add…"), false, [this] { add(); });
    addCommand(QStringLiteral("deleteVHost"), tr("Delete…"), true, [this] { remove(); });
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
