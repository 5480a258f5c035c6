#include "GetMessagesDialog.h"

#include "MessageViewer.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QSpinBox>
#include <QSplitter>

namespace warren::ui {

namespace {

using management::GetMode;

constexpr int kMaxCount = 1000;   // each one is held in memory and listed

} // namespace

GetMessagesDialog::GetMessagesDialog(BrokerController *broker, const QString &vhost, const QString &queue,
                                     QWidget *parent)
    : CommandDialog(broker, Kind::Tool, tr("Get messages"), parent), vhost_(vhost), queue_(queue),
      count_(new QSpinBox), mode_(new QComboBox), warning_(new QLabel), requeueNote_(new QLabel), list_(new QListWidget),
      viewer_(new MessageViewer)
{
    setWindowTitle(tr("Get messages from %1").arg(queue));
    count_->setObjectName(QStringLiteral("count"));
    count_->setRange(1, kMaxCount);
    mode_->setObjectName(QStringLiteral("ackMode"));
    // RabbitMQ's wording, so people who know its UI recognise them.
    mode_->addItem(tr("Nack message requeue true"), int(GetMode::Requeue));
    mode_->addItem(tr("Ack message requeue false"), int(GetMode::Ack));
    mode_->setToolTip(tr("Requeue puts every message back in its place: it will be redelivered, with the redelivered "
                         "flag set on its next delivery. Ack removes them."));
    // Looking is not free: the broker counts a message put back as delivered once.
    requeueNote_->setObjectName(QStringLiteral("requeueNote"));
    requeueNote_->setText(tr("Messages put back will be redelivered: their next delivery, to a consumer or here, "
                             "has the redelivered flag set."));
    requeueNote_->setWordWrap(true);
    warning_->setObjectName(QStringLiteral("ackWarning"));
    warning_->setText(tr("Ack mode removes the messages from the queue: once shown here, they are gone."));
    warning_->setStyleSheet(QStringLiteral("color: #9a6700"));
    warning_->setWordWrap(true);
    connect(mode_, &QComboBox::currentIndexChanged, this, [this] {
        warning_->setVisible(mode() == GetMode::Ack);
        requeueNote_->setVisible(mode() == GetMode::Requeue);
    });
    warning_->hide();
    list_->setObjectName(QStringLiteral("messageList"));
    viewer_->setObjectName(QStringLiteral("messageViewer"));
    viewer_->hide();
    connect(list_, &QListWidget::currentRowChanged, this, &GetMessagesDialog::showSelected);

    auto *options = new QHBoxLayout;
    options->addWidget(mode_);
    options->addSpacing(12);
    options->addWidget(new QLabel(tr("Messages:")));
    options->addWidget(count_);
    options->addStretch();
    auto *form = new QFormLayout;
    form->addRow(tr("Queue:"), new QLabel(tr("'%1' in virtual host '%2'").arg(queue, vhost)));
    form->addRow(tr("Ack mode:"), options);
    auto *results = new QSplitter;
    results->addWidget(list_);
    results->addWidget(viewer_);
    results->setStretchFactor(1, 1);
    results->setSizes({210, 590});
    auto *body = new QVBoxLayout;
    body->addLayout(form);
    body->addWidget(warning_);
    body->addWidget(requeueNote_);
    body->addWidget(results, 1);
    setBody(body);
    resize(820, 620);
}

GetMode GetMessagesDialog::mode() const { return GetMode(mode_->currentData().toInt()); }

void GetMessagesDialog::submit()
{
    const GetMode mode = this->mode();
    run(&management::ManagementService::getMessages, [this, mode](const management::GetResult &result) {
        if (!result.outcome.ok())
            return showError(result.outcome.text);
        showMessages(result.messages, mode);
        emit fetched(int(result.messages.size()), mode == GetMode::Ack);
    }, vhost_, queue_, count_->value(), mode);
}

void GetMessagesDialog::showMessages(const QList<management::MessageView> &messages, GetMode mode)
{
    messages_ = messages;
    list_->clear();
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const management::MessageView &m = messages[i];
        list_->addItem(tr("#%1  %2 bytes%3")
                           .arg(i + 1)
                           .arg(QLocale().toString(m.body.size()))
                           .arg(m.redelivered ? tr(", redelivered") : QString()));
    }
    viewer_->setVisible(!messages.isEmpty());
    if (messages.isEmpty())
        return showStatus(tr("The queue has no ready messages."), true);
    list_->setCurrentRow(0);
    const qint64 left = messages.last().remaining + (mode == GetMode::Requeue ? messages.size() : 0);
    const QString count = messages.size() == 1 ? tr("1 message") : tr("%1 messages").arg(messages.size());
    showStatus(mode == GetMode::Ack ? tr("%1 taken out of the queue; %2 left.").arg(count).arg(left)
                                    : tr("%1 shown and put back; %2 in the queue. Those put back will be "
                                         "redelivered (redelivered flag set).").arg(count).arg(left),
               mode == GetMode::Ack);
}

void GetMessagesDialog::showSelected()
{
    const int row = list_->currentRow();
    if (row >= 0 && row < messages_.size())
        viewer_->setMessage(messages_[row]);
}

} // namespace warren::ui
