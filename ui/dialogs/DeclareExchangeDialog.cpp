#include "DeclareExchangeDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>

namespace warren::ui {

namespace {

struct ExchangeType {
    const char *name;
    const char *routes;
};

// The types Warren routes with, and how each one picks queues.
constexpr ExchangeType kTypes[] = {
    {"direct", QT_TRANSLATE_NOOP("DeclareExchangeDialog", "to the queues bound with the message's routing key")},
    {"fanout", QT_TRANSLATE_NOOP("DeclareExchangeDialog", "to every bound queue, whatever the routing key")},
    {"topic", QT_TRANSLATE_NOOP("DeclareExchangeDialog",
                                "to the queues whose binding pattern matches the routing key (* one word, # any)")},
    {"headers", QT_TRANSLATE_NOOP("DeclareExchangeDialog",
                                  "to the queues whose binding arguments match the message's headers")},
};

} // namespace

DeclareExchangeDialog::DeclareExchangeDialog(BrokerController *broker, const BrokerSnapshot &snapshot,
                                             const QString &vhost, QWidget *parent)
    : DeclareDialog(broker, snapshot, vhost, tr("Add exchange"), QueueArgumentCatalog::exchangeArguments(), parent),
      durable_(checkBox(QStringLiteral("durable"), tr("Durable"), tr("The exchange survives a broker restart."))),
      autoDelete_(checkBox(QStringLiteral("autoDelete"), tr("Auto delete"),
                           tr("The exchange is deleted when its last binding is removed."))),
      internal_(checkBox(QStringLiteral("internal"), tr("Internal"),
                         tr("Clients cannot publish to it; only exchanges bound to it route messages into it.")))
{
    name_->setPlaceholderText(tr("e.g. logs"));
    type_->setObjectName(QStringLiteral("exchangeType"));
    for (const ExchangeType &type : kTypes) {
        type_->addItem(QString::fromLatin1(type.name));
        type_->setItemData(type_->count() - 1, tr("Routes %1.").arg(tr(type.routes)), Qt::ToolTipRole);
    }
    durable_->setChecked(true);
    build({durable_, autoDelete_, internal_});
    resize(600, 400);
}

void DeclareExchangeDialog::submit()
{
    const std::optional<Common> common = this->common(tr("Enter a name for the exchange."));
    if (!common)
        return;
    declare(&management::ManagementService::declareExchange,
            management::ExchangeSpec{common->vhost, common->name, type_->currentText(), durable_->isChecked(),
                                     autoDelete_->isChecked(), internal_->isChecked(), common->arguments});
}

} // namespace warren::ui
