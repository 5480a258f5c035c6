// The connections table with "Close…": the client gets connection.close with
// CONNECTION_FORCED and the reason typed here, as from rabbitmqctl close_connection.
#pragma once

#include "EntityPanel.h"

namespace warren::ui {

class ConnectionsPanel : public EntityPanel {
    Q_OBJECT
public:
    explicit ConnectionsPanel(BrokerController *broker, QWidget *parent = nullptr);

private:
    void closeSelected();
};

} // namespace warren::ui
