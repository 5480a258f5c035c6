#include "CommandDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace warren::ui {

namespace {

QLabel *messageLine(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);   // broker texts quote names that may look like markup
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);   // to copy the error
    label->hide();
    return label;
}

} // namespace

CommandDialog::CommandDialog(BrokerController *broker, Kind kind, const QString &actionText, QWidget *parent)
    : QDialog(parent), broker_(broker), layout_(new QVBoxLayout(this)),
      error_(messageLine(QStringLiteral("errorLabel"))),
      status_(messageLine(QStringLiteral("statusLabel"))),
      buttons_(new QDialogButtonBox(kind == Kind::Form ? QDialogButtonBox::Cancel : QDialogButtonBox::Close))
{
    error_->setStyleSheet(QStringLiteral("color: #b00020"));
    action_ = buttons_->addButton(actionText, QDialogButtonBox::AcceptRole);
    action_->setObjectName(QStringLiteral("actionButton"));
    action_->setDefault(true);
    connect(buttons_, &QDialogButtonBox::accepted, this, [this] {
        clearMessages();
        submit();
    });
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout_->addWidget(error_);
    layout_->addWidget(status_);
    layout_->addWidget(buttons_);
}

void CommandDialog::setBody(QLayout *body)
{
    layout_->insertLayout(0, body, 1);
}

QCheckBox *CommandDialog::checkBox(const QString &objectName, const QString &text, const QString &tooltip)
{
    auto *box = new QCheckBox(text);
    box->setObjectName(objectName);
    box->setToolTip(tooltip);
    return box;
}

void CommandDialog::showError(const QString &text)
{
    error_->setText(text);
    error_->show();
}

void CommandDialog::showStatus(const QString &text, bool warning)
{
    status_->setStyleSheet(warning ? QStringLiteral("color: #9a6700") : QStringLiteral("color: #1a7f37"));
    status_->setText(text);
    status_->show();
}

void CommandDialog::clearMessages()
{
    error_->hide();
    status_->hide();
}

void CommandDialog::acceptOrShow(const management::Outcome &outcome)
{
    if (outcome.ok())
        accept();
    else
        showError(outcome.text);
}

void CommandDialog::setBusy(bool busy)
{
    action_->setEnabled(!busy);
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

} // namespace warren::ui
