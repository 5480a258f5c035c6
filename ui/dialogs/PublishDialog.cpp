#include "PublishDialog.h"

#include "BodyEditor.h"
#include "FieldTableEditor.h"
#include "PropertiesEditor.h"
#include "SnapshotNames.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>

namespace warren::ui {

namespace {

QGroupBox *group(const QString &title, QWidget *content)
{
    auto *box = new QGroupBox(title);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(content);
    return box;
}

} // namespace

PublishDialog::PublishDialog(BrokerController *broker, const BrokerSnapshot &snapshot, const QString &vhost,
                             const QString &exchange, const QString &routingKey, QWidget *parent)
    : CommandDialog(broker, Kind::Tool, tr("Publish message"), parent), snapshot_(snapshot),
      vhost_(vhostBox(snapshot, vhost)), exchange_(new QComboBox), routingKey_(new QLineEdit(routingKey)),
      deliveryMode_(new QComboBox), headers_(new FieldTableEditor), properties_(new PropertiesEditor),
      body_(new BodyEditor)
{
    setWindowTitle(tr("Publish message"));
    headers_->setObjectName(QStringLiteral("headers"));
    properties_->setObjectName(QStringLiteral("properties"));
    body_->setObjectName(QStringLiteral("body"));
    auto *body = new QVBoxLayout;
    body->addLayout(createDestination(exchange, routingKey));
    body->addWidget(group(tr("Headers"), headers_), 1);
    body->addWidget(group(tr("Properties"), properties_));
    body->addWidget(group(tr("Payload"), body_), 2);
    setBody(body);
    resize(720, 820);
}

QLayout *PublishDialog::createDestination(const QString &exchange, const QString &routingKey)
{
    exchange_->setObjectName(QStringLiteral("exchange"));
    fillExchanges();
    exchange_->setCurrentIndex(std::max(0, exchange_->findData(exchange)));
    connect(vhost_, &QComboBox::currentTextChanged, this, &PublishDialog::fillExchanges);
    routingKey_->setObjectName(QStringLiteral("routingKey"));
    routingKey_->setText(routingKey);
    routingKey_->setToolTip(tr("Through the default exchange, the name of the queue to deliver to."));
    deliveryMode_->setObjectName(QStringLiteral("deliveryMode"));
    deliveryMode_->addItem(tr("1 - Non-persistent"), 1);
    deliveryMode_->addItem(tr("2 - Persistent"), 2);
    deliveryMode_->setToolTip(tr("A persistent message in a durable queue survives a broker restart."));
    auto *form = new QFormLayout;
    form->addRow(tr("Virtual host:"), vhost_);
    form->addRow(tr("Exchange:"), exchange_);
    form->addRow(tr("Routing key:"), routingKey_);
    form->addRow(tr("Delivery mode:"), deliveryMode_);
    return form;
}

// Internal exchanges are left out: publishing to them is refused.
void PublishDialog::fillExchanges()
{
    const QVariant current = exchange_->currentData();
    exchange_->clear();
    exchange_->addItem(tr("(AMQP default)"), QString());
    for (const QString &name : exchangeNames(snapshot_, vhost_->currentText(), false))
        exchange_->addItem(name, name);
    exchange_->setCurrentIndex(std::max(0, exchange_->findData(current)));
}

void PublishDialog::submit()
{
    FieldTableEditor::Parsed headers = headers_->parsed();
    if (!headers.ok())
        return showError(headers.error);
    PropertiesEditor::Parsed properties = properties_->parsed();
    if (!properties.ok())
        return showError(properties.error);
    management::PublishSpec spec{vhost_->currentText(), exchange_->currentData().toString(), routingKey_->text(),
                                 properties.properties, body_->body()};
    spec.properties.deliveryMode = std::uint8_t(deliveryMode_->currentData().toInt());
    if (!headers.table.isEmpty())
        spec.properties.headers = headers.table;
    run(&management::ManagementService::publish, [this](const management::PublishResult &result) {
        if (!result.outcome.ok())
            return showError(result.outcome.text);
        showStatus(result.routed ? tr("Message published.") : tr("Message published, but not routed to any queue."),
                   !result.routed);
        emit published(result.routed);
    }, spec);
}

} // namespace warren::ui
