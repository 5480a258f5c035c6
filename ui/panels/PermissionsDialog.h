// Which virtual hosts a user may open: a checkbox per virtual host. Warren's permissions
// are all-or-nothing per vhost (no configure/write/read patterns).
#pragma once

#include <QDialog>
#include <QList>

#include <utility>

class QCheckBox;

namespace warren::ui {

class PermissionsDialog : public QDialog {
    Q_OBJECT
public:
    PermissionsDialog(const QString &user, const QStringList &vhosts, const QStringList &allowed,
                      QWidget *parent = nullptr);

    // The virtual hosts whose box was changed, with the new answer.
    QList<std::pair<QString, bool>> changes() const;

private:
    QList<QCheckBox *> boxes_;
    QStringList allowed_;
};

} // namespace warren::ui
