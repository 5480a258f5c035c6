#include "PermissionsDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QVBoxLayout>

namespace warren::ui {

namespace {

enum Column { VHostColumn, ConfigureColumn, WriteColumn, ReadColumn };

// RabbitMQ's management UI offers ".*" for a vhost newly allowed: everything in it.
const QString kEverything = QStringLiteral(".*");

} // namespace

PermissionsDialog::PermissionsDialog(const UserSnapshot &user, const QStringList &vhosts, QWidget *parent)
    : QDialog(parent), user_(user.name)
{
    setObjectName(QStringLiteral("permissionsDialog"));
    setWindowTitle(tr("Permissions of '%1'").arg(user.name));
    auto *intro = new QLabel(tr("Tick the virtual hosts '%1' may open. In each, three regular expressions say "
                                "which exchanges and queues the user may configure (declare, delete), write "
                                "(publish, bind to) and read (consume, get, purge, bind from). As in RabbitMQ they "
                                "match anywhere in a name; start one with ^ to match from the beginning. Empty "
                                "allows nothing, .* everything.")
                                 .arg(user.name));
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);

    auto *list = new QWidget;
    auto *grid = new QGridLayout(list);
    const QString headers[] = {tr("Virtual host"), tr("Configure"), tr("Write"), tr("Read")};
    for (int column = VHostColumn; column <= ReadColumn; ++column)
        grid->addWidget(new QLabel(QStringLiteral("<b>%1</b>").arg(headers[column].toHtmlEscaped())), 0, column);
    for (const QString &vhost : vhosts) {
        std::optional<PermissionSnapshot> before;
        for (const PermissionSnapshot &p : user.permissions) {
            if (p.vhost == vhost)
                before = p;
        }
        const Row row = addRow(vhost, before);
        const int line = grid->rowCount();
        grid->addWidget(row.allowed, line, VHostColumn);
        grid->addWidget(row.configure, line, ConfigureColumn);
        grid->addWidget(row.write, line, WriteColumn);
        grid->addWidget(row.read, line, ReadColumn);
        rows_.append(row);
    }
    grid->setRowStretch(grid->rowCount(), 1);
    auto *scroll = new QScrollArea;   // there may be many virtual hosts
    scroll->setWidget(list);
    scroll->setWidgetResizable(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(scroll, 1);
    layout->addWidget(buttons);
    setMinimumWidth(560);
}

PermissionsDialog::Row PermissionsDialog::addRow(const QString &vhost, const std::optional<PermissionSnapshot> &before)
{
    Row row{vhost, new QCheckBox(QString(vhost).replace(QLatin1Char('&'), QStringLiteral("&&"))),   // no mnemonic
            new QLineEdit(before ? before->configure : kEverything), new QLineEdit(before ? before->write : kEverything),
            new QLineEdit(before ? before->read : kEverything), before};
    row.allowed->setObjectName(QStringLiteral("allowed:") + vhost);
    row.allowed->setChecked(before.has_value());
    const std::pair<QLineEdit *, QString> patterns[] = {
        {row.configure, QStringLiteral("configure:")}, {row.write, QStringLiteral("write:")}, {row.read, QStringLiteral("read:")}};
    for (const auto &[edit, prefix] : patterns) {
        edit->setObjectName(prefix + vhost);
        edit->setEnabled(row.allowed->isChecked());
        edit->setPlaceholderText(tr("nothing"));
        connect(row.allowed, &QCheckBox::toggled, edit, &QLineEdit::setEnabled);
    }
    row.configure->setToolTip(tr("Exchanges and queues the user may declare and delete"));
    row.write->setToolTip(tr("Exchanges the user may publish to, queues and exchanges the user may bind to"));
    row.read->setToolTip(tr("Queues the user may consume from, get from and purge, exchanges the user may bind from"));
    return row;
}

management::PermissionSpec PermissionsDialog::specOf(const QString &user, const Row &row)
{
    return {user, row.vhost, row.configure->text(), row.write->text(), row.read->text()};
}

QList<management::PermissionSpec> PermissionsDialog::granted() const
{
    QList<management::PermissionSpec> out;
    for (const Row &row : rows_) {
        if (!row.allowed->isChecked())
            continue;
        const management::PermissionSpec spec = specOf(user_, row);
        const bool unchanged = row.before && row.before->configure == spec.configure
            && row.before->write == spec.write && row.before->read == spec.read;
        if (!unchanged)
            out.append(spec);
    }
    return out;
}

QStringList PermissionsDialog::revoked() const
{
    QStringList out;
    for (const Row &row : rows_) {
        if (row.before && !row.allowed->isChecked())
            out.append(row.vhost);
    }
    return out;
}

} // namespace warren::ui
