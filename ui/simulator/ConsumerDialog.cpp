#include "ConsumerDialog.h"

#include "SimulatorText.h"
#include "TeachingNotes.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QRadioButton>
#include <QSpinBox>

namespace warren::ui {

using sim::Outcome;

ConsumerDialog::ConsumerDialog(const QString &name, QWidget *parent)
    : ClientDialog(tr("Add consumer"), name, parent)
{
    addQueueRows();
    addAcknowledgement();
    addWork();
    addSharing();
    finish();
    resize(std::max(560, sizeHint().width()), sizeHint().height());
}

QSpinBox *ConsumerDialog::spinBox(const QString &objectName, int minimum, int maximum, int value, const QString &suffix)
{
    auto *spin = new QSpinBox;
    spin->setObjectName(objectName);
    spin->setRange(minimum, maximum);
    spin->setValue(value);
    spin->setSuffix(suffix);
    watch(spin);
    return spin;
}

void ConsumerDialog::addAcknowledgement()
{
    const sim::ConsumerSpec defaults;
    addHeading(tr("Acknowledgement"));
    manual_ = new QRadioButton(tr("Manual ack, after processing"));
    manual_->setObjectName(QStringLiteral("manualAck"));
    automatic_ = new QRadioButton(tr("Automatic ack, on delivery"));
    automatic_->setObjectName(QStringLiteral("automaticAck"));
    manual_->setChecked(defaults.ackMode == sim::AckMode::Manual);
    automatic_->setChecked(defaults.ackMode == sim::AckMode::Automatic);
    watch(manual_);
    watch(automatic_);
    auto *modes = new QHBoxLayout;
    modes->addWidget(manual_);
    modes->addWidget(automatic_);
    modes->addStretch(1);
    form()->addRow(tr("Ack:"), modes);
    ackNote_ = addNote(QStringLiteral("ackNote"));
    prefetch_ = spinBox(QStringLiteral("prefetch"), 0, 65535, defaults.prefetch);
    prefetch_->setSpecialValueText(tr("unlimited"));
    form()->addRow(tr("Prefetch:"), prefetch_);
    prefetchNote_ = addNote(QStringLiteral("prefetchNote"));
}

void ConsumerDialog::addWork()
{
    const sim::ConsumerSpec defaults;
    addHeading(tr("Work"));
    minMs_ = spinBox(QStringLiteral("processingMin"), 0, 600'000, defaults.processingMinMs, tr(" ms"));
    maxMs_ = spinBox(QStringLiteral("processingMax"), 0, 600'000, defaults.processingMaxMs, tr(" ms"));
    seed_ = spinBox(QStringLiteral("seed"), 0, std::numeric_limits<int>::max(), int(defaults.seed));
    auto *times = new QHBoxLayout;
    times->addWidget(minMs_, 1);
    times->addWidget(new QLabel(tr("to")));
    times->addWidget(maxMs_, 1);
    times->addWidget(new QLabel(tr("seed")));
    times->addWidget(seed_, 1);
    form()->addRow(tr("Processing:"), times);
    processingNote_ = addNote(QStringLiteral("processingNote"));

    outcome_ = new QComboBox;
    outcome_->setObjectName(QStringLiteral("outcome"));
    for (Outcome o : {Outcome::Ack, Outcome::RejectRequeue, Outcome::NackDiscard, Outcome::Forget,
                      Outcome::CrashBeforeAck, Outcome::Hang})
        outcome_->addItem(SimulatorText::outcome(o), int(o));
    watch(outcome_);
    failAfter_ = spinBox(QStringLiteral("failAfter"), 1, 1'000'000, defaults.failAfter);
    // One text around the number, so a language can put words after it too.
    const QString atMessage = tr("at message %1");
    failAfter_->setPrefix(atMessage.section(QStringLiteral("%1"), 0, 0));
    failAfter_->setSuffix(atMessage.section(QStringLiteral("%1"), 1));
    auto *outcomeRow = new QHBoxLayout;
    outcomeRow->addWidget(outcome_, 2);
    outcomeRow->addWidget(failAfter_, 1);
    form()->addRow(tr("Then:"), outcomeRow);
    outcomeNote_ = addNote(QStringLiteral("outcomeNote"));
}

void ConsumerDialog::addSharing()
{
    addHeading(tr("Sharing the queue"));
    exclusive_ = checkBox(QStringLiteral("exclusive"), tr("Exclusive consumer"));
    form()->addRow(QString(), exclusive_);
    exclusiveNote_ = addNote(QStringLiteral("exclusiveNote"));
    priority_ = spinBox(QStringLiteral("consumerPriority"), -100, 100, 0);
    priority_->setToolTip(tr("x-priority, as RabbitMQ's consumer priorities"));
    form()->addRow(tr("Priority:"), priority_);
    priorityNote_ = addNote(QStringLiteral("priorityNote"));
    channels_ = spinBox(QStringLiteral("channels"), 1, 16, 1);
    channels_->setToolTip(tr("Channels of its one connection, each with a consumer of its own"));
    form()->addRow(tr("Channels:"), channels_);
    channelsNote_ = addNote(QStringLiteral("channelsNote"));
    reply_ = checkBox(QStringLiteral("reply"), tr("RPC server: reply to each request"));
    form()->addRow(QString(), reply_);
    replyNote_ = addNote(QStringLiteral("replyNote"));
}

sim::ConsumerSpec ConsumerDialog::spec() const
{
    sim::ConsumerSpec s;
    s.name = name();
    s.queue = queue();
    s.ackMode = manual_->isChecked() ? sim::AckMode::Manual : sim::AckMode::Automatic;
    s.prefetch = prefetch_->value();
    s.processingMinMs = std::min(minMs_->value(), maxMs_->value());
    s.processingMaxMs = std::max(minMs_->value(), maxMs_->value());
    s.seed = quint32(seed_->value());
    s.outcome = Outcome(outcome_->currentData().toInt());
    s.failAfter = failAfter_->value();
    s.exclusive = exclusive_->isChecked();
    s.priority = priority_->value();
    s.channels = channels_->value();
    s.reply = reply_->isChecked();
    return s;
}

void ConsumerDialog::refresh()
{
    ClientDialog::refresh();
    const sim::ConsumerSpec s = spec();
    const bool failing = s.outcome == Outcome::CrashBeforeAck || s.outcome == Outcome::Hang;
    failAfter_->setEnabled(failing);
    prefetch_->setEnabled(s.ackMode == sim::AckMode::Manual);
    seed_->setEnabled(s.processingMinMs != s.processingMaxMs);
    ackNote_->setText(TeachingNotes::ackMode(s.ackMode));
    prefetchNote_->setText(TeachingNotes::prefetch(s.prefetch, s.ackMode));
    processingNote_->setText(TeachingNotes::processing(s));
    outcomeNote_->setText(TeachingNotes::outcome(s));
    exclusiveNote_->setText(TeachingNotes::exclusive(s.exclusive));
    priorityNote_->setText(TeachingNotes::priority(s.priority));
    channelsNote_->setText(TeachingNotes::channels(s.channels));
    replyNote_->setText(TeachingNotes::rpcServer(s.reply));
}

} // namespace warren::ui
