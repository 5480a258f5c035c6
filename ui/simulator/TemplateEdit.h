// A line for a routing key or body template (sim::TextTemplate), checked as it is typed: an
// error under it says what is wrong and where, and an example shows what message 1 and 2
// would get ("hello.1, hello.2").
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;

namespace warren::ui {

class TemplateEdit : public QWidget {
    Q_OBJECT
public:
    explicit TemplateEdit(const QString &text, QWidget *parent = nullptr);

    QLineEdit *line() const { return line_; }
    QString text() const;
    bool isValid() const { return valid_; }

signals:
    void validityChanged(bool valid);

private:
    void check();

    QLineEdit *line_;
    QLabel *feedback_;
    bool valid_ = true;
};

} // namespace warren::ui
