#include "EventsPanel.h"

#include "EventFilter.h"
#include "EventLogModel.h"
#include "EventLogView.h"
#include "EventSubscription.h"
#include "EventText.h"
#include "observe/TraceSampler.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace warren::ui {

EventsPanel::EventsPanel(BrokerController *broker, QWidget *parent)
    : QWidget(parent), subscription_(new EventSubscription(broker, this)),
      model_(new EventLogModel(EventLogModel::kDefaultCapacity, this)), view_(new EventLogView(model_)),
      following_(new QLabel), showAll_(new QPushButton(tr("Show all messages"))), status_(new QLabel)
{
    auto *intro = new QLabel(tr("What the broker does with each message, as it happens. Events are recorded only "
                                "while this page is open. Double-click a row to follow its message."));
    intro->setObjectName(QStringLiteral("eventsIntro"));
    intro->setWordWrap(true);

    category_ = view_->createCategoryChooser();
    category_->setObjectName(QStringLiteral("eventCategory"));
    search_ = view_->createSearchField();
    search_->setObjectName(QStringLiteral("filter"));
    search_->setMaximumWidth(260);

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

EventFilter *EventsPanel::filter() const
{
    return view_->filter();
}

QTableView *EventsPanel::view() const
{
    return view_;
}

bool EventsPanel::isWatching() const
{
    return subscription_->isActive();
}

void EventsPanel::continueFrom(const EventsPanel &previous)
{
    model_->copyFrom(*previous.model_);
    held_ = previous.held_;
    untraced_ = previous.untraced_;
    lost_ = previous.lost_;
    sampleEvery_ = previous.sampleEvery_;
    running_ = previous.running_;
    category_->setCurrentIndex(previous.category_->currentIndex());
    search_->setText(previous.search_->text());
    pause_->setChecked(previous.pause_->isChecked());
    follow(previous.view_->filter()->following());
    view_->scrollToBottom();
    updateStatus();
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
        view_->append(batch.events);
    }
    updateStatus();
}

void EventsPanel::setScrollingPaused(bool paused)
{
    if (!paused && !held_.isEmpty()) {
        view_->append(std::exchange(held_, {}));
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
    view_->filter()->follow(traceId);
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
