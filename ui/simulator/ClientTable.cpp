#include "ClientTable.h"

#include "SimulatorTables.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace warren::ui {

ClientTable::ClientTable(const QString &title, SnapshotTableModel *model, QWidget *parent)
    : QWidget(parent), model_(model), toolBar_(new QToolBar), view_(new QTableView)
{
    model_->setParent(this);
    auto *heading = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()));
    toolBar_->setObjectName(QStringLiteral("commands"));
    toolBar_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolBar_->addWidget(heading);
    toolBar_->addSeparator();

    view_->setObjectName(QStringLiteral("table"));
    view_->setModel(model_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setAlternatingRowColors(true);
    view_->setWordWrap(false);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setHighlightSections(false);
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateCommands();
        emit selectionChanged();
    });
    connect(model_, &QAbstractItemModel::rowsRemoved, this, &ClientTable::updateCommands);
    connect(model_, &QAbstractItemModel::rowsInserted, this, [this] {
        if (toSelect_ && select(*toSelect_))
            toSelect_.reset();
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(toolBar_);
    layout->addWidget(view_, 1);
}

QAction *ClientTable::addAction(const QString &objectName, const QString &text, const QString &tooltip,
                                std::function<void()> run)
{
    QAction *action = toolBar_->addAction(text, this, std::move(run));
    action->setObjectName(objectName);
    action->setToolTip(tooltip);
    return action;
}

QAction *ClientTable::addCommand(const QString &objectName, const QString &text, const QString &tooltip,
                                 std::function<void(quint32 id)> run)
{
    QAction *action = addAction(objectName, text, tooltip, [this, run = std::move(run)] {
        if (const std::optional<quint32> id = selectedId())
            run(*id);
    });
    commands_.append(action);
    action->setEnabled(false);
    return action;
}

std::optional<quint32> ClientTable::selectedId() const
{
    const QModelIndexList rows = view_->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    const RowKey key = model_->keyAt(rows.front().row());
    return key.isEmpty() ? std::nullopt : std::optional<quint32>(key.front().toUInt());
}

bool ClientTable::select(quint32 id)
{
    const int row = model_->rowOf(SimulatorTables::key(id));
    if (row < 0)
        return false;
    view_->selectRow(row);
    return true;
}

void ClientTable::selectWhenListed(quint32 id)
{
    if (!select(id))
        toSelect_ = id;
}

void ClientTable::updateCommands()
{
    const bool selected = selectedId().has_value();
    for (QAction *command : std::as_const(commands_))
        command->setEnabled(selected);
}

} // namespace warren::ui
