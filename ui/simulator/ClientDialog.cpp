#include "ClientDialog.h"

#include "TeachingNotes.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace warren::ui {

ClientDialog::ClientDialog(const QString &title, const QString &name, QWidget *parent)
    : QDialog(parent), form_(new QFormLayout), name_(new QLineEdit(name))
{
    setWindowTitle(title);
    name_->setObjectName(QStringLiteral("name"));
    name_->setToolTip(tr("The connection name (connection_name) the broker shows for this client"));
    form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form_->addRow(tr("Name:"), name_);
    watch(name_);
}

QString ClientDialog::name() const
{
    return name_->text().trimmed();
}

QLabel *ClientDialog::note(const QString &objectName, const QString &text)
{
    auto *label = new QLabel(text);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #555555"));
    return label;
}

QLabel *ClientDialog::addNote(const QString &objectName)
{
    QLabel *label = note(objectName);
    form_->addRow(QString(), label);
    return label;
}

void ClientDialog::addHeading(const QString &text)
{
    auto *heading = new QLabel(QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()));
    heading->setContentsMargins(0, 8, 0, 0);
    form_->addRow(heading);
}

QCheckBox *ClientDialog::checkBox(const QString &objectName, const QString &text)
{
    auto *box = new QCheckBox(text);
    box->setObjectName(objectName);
    watch(box);
    return box;
}

void ClientDialog::addQueueRows()
{
    const sim::QueueDeclaration defaults;
    queueName_ = new QLineEdit(defaults.name);
    queueName_->setObjectName(QStringLiteral("queue"));
    declare_ = checkBox(QStringLiteral("declareQueue"), tr("Declare it first, as the tutorials do on both sides"));
    declare_->setChecked(defaults.declare);
    durable_ = checkBox(QStringLiteral("durableQueue"), tr("Durable"));
    durable_->setChecked(defaults.durable);
    watch(queueName_);
    form_->addRow(tr("Queue:"), queueName_);
    form_->addRow(QString(), declare_);
    form_->addRow(QString(), durable_);
    durabilityNote_ = addNote(QStringLiteral("durabilityNote"));
}

sim::QueueDeclaration ClientDialog::queue() const
{
    sim::QueueDeclaration q;
    q.name = queueName_->text().trimmed();
    q.declare = declare_->isChecked();
    q.durable = durable_->isChecked();
    return q;
}

void ClientDialog::watch(QWidget *widget)
{
    const auto update = [this] { changed(); };
    if (auto *button = qobject_cast<QAbstractButton *>(widget))
        connect(button, &QAbstractButton::toggled, this, update);
    else if (auto *spin = qobject_cast<QSpinBox *>(widget))
        connect(spin, &QSpinBox::valueChanged, this, update);
    else if (auto *spin = qobject_cast<QDoubleSpinBox *>(widget))
        connect(spin, &QDoubleSpinBox::valueChanged, this, update);
    else if (auto *combo = qobject_cast<QComboBox *>(widget))
        connect(combo, &QComboBox::currentIndexChanged, this, update);
    else if (auto *line = qobject_cast<QLineEdit *>(widget))
        connect(line, &QLineEdit::textChanged, this, update);
}

void ClientDialog::finish()
{
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    add_ = buttons->addButton(tr("Add and start"), QDialogButtonBox::AcceptRole);
    add_->setObjectName(QStringLiteral("addButton"));
    add_->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form_);
    layout->addStretch(1);
    layout->addWidget(buttons);
    refresh();
}

void ClientDialog::changed()
{
    if (add_)
        refresh();
}

void ClientDialog::refresh()
{
    if (durabilityNote_) {
        durable_->setEnabled(declare_->isChecked());
        durabilityNote_->setText(TeachingNotes::queueDurability(queue()));
    }
    add_->setEnabled(!name().isEmpty() && !queueName_->text().trimmed().isEmpty());
}

} // namespace warren::ui
