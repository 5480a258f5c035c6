// A message body: typed as text (sent as UTF-8) or loaded from a file. A loaded file is
// sent byte for byte, so it is shown read-only: text editing could change its line
// endings or byte order mark.
#pragma once

#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace warren::ui {

class BodyEditor : public QWidget {
    Q_OBJECT
public:
    explicit BodyEditor(QWidget *parent = nullptr);

    QByteArray body() const;
    // Takes the body from a file; false (and the reason in `error`) when it cannot be read.
    bool loadFile(const QString &path, QString *error);

private:
    void chooseFile();
    void typeInstead();

    QPlainTextEdit *text_;
    QLabel *source_;
    QPushButton *load_;
    QPushButton *unload_;
    std::optional<QByteArray> file_;
};

} // namespace warren::ui
