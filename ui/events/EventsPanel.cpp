#include "EventsPanel.h"

#include "EventFilter.h"
#include "EventLogModel.h"
#include "EventSubscription.h"
#include "EventText.h"
#include "observe/TraceSampler.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace warren::ui {

EventsPanel::EventsPanel(BrokerController *broker, QWidget *parent)
    : QWidget(parent), subscription_(new EventSubscription(broker, this)),
      model_(new EventLogModel(EventLogModel::kDefaultCapacity, this)), filter_(new EventFilter(this)),
      category_(new QComboBox), search_(new QLineEdit), following_(new QLabel),
      showAll_(new QPushButton(tr("Show all messages"))), view_(new QTableView), status_(new QLabel)
{
    filter_->setSourceModel(model_);

    auto *intro = new QLabel(tr("What the broker does with each message, as it happens. Events are recorded only "
                                "while this page is open. Double-click a row to follow its message."));
    intro->setObjectName(QStringLiteral("eventsIntro"));
    intro->setWordWrap(true);

    category_->setObjectName(QStringLiteral("eventCategory"));
    category_->addItem(tr("All events"), -1);
    for (EventText::Category c : {EventText::Category::Messages, EventText::Category::Clients,
                                  EventText::Category::Topology})
        category_->addItem(EventText::categoryName(c), int(c));
    connect(category_, &QComboBox::currentIndexChanged, this,
            [this] { filter_->setCategory(category_->currentData().toInt()); });
    search_->setObjectName(QStringLiteral("filter"));
    search_->setPlaceholderText(tr("Filter"));
    search_->setClearButtonEnabled(true);
    search_->setMaximumWidth(260);
    connect(search_, &QLineEdit::textChanged, filter_, &QSortFilterProxyModel::setFilterFixedString);

    auto *toolBar = new QToolBar;
    toolBar->setObjectName(QStringLiteral("commands"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    pause_ = toolBar->addAction(tr("Pause scrolling"));
    pause_->setObjectName(QStringLiteral("pauseScrolling"));
    pause_->setCheckable(true);
    pause_->setToolTip(tr("Keep the table still to read it: new events wait and are added when you continue"));
    connect(pause_, &QAction::toggled, this, &EventsPanel::setScrollingPaused);
    clear_ = toolBar->addAction(tr("Clear"), this, &EventsPanel::clear);
    clear_->setObjectName(QStringLiteral("clearEvents"));
    following_->setObjectName(QStringLiteral("following"));
    showAll_->setObjectName(QStringLiteral("showAll"));
    connect(showAll_, &QPushButton::clicked, this, [this] { follow(0); });
    following_->hide();
    showAll_->hide();

    view_->setObjectName(QStringLiteral("table"));
    view_->setModel(filter_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setAlternatingRowColors(true);
    view_->setWordWrap(false);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->verticalHeader()->hide();
    // Fixed row heights: the view need not measure 5,000 rows.
    view_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 6);
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->horizontalHeader()->setHighlightSections(false);
    const QFontMetrics metrics = view_->fontMetrics();
    view_->setColumnWidth(EventLogModel::TimeColumn, metrics.horizontalAdvance(QStringLiteral("00:00:00.000")) + 16);
    view_->setColumnWidth(EventLogModel::MessageColumn, metrics.horizontalAdvance(tr("Message")) + 24);
    view_->setColumnWidth(EventLogModel::ConnectionColumn, 150);
    view_->setColumnWidth(EventLogModel::KindColumn, 150);
    connect(view_, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        follow(index.data(EventLogModel::TraceIdRole).value<quint64>());
    });

    status_->setObjectName(QStringLiteral("eventStatus"));
    status_->setWordWrap(true);

    auto *top = new QHBoxLayout;
    top->addWidget(toolBar);
    top->addWidget(category_);
    top->addWidget(following_);
    top->addWidget(showAll_);
    top->addStretch(1);
    top->addWidget(search_);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(top);
    layout->addWidget(view_, 1);
    layout->addWidget(status_);

    connect(subscription_, &EventSubscription::eventsReady, this, &EventsPanel::addBatch);
    connect(subscription_, &EventSubscription::activeChanged, this, &EventsPanel::updateStatus);
    updateStatus();
}

bool EventsPanel::isWatching() const
{
    return subscription_->isActive();
}

void EventsPanel::showSnapshot(const BrokerSnapshot &snapshot)
{
    model_->setConnections(snapshot.connections);
    if (running_ != snapshot.running) {
        running_ = snapshot.running;
        updateStatus();
    }
}

void EventsPanel::addBatch(const observe::TraceBatch &batch)
{
    untraced_ += batch.untraced;
    lost_ += batch.lost;
    if (batch.sampleEvery > 1)
        sampleEvery_ = batch.sampleEvery;
    if (pause_->isChecked()) {
        held_.append(batch.events);
        // Only the newest fit in the log anyway.
        if (held_.size() > model_->capacity())
            held_.remove(0, held_.size() - model_->capacity());
    } else {
        append(batch.events);
    }
    updateStatus();
}

void EventsPanel::append(const QList<observe::TraceEvent> &events)
{
    // Follow the newest rows only when the view is already at the bottom: someone who
    // scrolled up to read is not pulled away.
    const QScrollBar *bar = view_->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 2;
    model_->append(events);
    if (atBottom)
        view_->scrollToBottom();
}

void EventsPanel::setScrollingPaused(bool paused)
{
    if (!paused && !held_.isEmpty()) {
        append(std::exchange(held_, {}));
        view_->scrollToBottom();
    }
    updateStatus();
}

void EventsPanel::clear()
{
    held_.clear();
    model_->clear();
    untraced_ = lost_ = 0;
    sampleEvery_ = 1;
    updateStatus();
}

void EventsPanel::follow(quint64 traceId)
{
    filter_->follow(traceId);
    following_->setText(tr("Following message #%1 (and its dead-lettered copies)").arg(traceId));
    following_->setVisible(traceId != 0);
    showAll_->setVisible(traceId != 0);
    if (traceId == 0)
        view_->scrollToBottom();
}

void EventsPanel::updateStatus()
{
    const QLocale locale;
    QStringList parts;
    if (!running_)
        parts.append(tr("The broker is not running."));
    parts.append(tr("%Ln event(s) in the log; it keeps the last %1.", nullptr, model_->rowCount())
                     .arg(locale.toString(model_->capacity())));
    if (untraced_ > 0) {
        // The counters in the other pages stay exact; only this log is a sample.
        const int every = sampleEvery_ > 1 ? sampleEvery_ : int(observe::TraceSampler::kDefaultEvery);
        parts.append(tr("%1 events not shown: tracing 1 in %2 messages past %3 messages/s.")
                         .arg(locale.toString(qulonglong(untraced_)))
                         .arg(locale.toString(every))
                         .arg(locale.toString(qulonglong(observe::TraceSampler::kDefaultBudget))));
    }
    if (lost_ > 0)
        parts.append(tr("%1 events lost: the explorer could not keep up.").arg(locale.toString(qulonglong(lost_))));
    if (pause_->isChecked())
        parts.append(tr("Scrolling paused: %Ln new event(s) waiting.", nullptr, int(held_.size())));
    status_->setText(parts.join(QLatin1Char(' ')));
}

} // namespace warren::ui
