// The virtual hosts table with "Add…" and "Delete…".
#pragma once

#include "EntityPanel.h"

namespace warren::ui {

class VHostsPanel : public EntityPanel {
    Q_OBJECT
public:
    explicit VHostsPanel(BrokerController *broker, QWidget *parent = nullptr);

private:
    void add();
    void remove();
};

} // namespace warren::ui
