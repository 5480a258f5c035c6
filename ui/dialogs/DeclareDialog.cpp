#include "DeclareDialog.h"

#include "ArgumentsSection.h"
#include "FieldTableEditor.h"
#include "SnapshotNames.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

namespace warren::ui {

DeclareDialog::DeclareDialog(BrokerController *broker, const BrokerSnapshot &snapshot, const QString &vhost,
                             const QString &action, const QList<ArgumentInfo> &catalog, QWidget *parent)
    : CommandDialog(broker, Kind::Form, action, parent), vhost_(vhostBox(snapshot, vhost)), name_(new QLineEdit),
      type_(new QComboBox), arguments_(new ArgumentsSection(catalog))
{
    setWindowTitle(action);
    name_->setObjectName(QStringLiteral("name"));
}

void DeclareDialog::build(const QList<QCheckBox *> &options, const QString &note)
{
    auto *row = new QHBoxLayout;
    for (QCheckBox *box : options)
        row->addWidget(box);
    row->addStretch();
    auto *form = new QFormLayout;
    form->addRow(tr("Virtual host:"), vhost_);
    form->addRow(tr("Name:"), name_);
    form->addRow(tr("Type:"), type_);
    form->addRow(tr("Options:"), row);
    if (!note.isEmpty()) {
        auto *label = new QLabel(note);
        label->setObjectName(QStringLiteral("optionsNote"));
        label->setWordWrap(true);
        label->setAlignment(Qt::AlignLeft | Qt::AlignTop);   // under the options it explains
        label->setStyleSheet(QStringLiteral("color: #555555"));
        form->addRow(QString(), label);
    }
    auto *body = new QVBoxLayout;
    body->addLayout(form);
    body->addWidget(arguments_, 1);
    setBody(body);
}

std::optional<DeclareDialog::Common> DeclareDialog::common(const QString &missingName)
{
    const QString name = name_->text().trimmed();
    if (name.isEmpty()) {
        showError(missingName);
        return std::nullopt;
    }
    FieldTableEditor::Parsed arguments = arguments_->editor()->parsed();
    if (!arguments.ok()) {
        showError(arguments.error);
        return std::nullopt;
    }
    return Common{vhost_->currentText(), name, std::move(arguments.table)};
}

} // namespace warren::ui
