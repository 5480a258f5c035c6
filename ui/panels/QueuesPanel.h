// The queues table with the queue commands: purge, delete and step mode (pause, step,
// resume deliveries) run here; declaring, getting, publishing and moving messages are
// dialogs, asked for with the signals. Double-clicking a queue asks to get its messages.
// A legend under the table says what the Features abbreviations mean.
#pragma once

#include "EntityPanel.h"

namespace warren::ui {

class QueuesPanel : public EntityPanel {
    Q_OBJECT
public:
    explicit QueuesPanel(BrokerController *broker, QWidget *parent = nullptr);

signals:
    // `vhost`: the selected queue's, or "/" when none is selected.
    void declareQueueRequested(const QString &vhost);
    void getMessagesRequested(const QString &vhost, const QString &queue);
    void publishToQueueRequested(const QString &vhost, const QString &queue);
    void moveMessagesRequested(const QString &vhost, const QString &queue);

private:
    void purge();
    void remove();
    void addStepCommands();
    void stepSelected();
    // Calls `request` with the selected queue's vhost and name.
    void withSelected(void (QueuesPanel::*request)(const QString &, const QString &));
};

} // namespace warren::ui
