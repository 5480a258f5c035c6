// "Publish message": basic.publish from the explorer's own connection, then, as
// RabbitMQ's UI does, whether any queue took it. The dialog stays open for the next one.
#pragma once

#include "CommandDialog.h"

class QComboBox;
class QLineEdit;

namespace warren::ui {

class BodyEditor;
class FieldTableEditor;
class PropertiesEditor;

class PublishDialog : public CommandDialog {
    Q_OBJECT
public:
    // `exchange` empty: the default exchange, with the routing key naming a queue.
    PublishDialog(BrokerController *broker, const BrokerSnapshot &snapshot, const QString &vhost,
                  const QString &exchange = {}, const QString &routingKey = {}, QWidget *parent = nullptr);

signals:
    void published(bool routed);

protected:
    void submit() override;

private:
    QLayout *createDestination(const QString &exchange, const QString &routingKey);
    void fillExchanges();

    BrokerSnapshot snapshot_;
    QComboBox *vhost_;
    QComboBox *exchange_;
    QLineEdit *routingKey_;
    QComboBox *deliveryMode_;
    FieldTableEditor *headers_;
    PropertiesEditor *properties_;
    BodyEditor *body_;
};

} // namespace warren::ui
