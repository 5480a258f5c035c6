#include "UserDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace warren::ui {

UserDialog::UserDialog(const UserSnapshot *existing, QWidget *parent)
    : QDialog(parent), name_(new QLineEdit), password_(new QLineEdit), tags_(new QLineEdit)
{
    setObjectName(QStringLiteral("userDialog"));
    setWindowTitle(existing ? tr("Set password and tags") : tr("Add user"));
    name_->setObjectName(QStringLiteral("userName"));
    password_->setObjectName(QStringLiteral("password"));
    password_->setEchoMode(QLineEdit::Password);
    tags_->setObjectName(QStringLiteral("tags"));
    tags_->setPlaceholderText(tr("e.g. administrator, monitoring"));
    tags_->setToolTip(tr("Comma-separated: administrator, monitoring, management, policymaker or your own"));
    if (existing) {
        name_->setText(existing->name);
        name_->setReadOnly(true);
        tags_->setText(existing->tags.join(QStringLiteral(", ")));
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    ok_ = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(name_, &QLineEdit::textChanged, this, &UserDialog::updateOk);
    connect(password_, &QLineEdit::textChanged, this, &UserDialog::updateOk);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), name_);
    form->addRow(tr("&Password:"), password_);
    form->addRow(tr("&Tags:"), tags_);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(360);
    updateOk();
    (existing ? password_ : name_)->setFocus();
}

QString UserDialog::name() const { return name_->text().trimmed(); }

QString UserDialog::password() const { return password_->text(); }

QStringList UserDialog::tags() const
{
    QStringList tags;
    for (const QString &tag : tags_->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!tag.trimmed().isEmpty())
            tags.append(tag.trimmed());
    }
    return tags;
}

void UserDialog::updateOk()
{
    ok_->setEnabled(!name().isEmpty() && !password().isEmpty());
}

} // namespace warren::ui
