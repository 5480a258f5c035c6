#include "ProducerDialog.h"

#include "TeachingNotes.h"
#include "TemplateEdit.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QToolButton>

namespace warren::ui {

namespace {

QLineEdit *line(const QString &objectName, const QString &text = {})
{
    auto *edit = new QLineEdit(text);
    edit->setObjectName(objectName);
    return edit;
}

} // namespace

ProducerDialog::ProducerDialog(const QString &name, QWidget *parent)
    : ClientDialog(tr("Add producer"), name, parent)
{
    addRouting();
    addPace();
    addDelivery();
    addProperties();
    finish();
    resize(std::max(560, sizeHint().width()), sizeHint().height());
}

void ProducerDialog::addRouting()
{
    const sim::ProducerSpec defaults;
    exchange_ = line(QStringLiteral("exchange"), defaults.exchange);
    exchange_->setPlaceholderText(tr("(the default exchange: the routing key names the queue)"));
    routingKey_ = new TemplateEdit(defaults.routingKey);
    routingKey_->line()->setObjectName(QStringLiteral("routingKey"));
    body_ = new TemplateEdit(defaults.body);
    body_->line()->setObjectName(QStringLiteral("body"));
    form()->addRow(tr("Exchange:"), exchange_);
    form()->addRow(tr("Routing key:"), routingKey_);
    form()->addRow(tr("Body:"), body_);
    watch(exchange_);
    connect(routingKey_, &TemplateEdit::validityChanged, this, &ProducerDialog::changed);
    connect(body_, &TemplateEdit::validityChanged, this, &ProducerDialog::changed);

    addQueueRows();
    bind_ = checkBox(QStringLiteral("bindQueue"), tr("Bind it to the exchange with key:"));
    bindingKey_ = line(QStringLiteral("bindingKey"));
    auto *binding = new QHBoxLayout;
    binding->addWidget(bind_);
    binding->addWidget(bindingKey_, 1);
    form()->addRow(QString(), binding);
    watch(bindingKey_);
}

void ProducerDialog::addPace()
{
    addHeading(tr("Sending"));
    burst_ = new QRadioButton(tr("Messages at each start:"));
    burst_->setObjectName(QStringLiteral("burstMode"));
    burst_->setToolTip(tr("A burst: all at once when the producer starts, and again at each Start"));
    rate_ = new QRadioButton(tr("Messages per second:"));
    rate_->setObjectName(QStringLiteral("rateMode"));
    rate_->setToolTip(tr("A steady rate, from the start until Pause or Stop"));
    burstSize_ = new QSpinBox;
    burstSize_->setObjectName(QStringLiteral("burstSize"));
    burstSize_->setRange(1, 100'000);
    perSecond_ = new QDoubleSpinBox;
    perSecond_->setObjectName(QStringLiteral("ratePerSecond"));
    perSecond_->setRange(0.1, 50'000);
    perSecond_->setDecimals(1);
    const sim::ProducerSpec defaults;
    burst_->setChecked(defaults.burstMode);
    rate_->setChecked(!defaults.burstMode);
    burstSize_->setValue(defaults.burst);
    perSecond_->setValue(defaults.ratePerSecond);
    for (QWidget *w : {static_cast<QWidget *>(burst_), static_cast<QWidget *>(rate_)})
        watch(w);
    auto *burstRow = new QHBoxLayout;
    burstRow->addWidget(burst_);
    burstRow->addWidget(burstSize_, 1);
    auto *rateRow = new QHBoxLayout;
    rateRow->addWidget(rate_);
    rateRow->addWidget(perSecond_, 1);
    form()->addRow(QString(), burstRow);
    form()->addRow(QString(), rateRow);
}

void ProducerDialog::addDelivery()
{
    addHeading(tr("Delivery guarantees"));
    persistent_ = checkBox(QStringLiteral("persistent"), tr("Persistent messages (delivery mode 2)"));
    form()->addRow(QString(), persistent_);
    persistenceNote_ = addNote(QStringLiteral("persistenceNote"));
    confirms_ = checkBox(QStringLiteral("confirms"), tr("Publisher confirms"));
    form()->addRow(QString(), confirms_);
    confirmsNote_ = addNote(QStringLiteral("confirmsNote"));
    mandatory_ = checkBox(QStringLiteral("mandatory"), tr("Mandatory"));
    form()->addRow(QString(), mandatory_);
    mandatoryNote_ = addNote(QStringLiteral("mandatoryNote"));
    awaitReplies_ = checkBox(QStringLiteral("awaitReplies"), tr("RPC client: wait for replies"));
    form()->addRow(QString(), awaitReplies_);
    awaitRepliesNote_ = addNote(QStringLiteral("awaitRepliesNote"));
}

// Folded away: the tutorials need none of them.
void ProducerDialog::addProperties()
{
    auto *more = new QToolButton;
    more->setObjectName(QStringLiteral("moreProperties"));
    more->setText(tr("Other properties"));
    more->setCheckable(true);
    more->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    more->setArrowType(Qt::RightArrow);
    more->setAutoRaise(true);
    auto *section = new QWidget;
    auto *properties = new QFormLayout(section);
    properties->setContentsMargins(0, 0, 0, 0);
    section->hide();
    connect(more, &QToolButton::toggled, this, [this, more, section](bool open) {
        more->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
        section->setVisible(open);
        adjustSize();
    });
    form()->addRow(more);
    form()->addRow(section);
    priority_ = new QSpinBox;
    priority_->setObjectName(QStringLiteral("priority"));
    priority_->setRange(-1, 255);
    priority_->setSpecialValueText(tr("none"));
    priority_->setValue(-1);
    priority_->setToolTip(tr("Matters only in a queue declared with x-max-priority"));
    expiration_ = line(QStringLiteral("expiration"));
    expiration_->setValidator(new QIntValidator(0, std::numeric_limits<int>::max(), expiration_));
    expiration_->setPlaceholderText(tr("milliseconds; empty: never"));
    replyTo_ = line(QStringLiteral("replyTo"));
    correlationId_ = line(QStringLiteral("correlationId"));
    headers_ = line(QStringLiteral("headers"));
    headers_->setPlaceholderText(tr("name=value; name=value"));
    properties->addRow(tr("Priority:"), priority_);
    properties->addRow(tr("Expiration:"), expiration_);
    properties->addRow(tr("Reply to:"), replyTo_);
    properties->addRow(tr("Correlation id:"), correlationId_);
    properties->addRow(tr("Headers:"), headers_);
    properties->addRow(QString(), note(QStringLiteral("headersHint"),
                                       tr("Every message also carries the headers message-number and producer, so "
                                          "consumers can tell which message they got.")));
}

QList<QPair<QString, QString>> ProducerDialog::headers() const
{
    QList<QPair<QString, QString>> result;
    const QStringList entries = headers_->text().split(u';', Qt::SkipEmptyParts);
    for (const QString &entry : entries) {
        const qsizetype equals = entry.indexOf(u'=');
        const QString name = entry.left(equals).trimmed();
        if (!name.isEmpty())
            result.append({name, equals < 0 ? QString() : entry.mid(equals + 1).trimmed()});
    }
    return result;
}

sim::ProducerSpec ProducerDialog::spec() const
{
    sim::ProducerSpec s;
    s.name = name();
    s.exchange = exchange_->text().trimmed();
    s.routingKey = routingKey_->text();
    s.body = body_->text();
    s.queue = queue();
    s.queue.bind = bind_->isChecked();
    s.queue.bindingKey = bindingKey_->text();
    s.burstMode = burst_->isChecked();
    s.burst = burstSize_->value();
    s.ratePerSecond = perSecond_->value();
    s.properties.persistent = persistent_->isChecked();
    s.properties.priority = priority_->value();
    s.properties.expiration = expiration_->text();
    s.properties.replyTo = replyTo_->text();
    s.properties.correlationId = correlationId_->text();
    s.properties.headers = headers();
    s.confirms = confirms_->isChecked();
    s.mandatory = mandatory_->isChecked();
    s.awaitReplies = awaitReplies_->isChecked();
    return s;
}

void ProducerDialog::refresh()
{
    ClientDialog::refresh();
    const sim::QueueDeclaration q = queue();
    const bool named = !exchange_->text().trimmed().isEmpty();
    bind_->setEnabled(named && q.declare);
    bindingKey_->setEnabled(named && q.declare && bind_->isChecked());
    burstSize_->setEnabled(burst_->isChecked());
    perSecond_->setEnabled(rate_->isChecked());
    persistenceNote_->setText(TeachingNotes::persistence(persistent_->isChecked(), q));
    confirmsNote_->setText(TeachingNotes::confirms(confirms_->isChecked()));
    mandatoryNote_->setText(TeachingNotes::mandatory(mandatory_->isChecked()));
    awaitRepliesNote_->setText(TeachingNotes::rpcClient(awaitReplies_->isChecked()));
    // An RPC client's reply_to and correlation_id are its own, per request.
    replyTo_->setEnabled(!awaitReplies_->isChecked());
    correlationId_->setEnabled(!awaitReplies_->isChecked());
    if (!routingKey_->isValid() || !body_->isValid())
        addButton()->setEnabled(false);
}

} // namespace warren::ui
