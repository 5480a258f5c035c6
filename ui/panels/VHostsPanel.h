// The virtual hosts table with "Add…" and "Delete…", step mode for a whole virtual host
// (pause, step, resume deliveries in all its queues) and RabbitMQ's firehose toggle
// (rabbitmqctl trace_on / trace_off), which follows the selected row.
#pragma once

#include "EntityPanel.h"

namespace warren::ui {

class VHostsPanel : public EntityPanel {
    Q_OBJECT
public:
    explicit VHostsPanel(BrokerController *broker, QWidget *parent = nullptr);

    void updateCommands() override;

private:
    void add();
    void remove();
    void addStepCommands();
    void stepSelected();
    void setFirehose(bool on);

    QAction *firehose_ = nullptr;
};

} // namespace warren::ui
