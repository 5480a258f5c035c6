#include "MoveMessagesDialog.h"

#include "SnapshotNames.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>

namespace warren::ui {

MoveMessagesDialog::MoveMessagesDialog(BrokerController *broker, const BrokerSnapshot &snapshot,
                                       const QString &vhost, const QString &queue, QWidget *parent)
    : CommandDialog(broker, Kind::Tool, tr("Move messages"), parent), vhost_(vhost), queue_(queue),
      destination_(new QComboBox)
{
    setWindowTitle(tr("Move messages from %1").arg(queue));
    QStringList others = queueNames(snapshot, vhost);
    others.removeAll(queue);
    destination_->setObjectName(QStringLiteral("destination"));
    destination_->setEditable(true);   // a queue the last snapshot does not show yet
    destination_->setInsertPolicy(QComboBox::NoInsert);
    destination_->addItems(others);
    destination_->setMinimumContentsLength(24);

    const QueueSnapshot *source = findQueue(snapshot, vhost, queue);
    auto *explanation = new QLabel(
        tr("Moves every message ready in '%1' (%2 at the last refresh) to the end of the destination queue, "
           "properties unchanged. Messages out with consumers stay where they are.")
            .arg(queue, QLocale().toString(source ? source->ready : 0)));
    explanation->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("From:"), new QLabel(tr("'%1' in virtual host '%2'").arg(queue, vhost)));
    form->addRow(tr("To queue:"), destination_);
    auto *body = new QVBoxLayout;
    body->addLayout(form);
    body->addWidget(explanation);
    body->addStretch();
    setBody(body);
    // Top-level layouts do not grow for word-wrapped labels: make room for the text.
    constexpr int kWidth = 520;
    resize(kWidth, sizeHint().height() + 2 * fontMetrics().lineSpacing());
}

void MoveMessagesDialog::submit()
{
    const QString destination = destination_->currentText().trimmed();
    if (destination.isEmpty())
        return showError(tr("Choose the queue to move the messages to."));
    run(&management::ManagementService::moveMessages, [this, destination](const management::Outcome &outcome) {
        if (!outcome.ok())
            return showError(outcome.text);
        const QString count = QLocale().toString(outcome.count);
        showStatus(outcome.count == 1 ? tr("Moved 1 message to '%1'.").arg(destination)
                                      : tr("Moved %1 messages to '%2'.").arg(count, destination));
        emit moved(outcome.count, destination);
    }, vhost_, queue_, destination);
}

} // namespace warren::ui
