#include "PermissionsDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

namespace warren::ui {

PermissionsDialog::PermissionsDialog(const QString &user, const QStringList &vhosts, const QStringList &allowed,
                                     QWidget *parent)
    : QDialog(parent), allowed_(allowed)
{
    setObjectName(QStringLiteral("permissionsDialog"));
    setWindowTitle(tr("Permissions of '%1'").arg(user));
    auto *intro = new QLabel(tr("Virtual hosts '%1' may open:").arg(user));
    intro->setTextFormat(Qt::PlainText);

    auto *list = new QWidget;
    auto *listLayout = new QVBoxLayout(list);
    for (const QString &vhost : vhosts) {
        auto *box = new QCheckBox(QString(vhost).replace(QLatin1Char('&'), QStringLiteral("&&")));   // no mnemonic
        box->setProperty("vhost", vhost);
        box->setChecked(allowed.contains(vhost));
        boxes_.append(box);
        listLayout->addWidget(box);
    }
    listLayout->addStretch(1);
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
    setMinimumWidth(320);
}

QList<std::pair<QString, bool>> PermissionsDialog::changes() const
{
    QList<std::pair<QString, bool>> changed;
    for (const QCheckBox *box : boxes_) {
        const QString vhost = box->property("vhost").toString();
        if (box->isChecked() != allowed_.contains(vhost))
            changed.append({vhost, box->isChecked()});
    }
    return changed;
}

} // namespace warren::ui
