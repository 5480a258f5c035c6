#include "EventLogView.h"

#include "EventFilter.h"
#include "EventLogModel.h"
#include "EventText.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QScrollBar>

namespace warren::ui {

EventLogView::EventLogView(EventLogModel *log, QWidget *parent)
    : QTableView(parent), log_(log), filter_(new EventFilter(this))
{
    filter_->setSourceModel(log);
    setModel(filter_);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(true);
    setWordWrap(false);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setHighlightSections(false);
    setColumnWidth(EventLogModel::TimeColumn, fontMetrics().horizontalAdvance(QStringLiteral("00:00:00.000")) + 16);
    setColumnWidth(EventLogModel::MessageColumn, fontMetrics().horizontalAdvance(tr("Message")) + 24);
}

const observe::TraceEvent &EventLogView::eventAt(const QModelIndex &index) const
{
    return log_->eventAt(filter_->mapToSource(index).row());
}

void EventLogView::append(const QList<observe::TraceEvent> &events)
{
    const QScrollBar *bar = verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 2;
    log_->append(events);
    if (atBottom)
        scrollToBottom();
}

QComboBox *EventLogView::createCategoryChooser()
{
    auto *category = new QComboBox;
    category->addItem(tr("All events"), -1);
    for (EventText::Category c : {EventText::Category::Messages, EventText::Category::Clients,
                                  EventText::Category::Topology})
        category->addItem(EventText::categoryName(c), int(c));
    connect(category, &QComboBox::currentIndexChanged, filter_,
            [this, category] { filter_->setCategory(category->currentData().toInt()); });
    return category;
}

QLineEdit *EventLogView::createSearchField()
{
    auto *search = new QLineEdit;
    search->setPlaceholderText(tr("Filter"));
    search->setClearButtonEnabled(true);
    connect(search, &QLineEdit::textChanged, filter_, &QSortFilterProxyModel::setFilterFixedString);
    return search;
}

} // namespace warren::ui
