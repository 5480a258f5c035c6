// The bindings table: unbind runs here; a new binding is a dialog, asked for with
// bindRequested.
#pragma once

#include "EntityPanel.h"

namespace warren::ui {

class BindingsPanel : public EntityPanel {
    Q_OBJECT
public:
    explicit BindingsPanel(BrokerController *broker, QWidget *parent = nullptr);

signals:
    // From the selected binding's source exchange, or the default exchange of "/" when
    // none is selected.
    void bindRequested(const QString &vhost, const QString &source);

private:
    void unbind();
};

} // namespace warren::ui
