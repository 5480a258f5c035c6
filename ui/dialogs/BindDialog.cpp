#include "BindDialog.h"

#include "ArgumentLinks.h"
#include "ArgumentsSection.h"
#include "FieldTableEditor.h"
#include "SnapshotNames.h"
#include "explain/RouteExplanationView.h"

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
using management::RouteAnswer;

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
      previewKey_(new QLineEdit(preset.routingKey)), previewSummary_(new QLabel), previewList_(new QListWidget),
      explanation_(new RouteExplanationView)
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
    resize(720, 760);
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
    auto *note = new QLabel(tr("The broker's own routing, through the existing bindings and this one: every "
                               "exchange on the way and why each binding matches or not."));
    note->setWordWrap(true);
    note->setEnabled(false);   // greyed: an explanation, not a result
    auto *keyRow = new QFormLayout;
    previewKeyLabel_->setText(tr("Message routing key:"));
    keyRow->addRow(previewKeyLabel_, previewKey_);
    auto *layout = new QVBoxLayout(box);
    layout->addLayout(keyRow);
    layout->addWidget(previewSummary_);
    layout->addWidget(previewList_, 1);
    layout->addWidget(explanation_, 2);
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
        explanation_->clear();
        return;
    }
    // A headers exchange is tried with a message carrying the binding's own arguments.
    management::RouteQuestion question{vhost_, source_->currentText(), previewKey_->text(), arguments.table, {}};
    question.headers.remove("x-match");
    const QString destination = destination_->currentText().trimmed();
    if (!destination.isEmpty())
        question.proposed = management::BindingSpec{vhost_, question.exchange, destination,
                                                    destinationKind_->currentIndex() == 1, routingKey_->text(),
                                                    arguments.table};
    const int generation = ++previewGeneration_;
    broker_->call(&ManagementService::explainRoute, this, std::function<void(const RouteAnswer &)>(
        [this, question, generation](const RouteAnswer &answer) {
            if (generation != previewGeneration_)
                return;
            if (!answer.outcome.ok()) {
                previewSummary_->setText(tr("No preview: %1").arg(answer.outcome.text));
                previewList_->clear();
                explanation_->clear();
                return;
            }
            showPreview(question, answer);
        }), question);
}

void BindDialog::showPreview(const management::RouteQuestion &question, const RouteAnswer &answer)
{
    previewList_->clear();
    const QString through = question.proposed && question.proposed->toExchange
        ? tr("added by this binding, through exchange '%1'").arg(question.proposed->destination)
        : tr("added by this binding");
    for (const QByteArray &name : answer.explanation.queues) {
        const QString queue = QString::fromUtf8(name);
        if (answer.queuesWithoutProposed.contains(name)) {
            previewList_->addItem(queue);
            continue;
        }
        auto *item = new QListWidgetItem(tr("%1  (%2)").arg(queue, through), previewList_);
        QFont bold = item->font();
        bold.setBold(true);
        item->setFont(bold);
    }
    explanation_->setExplanation(answer.explanation);
    previewSummary_->setText(previewSummary(question, answer));
}

QString BindDialog::previewSummary(const management::RouteQuestion &question, const RouteAnswer &answer) const
{
    const QString type = sourceType();
    QString message = usesRoutingKey(type)
        ? tr("A message published to '%1' with routing key '%2'").arg(question.exchange, question.routingKey)
        : type == QLatin1String("headers") ? tr("A message published to '%1' with this binding's arguments as "
                                                "headers").arg(question.exchange)
                                           : tr("A message published to '%1'").arg(question.exchange);
    if (answer.explanation.queues.isEmpty())
        return tr("%1 would reach no queue, even with this binding.").arg(message);
    if (question.proposed && answer.explanation.queues == answer.queuesWithoutProposed)
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
