// "Add queue": declares a queue with queue.declare, as a client would, so a refusal is
// RabbitMQ's own (406 for an inequivalent redeclaration, an invalid argument, ...).
#pragma once

#include "DeclareDialog.h"

namespace warren::ui {

class DeclareQueueDialog : public DeclareDialog {
    Q_OBJECT
public:
    DeclareQueueDialog(BrokerController *broker, const BrokerSnapshot &snapshot, const QString &vhost,
                       QWidget *parent = nullptr);

protected:
    void submit() override;

private:
    QString queueType() const;
    void queueTypeChanged();

    QCheckBox *durable_;
    QCheckBox *autoDelete_;
    QCheckBox *exclusive_;
};

} // namespace warren::ui
