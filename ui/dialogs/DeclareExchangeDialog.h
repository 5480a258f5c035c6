// "Add exchange": declares an exchange with exchange.declare, as a client would.
#pragma once

#include "DeclareDialog.h"

namespace warren::ui {

class DeclareExchangeDialog : public DeclareDialog {
    Q_OBJECT
public:
    DeclareExchangeDialog(BrokerController *broker, const BrokerSnapshot &snapshot, const QString &vhost,
                          QWidget *parent = nullptr);

protected:
    void submit() override;

private:
    QCheckBox *durable_;
    QCheckBox *autoDelete_;
    QCheckBox *internal_;
};

} // namespace warren::ui
