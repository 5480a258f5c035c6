// One message taken from a queue: where it came from, its properties with the headers as
// a tree, and its body as text, hex or JSON.
#pragma once

#include "BodyFormat.h"
#include "management/ManagementTypes.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTreeWidget;

namespace warren::ui {

class MessageViewer : public QWidget {
    Q_OBJECT
public:
    explicit MessageViewer(QWidget *parent = nullptr);

    // Shows the message; a JSON content type (that parses) opens the JSON view.
    void setMessage(const management::MessageView &message);
    void setFormat(BodyFormat format);

private:
    void showBody();
    void fillProperties(const amqp::BasicProperties &properties);

    QLabel *summary_;
    QTreeWidget *properties_;
    QComboBox *format_;
    QPlainTextEdit *body_;
    QByteArray shown_;
};

} // namespace warren::ui
