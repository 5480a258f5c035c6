// "Get messages": basic.get a few messages from a queue to look at them, then either put
// them all back in their places (nack with requeue: they will be redelivered, with the
// redelivered flag set on their next delivery) or take them out of the queue (ack), as
// RabbitMQ's UI does.
#pragma once

#include "CommandDialog.h"

class QComboBox;
class QLabel;
class QListWidget;
class QSpinBox;

namespace warren::ui {

class MessageViewer;

class GetMessagesDialog : public CommandDialog {
    Q_OBJECT
public:
    GetMessagesDialog(BrokerController *broker, const QString &vhost, const QString &queue, QWidget *parent = nullptr);

signals:
    // `removed`: they were acknowledged, so they are no longer in the queue.
    void fetched(int count, bool removed);

protected:
    void submit() override;

private:
    management::GetMode mode() const;
    void showMessages(const QList<management::MessageView> &messages, management::GetMode mode);
    void showSelected();

    QString vhost_;
    QString queue_;
    QSpinBox *count_;
    QComboBox *mode_;
    QLabel *warning_;
    QLabel *requeueNote_;
    QListWidget *list_;
    MessageViewer *viewer_;
    QList<management::MessageView> messages_;
};

} // namespace warren::ui
