#include "ConnectionsPanel.h"

#include "models/EntityModels.h"

#include <QInputDialog>

namespace warren::ui {

using management::ManagementService;

ConnectionsPanel::ConnectionsPanel(BrokerController *broker, QWidget *parent)
    : EntityPanel(EntityModels::connections(), broker, parent)
{
    addCommand(QStringLiteral("closeConnection"), tr("Close…"), true, [this] { closeSelected(); });
}

void ConnectionsPanel::closeSelected()
{
    const auto connection = selected<ConnectionSnapshot>();
    if (!connection)
        return;
    bool ok = false;
    // Named as the client named itself, where it did: "'producer P1' at 127.0.0.1:50312".
    const QString peer = connection->name.isEmpty() ? connection->peer
                                                    : tr("'%1' at %2").arg(connection->name, connection->peer);
    const QString reason = QInputDialog::getText(
        this, tr("Close connection"),
        tr("Close the connection from %1 (user '%2')? The client is told this reason:").arg(peer, connection->user),
        QLineEdit::Normal, tr("Closed via Warren explorer"), &ok);
    if (!ok)
        return;
    run(&ManagementService::closeConnection,
        report(tr("Closed the connection from %1.").arg(peer), tr("Could not close the connection from %1").arg(peer)),
        connection->id, reason);
}

} // namespace warren::ui
