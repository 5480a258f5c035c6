// File > Export / Import definitions: RabbitMQ's definitions.json, moved between a file and
// the running broker (see management/Definitions.h). The file is read and written on the
// GUI thread; the broker only turns its state into JSON and back.
#pragma once

#include <QObject>

class QWidget;

namespace warren {
class BrokerController;
}

namespace warren::ui {

class DefinitionsTransfer : public QObject {
    Q_OBJECT
public:
    DefinitionsTransfer(BrokerController *broker, QWidget *window);

    // Without a path, a file dialog asks for one.
    void exportTo(QString path = {});
    void importFrom(QString path = {});

signals:
    // A line for the status bar, and the full import report.
    void finished(const QString &summary);
    void imported(const QString &report, bool ok);

private:
    BrokerController *broker_;
    QWidget *window_;
};

} // namespace warren::ui
