// "Really?" before a command that loses something (purge, delete, unbind, close), with
// optional checkboxes for the command's conditions (delete only if empty, if unused).
// Its own small dialog rather than QMessageBox, which has room for one checkbox only.
#pragma once

#include <QDialog>

class QCheckBox;
class QVBoxLayout;

namespace warren::ui {

class ConfirmDialog : public QDialog {
    Q_OBJECT
public:
    ConfirmDialog(const QString &title, const QString &text, const QString &actionText, QWidget *parent);

    QCheckBox *addOption(const QString &objectName, const QString &text, const QString &tooltip);
    // The dialog without options, shown modally: true when the action was chosen.
    static bool ask(QWidget *parent, const QString &title, const QString &text, const QString &actionText);

private:
    QVBoxLayout *options_;
};

} // namespace warren::ui
