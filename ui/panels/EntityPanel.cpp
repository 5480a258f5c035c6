#include "EntityPanel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QScopedValueRollback>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace warren::ui {

namespace {
// Wide enough for most names, narrow enough that one long value does not push the
// numbers off screen; people can still widen a column by hand.
constexpr int MaxColumnWidth = 280;
// Names are what people look for: the name column starts wider, within limits.
constexpr int MinNameWidth = 150;
constexpr int MaxNameWidth = 420;
} // namespace

EntityPanel::EntityPanel(SnapshotTableModel *model, BrokerController *broker, QWidget *parent)
    : QWidget(parent), broker_(broker), model_(model), proxy_(new QSortFilterProxyModel(this)),
      filter_(new QLineEdit), toolBar_(new QToolBar), view_(new QTableView), outcome_(new QLabel)
{
    model_->setParent(this);
    // Connected before the proxy is: when the selected row goes away, nothing is selected,
    // rather than the neighbour a single-selection view would pick (and the next Delete…
    // would then be about).
    connect(model_, &QAbstractItemModel::rowsAboutToBeRemoved, this, &EntityPanel::forgetRemovedSelection);
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(SnapshotTableModel::SortRole);
    proxy_->setSortCaseSensitivity(Qt::CaseInsensitive);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy_->setFilterKeyColumn(-1);   // a row matches when any of its cells does

    filter_->setObjectName(QStringLiteral("filter"));
    filter_->setPlaceholderText(tr("Filter"));
    filter_->setClearButtonEnabled(true);
    filter_->setMaximumWidth(260);
    connect(filter_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);

    toolBar_->setObjectName(QStringLiteral("commands"));
    toolBar_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    outcome_->setObjectName(QStringLiteral("outcome"));
    outcome_->setWordWrap(true);
    outcome_->setTextFormat(Qt::PlainText);   // broker texts quote names that may look like markup
    outcome_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    outcome_->hide();
    buildView();

    auto *top = new QHBoxLayout;
    top->addWidget(toolBar_);
    top->addStretch(1);
    top->addWidget(filter_);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(outcome_);
    layout->addWidget(view_, 1);
}

void EntityPanel::buildView()
{
    view_->setObjectName(QStringLiteral("table"));
    view_->setModel(proxy_);
    view_->setSortingEnabled(true);
    view_->sortByColumn(model_->nameColumn(), Qt::AscendingOrder);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setAlternatingRowColors(true);
    view_->setWordWrap(false);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setContextMenuPolicy(Qt::ActionsContextMenu);
    view_->verticalHeader()->hide();
    view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 8);
    view_->horizontalHeader()->setHighlightSections(false);
    // The last column takes the spare width: a stretched name column in the middle would
    // be squeezed to nothing as soon as the other columns fill the width.
    view_->horizontalHeader()->setStretchLastSection(true);

    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &EntityPanel::updateCommands);
    connect(proxy_, &QAbstractItemModel::rowsRemoved, this, &EntityPanel::updateCommands);
    connect(proxy_, &QAbstractItemModel::rowsInserted, this, &EntityPanel::fitColumnsIfShown);
    // A cell that grows ("orders: 9, events: 1" once a second exchange is used) widens its
    // column too, measured at most once a second: a busy table changes four times a second.
    refit_.setSingleShot(true);
    refit_.setInterval(1000);
    connect(&refit_, &QTimer::timeout, this, &EntityPanel::fitColumnsIfShown);
    connect(proxy_, &QAbstractItemModel::dataChanged, this, [this] {
        if (!refit_.isActive())
            refit_.start();
    });
    connect(view_->horizontalHeader(), &QHeaderView::sectionResized, this, [this](int column) {
        if (!fittingColumns_)
            resizedByUser_.insert(column);
    });
    connect(view_, &QAbstractItemView::doubleClicked, this, [this] {
        if (doubleClick_ && doubleClick_->isEnabled())
            doubleClick_->trigger();
    });
}

// Columns fit the rows as they come and change, within limits, so that a longer name
// arriving later is not cut off.
// They never narrow again (no jumping while numbers change), the last one takes the spare
// width, and a column the user has resized is left alone.
void EntityPanel::fitColumns()
{
    if (model_->rowCount() == 0)
        return;
    QHeaderView *header = view_->horizontalHeader();
    const QAbstractItemView *cells = view_;   // QTableView hides the public sizeHintForColumn()
    const QScopedValueRollback sizing(fittingColumns_, true);
    for (int column = 0; column < model_->columnCount() - 1; ++column) {
        if (resizedByUser_.contains(column))
            continue;
        const bool name = column == model_->nameColumn();
        const int wanted = std::max(cells->sizeHintForColumn(column), header->sectionSizeHint(column));
        const int width = std::clamp(wanted, name ? MinNameWidth : 0, name ? MaxNameWidth : MaxColumnWidth);
        if (!columnsFitted_ || width > header->sectionSize(column))
            header->resizeSection(column, width);
    }
    columnsFitted_ = true;
}

// Qt measures only the rows in view of a shown table, but every row of a hidden one: a page
// not on screen fits its columns when it is shown.
void EntityPanel::fitColumnsIfShown()
{
    if (isVisible())
        fitColumns();
    else
        fitWhenShown_ = true;
}

void EntityPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (std::exchange(fitWhenShown_, false))
        fitColumns();
}

void EntityPanel::forgetRemovedSelection(const QModelIndex &, int first, int last)
{
    const int row = selectedRow();
    if (row >= first && row <= last)
        view_->selectionModel()->clear();
}

void EntityPanel::showSnapshot(const BrokerSnapshot &snapshot)
{
    model_->showSnapshot(snapshot);
    if (!conditions_.isEmpty())
        updateCommands();   // the selected row's state may have changed
}

int EntityPanel::selectedRow() const
{
    const QModelIndexList rows = view_->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : proxy_->mapToSource(rows.first()).row();
}

bool EntityPanel::select(const RowKey &key)
{
    const QModelIndex shown = proxy_->mapFromSource(model_->index(model_->rowOf(key), 0));
    if (!shown.isValid())
        return false;
    view_->selectionModel()->select(shown, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view_->selectionModel()->setCurrentIndex(shown, QItemSelectionModel::NoUpdate);
    view_->scrollTo(shown);
    return true;
}

void EntityPanel::continueFrom(const EntityPanel &previous)
{
    filter_->setText(previous.filter_->text());
    const QHeaderView *header = previous.view_->horizontalHeader();
    view_->sortByColumn(header->sortIndicatorSection(), header->sortIndicatorOrder());
    if (const int row = previous.selectedRow(); row >= 0)
        select(previous.model_->keyAt(row));
}

QAction *EntityPanel::addCommand(const QString &objectName, const QString &text, bool needsRow,
                                 std::function<void()> run)
{
    auto *action = new QAction(text, this);
    action->setObjectName(objectName);
    connect(action, &QAction::triggered, this, std::move(run));
    toolBar_->addAction(action);
    view_->addAction(action);
    if (needsRow) {
        rowCommands_.append(action);
        action->setEnabled(selectedRow() >= 0);
    }
    return action;
}

void EntityPanel::setEnabledWhen(QAction *command, std::function<bool()> condition)
{
    conditions_.insert(command, std::move(condition));
    updateCommands();
}

QLabel *EntityPanel::addLegend(const QString &richText)
{
    auto *legend = new QLabel(richText);
    legend->setObjectName(QStringLiteral("legend"));
    legend->setTextFormat(Qt::RichText);
    legend->setWordWrap(true);
    legend->setStyleSheet(QStringLiteral("color: #555555"));
    layout()->addWidget(legend);
    return legend;
}

void EntityPanel::updateCommands()
{
    const bool rowSelected = selectedRow() >= 0;
    for (QAction *action : std::as_const(rowCommands_)) {
        const auto condition = conditions_.constFind(action);
        action->setEnabled(rowSelected && (condition == conditions_.constEnd() || (*condition)()));
    }
}

void EntityPanel::tell(const Report &report, const management::Outcome &outcome)
{
    if (outcome.ok())
        say(report.done(outcome), false);
    else
        say(tr("%1: %2 %3").arg(report.failed).arg(outcome.replyCode).arg(outcome.text), true);
}

void EntityPanel::say(const QString &text, bool failure)
{
    outcome_->setStyleSheet(failure ? QStringLiteral("color: #b00020") : QStringLiteral("color: #1a7f37"));
    outcome_->setText(text);
    outcome_->show();
    emit message(text);
}

} // namespace warren::ui
