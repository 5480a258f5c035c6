#include "FieldTableEditor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

namespace warren::ui {

FieldTableEditor::FieldTableEditor(QWidget *parent)
    : QWidget(parent), rows_(new QTableWidget(0, 3)), remove_(new QPushButton(tr("Remove")))
{
    configureRows();
    auto *add = new QPushButton(tr("Add row"));
    add->setObjectName(QStringLiteral("addRow"));
    connect(add, &QPushButton::clicked, this, &FieldTableEditor::addEmptyRow);
    remove_->setObjectName(QStringLiteral("removeRow"));
    remove_->setEnabled(false);
    connect(remove_, &QPushButton::clicked, this, &FieldTableEditor::removeSelectedRows);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove_);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(rows_);
    layout->addLayout(buttons);
}

void FieldTableEditor::configureRows()
{
    rows_->setObjectName(QStringLiteral("fieldTable"));
    rows_->setHorizontalHeaderLabels({tr("Name"), tr("Type"), tr("Value")});
    rows_->verticalHeader()->hide();
    rows_->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Interactive);
    rows_->horizontalHeader()->setSectionResizeMode(TypeColumn, QHeaderView::Fixed);
    rows_->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    rows_->setColumnWidth(NameColumn, 220);
    rows_->setColumnWidth(TypeColumn, std::unique_ptr<QComboBox>(newTypeBox())->sizeHint().width());
    rows_->setSelectionBehavior(QAbstractItemView::SelectRows);
    // As tall as the dialog lets it be (its stretch decides), never under three rows.
    rows_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    const int rowHeight = rows_->verticalHeader()->defaultSectionSize();
    rows_->setMinimumHeight(rows_->horizontalHeader()->sizeHint().height() + 3 * rowHeight + 2 * rows_->frameWidth());
    connect(rows_, &QTableWidget::itemChanged, this, &FieldTableEditor::changed);
    connect(rows_, &QTableWidget::itemSelectionChanged, this,
            [this] { remove_->setEnabled(!rows_->selectionModel()->selectedRows().isEmpty()); });
}

// A cell still being edited is committed when the window closes, which happens in
// ~QWidget, after this object is gone: that late edit must not be reported.
FieldTableEditor::~FieldTableEditor()
{
    disconnect(rows_, nullptr, this, nullptr);
}

void FieldTableEditor::setEntry(const QString &name, FieldKind kind, const QString &value, const QString &tooltip)
{
    int row = rowNamed(name);
    if (row < 0)
        row = appendRow();
    const QSignalBlocker quiet(rows_);   // one changed() for the whole row, below
    rows_->item(row, NameColumn)->setText(name);
    rows_->item(row, NameColumn)->setToolTip(tooltip);
    typeBox(row)->setCurrentIndex(int(FieldKinds::all().indexOf(kind)));
    rows_->item(row, ValueColumn)->setText(value);
    rows_->item(row, ValueColumn)->setToolTip(tooltip);
    rows_->setCurrentCell(row, ValueColumn);   // typing now goes into the value
    rows_->setFocus();
    emit changed();
}

int FieldTableEditor::rowCount() const { return rows_->rowCount(); }

int FieldTableEditor::rowNamed(const QString &name) const
{
    for (int row = 0; row < rows_->rowCount(); ++row) {
        if (text(row, NameColumn) == name)
            return row;
    }
    return -1;
}

int FieldTableEditor::appendRow()
{
    const QSignalBlocker quiet(rows_);
    const int row = rows_->rowCount();
    rows_->insertRow(row);
    rows_->setItem(row, NameColumn, new QTableWidgetItem);
    rows_->setItem(row, ValueColumn, new QTableWidgetItem);
    QComboBox *type = newTypeBox();
    connect(type, &QComboBox::currentIndexChanged, this, &FieldTableEditor::changed);
    rows_->setCellWidget(row, TypeColumn, type);
    return row;
}

void FieldTableEditor::addEmptyRow()
{
    const int row = appendRow();
    rows_->setCurrentCell(row, NameColumn);
    rows_->editItem(rows_->item(row, NameColumn));
    emit changed();
}

void FieldTableEditor::removeSelectedRows()
{
    QList<int> selected;
    for (const QModelIndex &index : rows_->selectionModel()->selectedRows())
        selected.append(index.row());
    std::sort(selected.rbegin(), selected.rend());   // from the bottom, so indexes stay valid
    for (int row : selected)
        rows_->removeRow(row);
    emit changed();
}

QComboBox *FieldTableEditor::newTypeBox()
{
    auto *type = new QComboBox;
    for (FieldKind kind : FieldKinds::all())
        type->addItem(FieldKinds::name(kind));
    return type;
}

QComboBox *FieldTableEditor::typeBox(int row) const
{
    return static_cast<QComboBox *>(rows_->cellWidget(row, TypeColumn));
}

QString FieldTableEditor::text(int row, Column column) const
{
    const QTableWidgetItem *item = rows_->item(row, column);
    return item ? item->text() : QString();
}

FieldTableEditor::Parsed FieldTableEditor::parsed() const
{
    Parsed result;
    for (int row = 0; row < rows_->rowCount() && result.ok(); ++row)
        result.error = parseRow(row, result.table);
    return result;
}

// Adds the row's entry to `into`; returns what is wrong with it, if anything.
QString FieldTableEditor::parseRow(int row, amqp::FieldTable &into) const
{
    const QString name = text(row, NameColumn).trimmed();
    const QString value = text(row, ValueColumn);
    if (name.isEmpty())
        return value.trimmed().isEmpty() ? QString() : tr("Row %1: the name is missing").arg(row + 1);
    if (into.contains(name.toUtf8()))
        return tr("%1: given twice").arg(name);
    QString problem;
    const std::optional<amqp::FieldValue> parsed =
        FieldKinds::parse(FieldKinds::all().value(typeBox(row)->currentIndex()), value, &problem);
    if (!parsed)
        return tr("%1: %2").arg(name, problem);
    into.append(name.toUtf8(), *parsed);
    return {};
}

} // namespace warren::ui
