#include "BindDialog.h"

#include "ArgumentLinks.h"
#include "ArgumentsSection.h"
#include "BindingMatch.h"
#include "FieldTableEditor.h"
#include "SnapshotNames.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>

namespace warren::ui {

namespace {

constexpr int kPreviewDelayMs = 150;   // typing a key sends one preview, not one per letter

using management::ManagementService;
using management::RoutePreview;

bool usesRoutingKey(const QString &exchangeType)
{
    return exchangeType == QLatin1String("direct") || exchangeType == QLatin1String("topic");
}

} // namespace

BindDialog::BindDialog(BrokerController *broker, const BrokerSnapshot &snapshot,
                       const management::BindingSpec &preset, QWidget *parent)
    : CommandDialog(broker, Kind::Form, tr("Bind"), parent), snapshot_(snapshot), vhost_(preset.vhost),
      source_(new QComboBox), sourceType_(new QLabel), destinationKind_(new QComboBox), destination_(new QComboBox),
      routingKey_(new QLineEdit(preset.routingKey)),
      arguments_(new ArgumentsSection(QueueArgumentCatalog::bindingArguments())), previewKeyLabel_(new QLabel),
      previewKey_(new QLineEdit(preset.routingKey)), previewSummary_(new QLabel), previewList_(new QListWidget)
{
    setWindowTitle(tr("Add binding"));
    previewTimer_.setSingleShot(true);
    previewTimer_.setInterval(kPreviewDelayMs);
    connect(&previewTimer_, &QTimer::timeout, this, &BindDialog::requestPreview);
    source_->setObjectName(QStringLiteral("source"));
    QStringList sources = exchangeNames(snapshot, vhost_);
    if (!preset.source.isEmpty() && !sources.contains(preset.source))
        sources.prepend(preset.source);
    source_->addItems(sources);
    source_->setCurrentText(preset.source);
    sourceType_->setObjectName(QStringLiteral("sourceType"));
    routingKey_->setObjectName(QStringLiteral("routingKey"));

    auto *form = new QFormLayout;
    form->addRow(tr("Virtual host:"), new QLabel(vhost_));
    auto *sourceRow = new QHBoxLayout;
    sourceRow->addWidget(source_, 1);
    sourceRow->addWidget(sourceType_);
    form->addRow(tr("From exchange:"), sourceRow);
    form->addRow(tr("To:"), createDestinationRow(preset));
    form->addRow(tr("Routing key:"), routingKey_);
    auto *body = new QVBoxLayout;
    body->addLayout(form);
    body->addWidget(arguments_, 1);
    body->addWidget(createPreview(), 1);
    setBody(body);
    connectPreview();
    sourceChanged();
    resize(640, 640);
}

// Every edit that changes the preview restarts the timer; the preview follows once typing pauses.
void BindDialog::connectPreview()
{
    const auto schedule = [this] { previewTimer_.start(); };
    connect(source_, &QComboBox::currentTextChanged, this, &BindDialog::sourceChanged);
    connect(destinationKind_, &QComboBox::currentIndexChanged, this, &BindDialog::fillDestinations);
    connect(destination_, &QComboBox::currentTextChanged, this, schedule);
    connect(routingKey_, &QLineEdit::textChanged, this, [this, schedule](const QString &key) {
        if (previewKeyFollows_)
            previewKey_->setText(key);
        schedule();
    });
    connect(previewKey_, &QLineEdit::textEdited, this, [this] { previewKeyFollows_ = false; });
    connect(previewKey_, &QLineEdit::textChanged, this, schedule);
    connect(arguments_->editor(), &FieldTableEditor::changed, this, schedule);
}

// Closing the window commits a cell still being edited; the preview must not hear of it
// once this object's members are gone.
BindDialog::~BindDialog()
{
    disconnect(arguments_->editor(), nullptr, this, nullptr);
}

QLayout *BindDialog::createDestinationRow(const management::BindingSpec &preset)
{
    destinationKind_->setObjectName(QStringLiteral("destinationKind"));
    destinationKind_->addItem(tr("Queue"));
    destinationKind_->addItem(tr("Exchange"));
    destinationKind_->setCurrentIndex(preset.toExchange ? 1 : 0);
    destination_->setObjectName(QStringLiteral("destination"));
    destination_->setEditable(true);   // a name the last snapshot does not have yet
    destination_->setInsertPolicy(QComboBox::NoInsert);
    fillDestinations();
    destination_->setCurrentText(preset.destination);
    auto *row = new QHBoxLayout;
    row->addWidget(destinationKind_);
    row->addWidget(destination_, 1);
    return row;
}

QWidget *BindDialog::createPreview()
{
    auto *box = new QGroupBox(tr("Routing preview"));
    previewKey_->setObjectName(QStringLiteral("previewKey"));
    previewKey_->setToolTip(tr("The routing key of a message to try; it follows the binding's key until you "
                               "type one here."));
    previewSummary_->setObjectName(QStringLiteral("previewSummary"));
    previewSummary_->setWordWrap(true);
    previewList_->setObjectName(QStringLiteral("previewList"));
    previewList_->setMinimumHeight(70);
    auto *note = new QLabel(tr("Queues as the broker routes now through the existing bindings, plus what this "
                               "binding would add."));
    note->setWordWrap(true);
    note->setEnabled(false);   // greyed: an explanation, not a result
    auto *keyRow = new QFormLayout;
    previewKeyLabel_->setText(tr("Message routing key:"));
    keyRow->addRow(previewKeyLabel_, previewKey_);
    auto *layout = new QVBoxLayout(box);
    layout->addLayout(keyRow);
    layout->addWidget(previewSummary_);
    layout->addWidget(previewList_, 1);
    layout->addWidget(note);
    return box;
}

QString BindDialog::sourceType() const
{
    const ExchangeSnapshot *x = findExchange(snapshot_, vhost_, source_->currentText());
    return x ? x->type : QStringLiteral("direct");
}

// The routing key means nothing to fanout and headers exchanges; headers exchanges match
// the binding's arguments instead, so those get the x-match link.
void BindDialog::sourceChanged()
{
    const QString type = sourceType();
    sourceType_->setText(tr("type: %1").arg(type));
    const bool keyed = usesRoutingKey(type);
    routingKey_->setEnabled(keyed);
    routingKey_->setPlaceholderText(keyed ? QString() : tr("not used by %1 exchanges").arg(type));
    routingKey_->setToolTip(type == QLatin1String("topic")
                                ? tr("A pattern of words separated by dots: * stands for one word, # for any number.")
                                : tr("Messages published with exactly this routing key match."));
    previewKeyLabel_->setVisible(keyed);
    previewKey_->setVisible(keyed);
    arguments_->links()->setVisible(type == QLatin1String("headers"));
    previewTimer_.start();
}

void BindDialog::fillDestinations()
{
    const bool toExchange = destinationKind_->currentIndex() == 1;
    setItems(destination_, toExchange ? exchangeNames(snapshot_, vhost_) : queueNames(snapshot_, vhost_));
    previewTimer_.start();
}

void BindDialog::requestPreview()
{
    const FieldTableEditor::Parsed arguments = arguments_->editor()->parsed();
    if (!arguments.ok()) {
        previewSummary_->setText(tr("No preview: %1").arg(arguments.error));
        previewList_->clear();
        return;
    }
    // A headers exchange is tried with a message carrying the binding's own arguments.
    Probe probe{source_->currentText(), previewKey_->text(), arguments.table, destination_->currentText().trimmed(),
                destinationKind_->currentIndex() == 1, false};
    probe.headers.remove("x-match");
    probe.matches = !probe.destination.isEmpty()
        && bindingMatches(sourceType(), routingKey_->text(), arguments.table, probe.routingKey, probe.headers);
    const int generation = ++previewGeneration_;
    broker_->call(&ManagementService::previewRoute, this, std::function<void(const RoutePreview &)>(
        [this, probe, generation](const RoutePreview &now) {
            if (generation != previewGeneration_)
                return;
            if (!now.outcome.ok()) {
                previewSummary_->setText(tr("No preview: %1").arg(now.outcome.text));
                previewList_->clear();
                return;
            }
            if (!probe.matches || !probe.toExchange)
                return showPreview(probe, now.queues, probe.matches ? QStringList{probe.destination} : QStringList());
            // Through an exchange: wherever that exchange sends the message on.
            broker_->call(&ManagementService::previewRoute, this, std::function<void(const RoutePreview &)>(
                [this, probe, generation, now](const RoutePreview &onward) {
                    if (generation == previewGeneration_)
                        showPreview(probe, now.queues, onward.queues);
                }), vhost_, probe.destination, probe.routingKey, probe.headers);
        }), vhost_, probe.exchange, probe.routingKey, probe.headers);
}

void BindDialog::showPreview(const Probe &probe, const QStringList &reached, const QStringList &added)
{
    previewList_->clear();
    previewList_->addItems(reached);
    const QString through = probe.toExchange ? tr("added by this binding, through exchange '%1'").arg(probe.destination)
                                             : tr("added by this binding");
    for (const QString &queue : added) {
        if (reached.contains(queue))
            continue;
        auto *item = new QListWidgetItem(tr("%1  (%2)").arg(queue, through), previewList_);
        QFont bold = item->font();
        bold.setBold(true);
        item->setFont(bold);
    }
    previewSummary_->setText(previewSummary(probe, previewList_->count() == 0));
}

QString BindDialog::previewSummary(const Probe &probe, bool reachesNone) const
{
    const QString type = sourceType();
    QString message = usesRoutingKey(type)
        ? tr("A message published to '%1' with routing key '%2'").arg(probe.exchange, probe.routingKey)
        : type == QLatin1String("headers") ? tr("A message published to '%1' with this binding's arguments as "
                                                "headers").arg(probe.exchange)
                                           : tr("A message published to '%1'").arg(probe.exchange);
    if (reachesNone)
        return tr("%1 would reach no queue, even with this binding.").arg(message);
    if (!probe.matches && !probe.destination.isEmpty())
        return tr("%1 would reach these queues; this binding does not match it.").arg(message);
    return tr("%1 would reach these queues:").arg(message);
}

void BindDialog::submit()
{
    const FieldTableEditor::Parsed arguments = arguments_->editor()->parsed();
    if (!arguments.ok())
        return showError(arguments.error);
    const management::BindingSpec spec{vhost_, source_->currentText(), destination_->currentText().trimmed(),
                                       destinationKind_->currentIndex() == 1, routingKey_->text(), arguments.table};
    if (spec.destination.isEmpty())
        return showError(tr("Choose the queue or exchange to bind."));
    run(&ManagementService::bind, [this, spec](const management::Outcome &outcome) {
        if (outcome.ok())
            emit bound(spec);
        acceptOrShow(outcome);
    }, spec);
}

} // namespace warren::ui
