#include "BindingsPanel.h"

#include "ConfirmDialog.h"
#include "models/EntityModels.h"

namespace warren::ui {

using management::BindingSpec;
using management::ManagementService;

BindingsPanel::BindingsPanel(BrokerController *broker, QWidget *parent)
    : EntityPanel(EntityModels::bindings(), broker, parent)
{
    addCommand(QStringLiteral("bind"), tr("Bind…"), false, [this] {
        const auto binding = selected<BindingSnapshot>();
        emit bindRequested(binding ? binding->vhost : QStringLiteral("/"), binding ? binding->source : QString());
    });
    addCommand(QStringLiteral("unbind"), tr("Unbind"), true, [this] { unbind(); });
}

void BindingsPanel::unbind()
{
    const auto b = selected<BindingSnapshot>();
    const QString source = b ? EntityModels::exchangeName(b->source) : QString();
    if (!b
        || !ConfirmDialog::ask(this, tr("Unbind"),
                               tr("Remove the binding from exchange '%1' to %2 '%3' with routing key '%4'?")
                                   .arg(source, b->toExchange ? tr("exchange") : tr("queue"), b->destination,
                                        b->routingKey),
                               tr("Unbind")))
        return;
    // The binding is named by all its fields, arguments included, as queue.unbind wants.
    const BindingSpec spec{b->vhost, b->source, b->destination, b->toExchange, b->routingKey, b->arguments};
    run(&ManagementService::unbind,
        report(tr("Removed the binding from '%1' to '%2'.").arg(source, b->destination),
               tr("Could not remove the binding from '%1' to '%2'").arg(source, b->destination)),
        spec);
}

} // namespace warren::ui
