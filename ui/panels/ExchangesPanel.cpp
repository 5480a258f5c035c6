#include "ExchangesPanel.h"

#include "ConfirmDialog.h"
#include "models/EntityModels.h"

#include <QCheckBox>

namespace warren::ui {

using management::ManagementService;

ExchangesPanel::ExchangesPanel(BrokerController *broker, QWidget *parent)
    : EntityPanel(EntityModels::exchanges(), broker, parent)
{
    addCommand(QStringLiteral("declareExchange"), tr("Declare exchange…"), false, [this] {
        const auto exchange = selected<ExchangeSnapshot>();
        emit declareExchangeRequested(exchange ? exchange->vhost : QStringLiteral("/"));
    });
    QAction *bind = addCommand(QStringLiteral("bindExchange"), tr("Bind…"), true, [this] {
        if (const auto exchange = selected<ExchangeSnapshot>())
            emit bindRequested(exchange->vhost, exchange->name);
    });
    addCommand(QStringLiteral("publishToExchange"), tr("Publish…"), true, [this] {
        if (const auto exchange = selected<ExchangeSnapshot>())
            emit publishToExchangeRequested(exchange->vhost, exchange->name);
    });
    addCommand(QStringLiteral("deleteExchange"), tr("Delete…"), true, [this] { remove(); });
    setDoubleClickCommand(bind);
    addLegend(EntityModels::exchangeFeatureLegend());
}

// The broker refuses amq.* and the default exchange (403 ACCESS_REFUSED); the panel shows
// that refusal rather than second-guessing it.
void ExchangesPanel::remove()
{
    const auto exchange = selected<ExchangeSnapshot>();
    if (!exchange)
        return;
    const QString name = EntityModels::exchangeName(exchange->name);
    ConfirmDialog dialog(tr("Delete exchange"),
                         tr("Delete exchange '%1' in virtual host '%2' and its bindings?").arg(name, exchange->vhost),
                         tr("Delete"), this);
    QCheckBox *ifUnused = dialog.addOption(QStringLiteral("ifUnused"), tr("Only if unused"),
                                           tr("Refuse if the exchange is the source of any binding"));
    if (dialog.exec() != QDialog::Accepted)
        return;
    run(&ManagementService::deleteExchange,
        report(tr("Deleted exchange '%1'.").arg(name), tr("Could not delete exchange '%1'").arg(name)),
        exchange->vhost, exchange->name, ifUnused->isChecked());
}

} // namespace warren::ui
