// Beside the steps: the pika code of one participant of the lesson, in the seed's style, as it
// would talk to the broker the lesson runs on, with a copy button; and the whole lesson
// exported as runnable scripts (lesson::PythonExport writes them).
#pragma once

#include "lesson/Scenario.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace warren::ui {

class LessonCodePane : public QWidget {
    Q_OBJECT
public:
    explicit LessonCodePane(QWidget *parent = nullptr);

    void setLesson(const lesson::Scenario &scenario);
    // The broker the code talks to: the scratch broker while the lesson runs, else empty for
    // a local broker on the default port.
    void setBrokerUrl(const QString &url);
    void showClient(const QString &name);
    void retranslate();

    QComboBox *client() const { return client_; }
    QPlainTextEdit *code() const { return code_; }

signals:
    void message(const QString &text);

private:
    QString url() const;
    void showCode();
    void exportScripts();

    std::optional<lesson::Scenario> scenario_;
    QString brokerUrl_;
    QLabel *of_;
    QComboBox *client_;
    QPushButton *copy_;
    QPushButton *export_;
    QPlainTextEdit *code_;
};

} // namespace warren::ui
