// A user's permissions, one row per virtual host: whether they may open it, and RabbitMQ's
// three regular expressions (configure, write, read) over the names of its exchanges and
// queues. The broker judges the patterns; the dialog only collects them.
#pragma once

#include "BrokerSnapshot.h"
#include "management/ManagementTypes.h"

#include <QDialog>
#include <QList>

#include <optional>

class QCheckBox;
class QLineEdit;

namespace warren::ui {

class PermissionsDialog : public QDialog {
    Q_OBJECT
public:
    PermissionsDialog(const UserSnapshot &user, const QStringList &vhosts, QWidget *parent = nullptr);

    // The virtual hosts newly allowed or whose patterns changed, with the new patterns.
    QList<management::PermissionSpec> granted() const;
    // The virtual hosts no longer allowed.
    QStringList revoked() const;

private:
    struct Row {
        QString vhost;
        QCheckBox *allowed;
        QLineEdit *configure;
        QLineEdit *write;
        QLineEdit *read;
        std::optional<PermissionSnapshot> before;
    };
    Row addRow(const QString &vhost, const std::optional<PermissionSnapshot> &before);
    static management::PermissionSpec specOf(const QString &user, const Row &row);

    QString user_;
    QList<Row> rows_;
};

} // namespace warren::ui
