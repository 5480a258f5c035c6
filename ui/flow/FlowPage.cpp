#include "FlowPage.h"

#include "BrokerController.h"
#include "FlowAnimator.h"
#include "FlowExplanation.h"
#include "FlowExport.h"
#include "FlowPositions.h"
#include "FlowScene.h"
#include "FlowText.h"
#include "FlowTokenLayer.h"
#include "FlowView.h"
#include "events/EventLogModel.h"
#include "events/EventLogView.h"
#include "events/EventSubscription.h"
#include "observe/TraceSampler.h"
#include "stepmode/StepMode.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QToolBar>
#include <QVBoxLayout>

namespace warren::ui {

using management::ManagementService;
using management::Outcome;
using management::StepResult;

namespace {
constexpr int kLogCapacity = 1000;
}

FlowPage::FlowPage(BrokerController *broker, QWidget *parent)
    : QWidget(parent), broker_(broker), subscription_(new EventSubscription(broker, this)), scene_(new FlowScene(this)), view_(new FlowView(scene_)),
      animator_(new FlowAnimator(scene_, this)), log_(new EventLogModel(kLogCapacity, this)),
      logView_(new EventLogView(log_)), explanation_(new FlowExplanation(broker)),
      vhosts_(new QComboBox), onlyTraffic_(new QCheckBox(tr("Only what has traffic"))),
      notes_(new QLabel)
{
    setObjectName(QStringLiteral("flow"));
    notes_->setObjectName(QStringLiteral("flowNotes"));
    notes_->setWordWrap(true);

    auto *bottom = new QSplitter(Qt::Horizontal);
    bottom->addWidget(createLog());
    bottom->addWidget(explanation_);
    bottom->setStretchFactor(0, 1);
    bottom->setStretchFactor(1, 1);
    bottom->setSizes({600, 500});
    auto *split = new QSplitter(Qt::Vertical);
    split->setObjectName(QStringLiteral("flowSplitter"));
    split->addWidget(view_);
    split->addWidget(bottom);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({520, 200});

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createToolBar());
    layout->addWidget(split, 1);
    layout->addWidget(notes_);
    createShortcuts();

    connect(view_, &FlowView::tokenClicked, this, &FlowPage::explainMessage);
    connect(scene_, &FlowScene::nodeDragged, this, [this](const QString &id, const QPointF &position) {
        dragged_.insert(id, position);
        FlowPositions::remember(vhost(), id, position);
    });
    connect(broker, &BrokerController::snapshotUpdated, this, &FlowPage::showSnapshot);
    connect(subscription_, &EventSubscription::eventsReady, this, &FlowPage::addBatch);
    // Nothing is there while the broker is stopped.
    connect(broker, &BrokerController::stopped, this, [this] { showSnapshot(BrokerSnapshot{}); });
    updateNotes();
}

QWidget *FlowPage::createToolBar()
{
    auto *bar = new QToolBar;
    bar->setObjectName(QStringLiteral("flowToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addWidget(new QLabel(tr("Virtual host:")));
    vhosts_->setObjectName(QStringLiteral("flowVHost"));
    vhosts_->addItem(QStringLiteral("/"));
    vhosts_->setMinimumContentsLength(10);
    connect(vhosts_, &QComboBox::currentTextChanged, this, [this] {
        dragged_ = FlowPositions::load(vhost());
        animator_->clear();
        rebuildGraph();
    });
    bar->addWidget(vhosts_);
    onlyTraffic_->setObjectName(QStringLiteral("onlyTraffic"));
    onlyTraffic_->setToolTip(tr("Hide exchanges, queues and bindings that no message went through"));
    connect(onlyTraffic_, &QCheckBox::toggled, this, &FlowPage::rebuildGraph);
    bar->addWidget(onlyTraffic_);
    bar->addSeparator();

    pause_ = bar->addAction(tr("Pause deliveries"), this, [this] { setPaused(true); });
    pause_->setObjectName(QStringLiteral("flowPause"));
    pause_->setToolTip(tr("Step mode for this virtual host (Space): ") + StepMode::explanation());
    step_ = bar->addAction(tr("Step"), this, &FlowPage::step);
    step_->setObjectName(QStringLiteral("flowStep"));
    step_->setShortcut(Qt::Key_N);
    step_->setToolTip(tr("Release one message to a consumer (N)"));
    resume_ = bar->addAction(tr("Resume"), this, [this] { setPaused(false); });
    resume_->setObjectName(QStringLiteral("flowResume"));
    resume_->setToolTip(tr("Let every held message go (Space)"));
    addActions({step_});
    bar->addSeparator();

    QAction *zoomIn = bar->addAction(tr("Zoom in"), this, [this] { view_->zoomBy(1.25); });
    zoomIn->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    QAction *zoomOut = bar->addAction(tr("Zoom out"), this, [this] { view_->zoomBy(0.8); });
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    QAction *fit = bar->addAction(tr("Fit"), view_, &FlowView::zoomToFit);
    fit->setShortcut(Qt::CTRL | Qt::Key_0);
    QAction *arrange = bar->addAction(tr("Arrange"), this, [this] {
        FlowPositions::forget(vhost());
        dragged_.clear();
        scene_->setGraph(FlowGraph(), {});   // laid out anew on the next line
        rebuildGraph();
    });
    arrange->setToolTip(tr("Forget where nodes were dragged and lay the graph out again"));
    addActions({zoomIn, zoomOut, fit});
    bar->addSeparator();
    QAction *quickExport = bar->addAction(tr("Export"), this, &FlowPage::exportToCurrentDirectory);
    quickExport->setObjectName(QStringLiteral("flowExport"));
    quickExport->setShortcut(Qt::CTRL | Qt::Key_E);
    quickExport->setToolTip(tr("Write flow-<date-time>.svg and .png into the current directory (Ctrl+E)"));
    addAction(quickExport);
    exportAs_ = new QAction(tr("Export &graph…"), this);
    exportAs_->setObjectName(QStringLiteral("exportGraph"));
    exportAs_->setToolTip(tr("Save the routing graph as SVG and PNG"));
    connect(exportAs_, &QAction::triggered, this, &FlowPage::exportAs);
    return bar;
}

// The page's shortcuts work wherever the focus is in the window while the page is shown (a
// hidden widget's shortcuts do not fire); a line edit still takes the keys it types.
// Space pauses or resumes deliveries.
void FlowPage::createShortcuts()
{
    auto *toggle = new QAction(this);
    toggle->setShortcut(Qt::Key_Space);
    connect(toggle, &QAction::triggered, this, &FlowPage::togglePause);
    addAction(toggle);
}

QWidget *FlowPage::createLog()
{
    QComboBox *category = logView_->createCategoryChooser();
    category->setObjectName(QStringLiteral("flowLogCategory"));
    QLineEdit *search = logView_->createSearchField();
    search->setObjectName(QStringLiteral("flowLogFilter"));

    logView_->setObjectName(QStringLiteral("flowLog"));
    logView_->setColumnHidden(EventLogModel::KindColumn, true);
    logView_->setColumnHidden(EventLogModel::ConnectionColumn, true);
    connect(logView_, &QAbstractItemView::clicked, this,
            [this](const QModelIndex &index) { explainRow(logView_->eventAt(index)); });

    auto *top = new QHBoxLayout;
    auto *title = new QLabel(tr("<b>Recent events</b> (click one to see its route)"));
    top->addWidget(title);
    top->addStretch(1);
    top->addWidget(category);
    top->addWidget(search);
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(logView_, 1);
    return box;
}

QString FlowPage::vhost() const
{
    return vhosts_->currentText();
}

void FlowPage::setClock(FlowClock *clock)
{
    animator_->setClock(clock);
}

void FlowPage::continueFrom(const FlowPage &previous)
{
    log_->copyFrom(*previous.log_);
    sampleEvery_ = previous.sampleEvery_;
    showSnapshot(previous.snapshot_);
    recent_ = previous.recent_;
    onlyTraffic_->setChecked(previous.onlyTraffic_->isChecked());
    vhosts_->setCurrentText(previous.vhost());
}

bool FlowPage::isWatching() const
{
    return subscription_->isActive();
}

void FlowPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (stale_)
        rebuildGraph();
    animator_->setActive(true);
}

void FlowPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    animator_->setActive(false);
}

void FlowPage::showSnapshot(const BrokerSnapshot &snapshot)
{
    snapshot_ = snapshot;
    recent_.update(snapshot);
    updateVHosts(snapshot);
    log_->setConnections(snapshot.connections);
    stale_ = true;
    if (isVisible())
        rebuildGraph();
}

void FlowPage::updateVHosts(const BrokerSnapshot &snapshot)
{
    QStringList names;
    for (const VHostSnapshot &v : snapshot.vhosts)
        names.append(v.name);
    if (names.isEmpty())
        return;
    QStringList shown;
    for (int i = 0; i < vhosts_->count(); ++i)
        shown.append(vhosts_->itemText(i));
    if (shown == names)
        return;
    const QString current = vhost();
    const QSignalBlocker blocker(vhosts_);
    vhosts_->clear();
    vhosts_->addItems(names);
    vhosts_->setCurrentIndex(std::max(0, int(names.indexOf(current))));
    if (vhost() != current) {
        dragged_ = FlowPositions::load(vhost());
        animator_->clear();
    }
}

void FlowPage::rebuildGraph()
{
    stale_ = false;
    FlowGraph::Options options;
    options.onlyTraffic = onlyTraffic_->isChecked();
    if (scene_->graph().nodes().isEmpty() && dragged_.isEmpty())
        dragged_ = FlowPositions::load(vhost());
    const bool laidOut = scene_->setGraph(FlowGraph::build(snapshot_, vhost(), options, &recent_), dragged_);
    animator_->placeWaiting();
    // The whole graph in view as it grows, until the user zooms.
    if (laidOut && !view_->zoomedByHand())
        view_->zoomToFit();
    bool paused = false;
    for (const VHostSnapshot &v : snapshot_.vhosts) {
        if (v.name == vhost())
            paused = v.paused;
    }
    pause_->setEnabled(snapshot_.running && !paused);
    step_->setEnabled(snapshot_.running && paused);
    resume_->setEnabled(snapshot_.running && paused);
    updateNotes();
}

void FlowPage::addBatch(const observe::TraceBatch &batch)
{
    if (batch.sampleEvery > 1)
        sampleEvery_ = batch.sampleEvery;
    else if (batch.untraced > 0)
        sampleEvery_ = int(observe::TraceSampler::kDefaultEvery);
    else if (!batch.events.isEmpty())
        sampleEvery_ = 1;
    QList<observe::TraceEvent> events;
    events.reserve(batch.events.size());
    const QByteArray shown = vhost().toUtf8();
    for (const observe::TraceEvent &e : batch.events) {
        if (e.vhost == shown || e.vhost.isEmpty())
            events.append(e);
    }
    logView_->append(events);
    animator_->addEvents(events);
    updateNotes();
}

void FlowPage::updateNotes()
{
    QStringList parts;
    if (scene_->graph().nodes().isEmpty())
        parts.append(tr("Nothing to draw in virtual host '%1' yet: declare an exchange or a queue, or run a client.")
                         .arg(vhost()));
    parts.append(tr("Dots: ● a message, ◆R redelivered, ■D dead-lettered, ◀ returned, ○ expired, ✕ dropped."));
    if (const QString sampling = FlowText::samplingNote(sampleEvery_, animator_->tokens().dropped());
        !sampling.isEmpty())
        parts.append(sampling);
    if (const QString hidden = FlowText::hiddenNote(scene_->graph().hidden(), FlowGraph::kDefaultNodeCap);
        !hidden.isEmpty())
        parts.append(hidden);
    const QString text = parts.join(QLatin1Char(' '));
    if (notes_->text() != text)
        notes_->setText(text);
}

void FlowPage::explainMessage(quint64 traceId)
{
    const FlowMessage *message = animator_->tokens().message(traceId);
    if (!message || (message->exchange.isEmpty() && message->routingKey.isEmpty()))
        return explanation_->showUnknown(
            tr("Message #%1 was published before the page was opened: its route is not known.").arg(traceId));
    explanation_->explain(traceId, *message);
}

// A log row about a message the graph did not animate is explained from the row itself,
// when the row says where the message was published.
void FlowPage::explainRow(const observe::TraceEvent &event)
{
    if (event.traceId != 0 && animator_->tokens().message(event.traceId))
        return explainMessage(event.traceId);
    using observe::EventKind;
    if (event.kind != EventKind::Published && event.kind != EventKind::Returned && event.kind != EventKind::Unroutable)
        return explanation_->showUnknown(
            tr("Where this message was published is not in the log: it came before the page was opened."));
    FlowMessage message;
    message.vhost = QString::fromUtf8(event.vhost);
    message.exchange = QString::fromUtf8(event.exchange);
    message.routingKey = QString::fromUtf8(event.routingKey);
    message.returned = event.kind == EventKind::Returned;
    message.dropped = event.kind == EventKind::Unroutable;
    explanation_->explain(event.traceId, message);
}

void FlowPage::togglePause()
{
    setPaused(pause_->isEnabled());
}

void FlowPage::setPaused(bool paused)
{
    if (!broker_)
        return;
    const auto command = paused ? &ManagementService::pauseDeliveries : &ManagementService::resumeDeliveries;
    broker_->call(command, this, std::function<void(const Outcome &)>([this, paused](const Outcome &outcome) {
        if (!outcome.ok())
            emit message(tr("Could not change step mode: %1").arg(outcome.text));
        else
            emit message(paused ? tr("Deliveries paused in virtual host '%1': Step (N) releases one message.")
                                      .arg(vhost())
                                : tr("Deliveries resumed in virtual host '%1'.").arg(vhost()));
    }), vhost(), QString());
}

void FlowPage::step()
{
    if (!broker_)
        return;
    broker_->call(&ManagementService::stepDelivery, this, std::function<void(const StepResult &)>(
        [this](const StepResult &result) { emit message(StepMode::stepResult(result)); }), vhost(), QString());
}

bool FlowPage::exportTo(const QString &base)
{
    const QString svg = base + QStringLiteral(".svg"), png = base + QStringLiteral(".png");
    const bool ok = FlowExport::writeSvg(scene_, svg, tr("Routing graph of virtual host '%1'").arg(vhost()))
        && FlowExport::writePng(scene_, png);
    emit message(ok ? tr("Graph exported to %1 and %2").arg(QDir::toNativeSeparators(svg), QDir::toNativeSeparators(png))
                    : tr("Could not write %1").arg(QDir::toNativeSeparators(svg)));
    return ok;
}

void FlowPage::exportToCurrentDirectory()
{
    exportTo(FlowExport::timestampedBase(QDir::currentPath()));
}

void FlowPage::exportAs()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export graph"),
                                                      FlowExport::timestampedBase(QDir::currentPath())
                                                          + QStringLiteral(".svg"),
                                                      tr("SVG and PNG (*.svg)"));
    if (path.isEmpty())
        return;
    QString base = path;
    if (base.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive))
        base.chop(4);
    exportTo(base);
}

} // namespace warren::ui
