// The basic properties of a message to publish, each in a field named as on the wire
// (content_type, priority, ...). Headers and delivery mode are edited elsewhere in the
// publish dialog; cluster_id is left out, as RabbitMQ's UI does (it is deprecated).
#pragma once

#include "protocol/BasicProperties.h"

#include <QWidget>

class QLineEdit;

namespace warren::ui {

class PropertiesEditor : public QWidget {
    Q_OBJECT
public:
    struct Parsed {
        amqp::BasicProperties properties;   // only the fields filled in
        QString error;                      // "priority: not a number from 0 to 255"
        bool ok() const { return error.isEmpty(); }
    };

    explicit PropertiesEditor(QWidget *parent = nullptr);
    Parsed parsed() const;

private:
    QLineEdit *field(const char *name) const;
    QString parseNumbers(amqp::BasicProperties &into) const;

    QList<QLineEdit *> fields_;
};

} // namespace warren::ui
