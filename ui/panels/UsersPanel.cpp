#include "UsersPanel.h"

#include "ConfirmDialog.h"
#include "PermissionsDialog.h"
#include "UserDialog.h"
#include "models/EntityModels.h"

namespace warren::ui {

using management::ManagementService;

UsersPanel::UsersPanel(BrokerController *broker, QWidget *parent)
    : EntityPanel(EntityModels::users(), broker, parent)
{
    addCommand(QStringLiteral("addUser"), tr("Add…"), false, [this] { edit(std::nullopt); });
    addCommand(QStringLiteral("editUser"), tr("Set password/tags…"), true,
               [this] { edit(selected<UserSnapshot>()); });
    addCommand(QStringLiteral("deleteUser"), tr("Delete…"), true, [this] { remove(); });
    addCommand(QStringLiteral("userPermissions"), tr("Permissions…"), true, [this] { editPermissions(); });
}

void UsersPanel::edit(const std::optional<UserSnapshot> &existing)
{
    UserDialog dialog(existing ? &*existing : nullptr, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString name = dialog.name();
    run(&ManagementService::addUser,
        report(existing ? tr("Changed the password and tags of '%1'.").arg(name) : tr("Added user '%1'.").arg(name),
               tr("Could not save user '%1'").arg(name)),
        name, dialog.password(), dialog.tags());
}

void UsersPanel::remove()
{
    const auto user = selected<UserSnapshot>();
    if (!user
        || !ConfirmDialog::ask(this, tr("Delete user"),
                               tr("Delete user '%1'?").arg(user->name),
                               tr("Delete")))
        return;
    run(&ManagementService::deleteUser,
        report(tr("Deleted user '%1'.").arg(user->name), tr("Could not delete user '%1'").arg(user->name)),
        user->name);
}

void UsersPanel::editPermissions()
{
    const auto user = selected<UserSnapshot>();
    if (!user)
        return;
    QStringList vhosts;
    for (const VHostSnapshot &v : broker_->lastSnapshot().vhosts)
        vhosts.append(v.name);
    vhosts.sort();
    PermissionsDialog dialog(*user, vhosts, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const auto failed = [&](const QString &vhost) {
        return tr("Could not change the permissions of '%1' on '%2'").arg(user->name, vhost);
    };
    for (const management::PermissionSpec &spec : dialog.granted()) {
        run(&ManagementService::setPermission,
            report(tr("Permissions of '%1' on '%2': configure '%3', write '%4', read '%5'.")
                       .arg(user->name, spec.vhost, spec.configure, spec.write, spec.read),
                   failed(spec.vhost)),
            spec);
    }
    for (const QString &vhost : dialog.revoked()) {
        run(&ManagementService::clearPermission,
            report(tr("'%1' may no longer open virtual host '%2'.").arg(user->name, vhost), failed(vhost)),
            user->name, vhost);
    }
}

} // namespace warren::ui
