// The exchanges table with the exchange commands: delete runs here; declaring, binding and
// publishing are dialogs, asked for with the signals. Double-clicking an exchange asks to
// bind from it.
#pragma once

#include "EntityPanel.h"

namespace warren::ui {

class ExchangesPanel : public EntityPanel {
    Q_OBJECT
public:
    explicit ExchangesPanel(BrokerController *broker, QWidget *parent = nullptr);

signals:
    // `vhost`: the selected exchange's, or "/" when none is selected.
    void declareExchangeRequested(const QString &vhost);
    // `source` / `exchange` is "" for the default exchange.
    void bindRequested(const QString &vhost, const QString &source);
    void publishToExchangeRequested(const QString &vhost, const QString &exchange);

private:
    void remove();
};

} // namespace warren::ui
