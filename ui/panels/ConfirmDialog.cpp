#include "ConfirmDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace warren::ui {

ConfirmDialog::ConfirmDialog(const QString &title, const QString &text, const QString &actionText, QWidget *parent)
    : QDialog(parent), options_(new QVBoxLayout)
{
    setObjectName(QStringLiteral("confirmDialog"));
    setWindowTitle(title);
    auto *icon = new QLabel;
    const int size = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(size, size));
    icon->setAlignment(Qt::AlignTop);
    auto *message = new QLabel(text);
    message->setObjectName(QStringLiteral("confirmText"));
    message->setTextFormat(Qt::PlainText);   // names in the text may look like markup
    message->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    QPushButton *action = buttons->addButton(actionText, QDialogButtonBox::AcceptRole);
    action->setObjectName(QStringLiteral("confirmButton"));
    // Enter cancels: nothing is lost by a key pressed out of habit.
    action->setAutoDefault(false);
    QPushButton *cancel = buttons->button(QDialogButtonBox::Cancel);
    cancel->setDefault(true);
    cancel->setFocus();
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *body = new QVBoxLayout;
    body->addWidget(message);
    body->addLayout(options_);
    auto *row = new QHBoxLayout;
    row->addWidget(icon);
    row->addLayout(body, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
    setMinimumWidth(380);
}

QCheckBox *ConfirmDialog::addOption(const QString &objectName, const QString &text, const QString &tooltip)
{
    auto *box = new QCheckBox(text);
    box->setObjectName(objectName);
    box->setToolTip(tooltip);
    options_->addWidget(box);
    return box;
}

bool ConfirmDialog::ask(QWidget *parent, const QString &title, const QString &text, const QString &actionText)
{
    ConfirmDialog dialog(title, text, actionText, parent);
    return dialog.exec() == QDialog::Accepted;
}

} // namespace warren::ui
