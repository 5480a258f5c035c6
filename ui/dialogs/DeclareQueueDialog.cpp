#include "DeclareQueueDialog.h"

#include "ArgumentLinks.h"
#include "ArgumentsSection.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>

namespace warren::ui {

DeclareQueueDialog::DeclareQueueDialog(BrokerController *broker, const BrokerSnapshot &snapshot,
                                       const QString &vhost, QWidget *parent)
    : DeclareDialog(broker, snapshot, vhost, tr("Add queue"), QueueArgumentCatalog::queueArguments(), parent),
      durable_(checkBox(QStringLiteral("durable"), tr("Durable"),
                        tr("The queue survives a broker restart, with its persistent messages (delivery mode 2) "
                           "only: transient messages in it are lost."))),
      autoDelete_(checkBox(QStringLiteral("autoDelete"), tr("Auto delete"),
                           tr("The queue is deleted when its last consumer goes away (not before it has had one)."))),
      exclusive_(checkBox(QStringLiteral("exclusive"), tr("Exclusive"),
                          tr("Only the connection that declared it may use the queue, and it is deleted when that "
                             "connection closes; declared here, that is the explorer's own connection.")))
{
    name_->setPlaceholderText(tr("e.g. orders"));
    type_->setObjectName(QStringLiteral("queueType"));
    type_->addItem(tr("Classic"), QStringLiteral("classic"));
    type_->addItem(tr("Quorum"), QStringLiteral("quorum"));
    type_->setToolTip(tr("Classic queues keep messages on this node; quorum queues are replicated logs, always "
                         "durable, with a delivery limit."));
    connect(type_, &QComboBox::currentIndexChanged, this, &DeclareQueueDialog::queueTypeChanged);
    durable_->setChecked(true);
    build({durable_, autoDelete_, exclusive_},
          tr("A durable queue survives a restart, but keeps only its persistent messages (delivery mode 2); "
             "transient ones are lost."));
    queueTypeChanged();
    resize(660, 500);
}

QString DeclareQueueDialog::queueType() const { return type_->currentData().toString(); }

// Quorum queues are always durable and never exclusive or auto-delete; each type gets
// the links of the arguments it honours. x-queue-type has its own box.
void DeclareQueueDialog::queueTypeChanged()
{
    const bool quorum = queueType() == QLatin1String("quorum");
    if (quorum) {
        durable_->setChecked(true);
        autoDelete_->setChecked(false);
        exclusive_->setChecked(false);
    }
    for (QCheckBox *box : {durable_, autoDelete_, exclusive_})
        box->setEnabled(!quorum);
    const QString type = queueType();
    arguments_->links()->setFilter(
        [type](const ArgumentInfo &info) { return info.key != "x-queue-type" && info.appliesTo(type); });
}

void DeclareQueueDialog::submit()
{
    const std::optional<Common> common = this->common(tr("Enter a name for the queue."));
    if (!common)
        return;
    // The Type box says what x-queue-type is; a row saying otherwise would be ignored.
    const amqp::FieldValue type = amqp::FieldValue::string(queueType().toUtf8());
    if (const amqp::FieldValue *typed = common->arguments.find("x-queue-type"); typed && !(*typed == type))
        return showError(tr("x-queue-type: choose the queue type in the Type box"));
    management::QueueSpec spec{common->vhost, common->name, durable_->isChecked(), exclusive_->isChecked(),
                               autoDelete_->isChecked(), common->arguments};
    spec.arguments.insert("x-queue-type", type);
    declare(&management::ManagementService::declareQueue, spec);
}

} // namespace warren::ui
