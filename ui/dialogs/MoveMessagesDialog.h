// "Move messages": every message ready in a queue to the end of another queue of the same
// virtual host, properties unchanged (get, publish to the default exchange, ack).
#pragma once

#include "CommandDialog.h"

class QComboBox;

namespace warren::ui {

class MoveMessagesDialog : public CommandDialog {
    Q_OBJECT
public:
    MoveMessagesDialog(BrokerController *broker, const BrokerSnapshot &snapshot, const QString &vhost,
                       const QString &queue, QWidget *parent = nullptr);

signals:
    void moved(qint64 count, const QString &destination);

protected:
    void submit() override;

private:
    QString vhost_;
    QString queue_;
    QComboBox *destination_;
};

} // namespace warren::ui
