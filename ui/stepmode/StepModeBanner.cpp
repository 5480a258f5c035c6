#include "StepModeBanner.h"

#include "BrokerController.h"
#include "StepMode.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace warren::ui {

using management::ManagementService;

QList<StepModeBanner::Target> StepModeBanner::pausedIn(const BrokerSnapshot &snapshot)
{
    QList<Target> targets;
    QStringList pausedHosts;
    for (const VHostSnapshot &v : snapshot.vhosts) {
        if (v.paused) {
            targets.append(Target{v.name, QString(), v.ready});
            pausedHosts.append(v.name);
        }
    }
    // A paused virtual host pauses each of its queues too: those are not listed again.
    for (const QueueSnapshot &q : snapshot.queues) {
        if (q.paused && !pausedHosts.contains(q.vhost))
            targets.append(Target{q.vhost, q.name, q.ready});
    }
    return targets;
}

StepModeBanner::StepModeBanner(BrokerController *broker, QWidget *parent)
    : QFrame(parent), broker_(broker), text_(new QLabel), choice_(new QComboBox), step_(new QPushButton(tr("Step"))),
      resume_(new QPushButton(tr("Resume"))), result_(new QLabel)
{
    setObjectName(QStringLiteral("stepBanner"));
    // Amber, like a road sign: something is held on purpose, nothing is broken.
    setStyleSheet(QStringLiteral("#stepBanner { background: #fff4ce; border: 1px solid #d9a400; border-radius: 4px; }"
                                 "#stepBanner QLabel { color: #3d3000; }"));
    setToolTip(StepMode::explanation());
    text_->setObjectName(QStringLiteral("stepBannerText"));
    text_->setTextFormat(Qt::PlainText);
    text_->setWordWrap(true);
    choice_->setObjectName(QStringLiteral("stepTarget"));
    choice_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    step_->setObjectName(QStringLiteral("stepButton"));
    step_->setToolTip(tr("Release exactly one message to a consumer"));
    resume_->setObjectName(QStringLiteral("resumeButton"));
    resume_->setToolTip(tr("Let the held messages go: deliveries continue as usual"));
    result_->setObjectName(QStringLiteral("stepResult"));
    result_->setTextFormat(Qt::PlainText);
    result_->setWordWrap(true);
    showHint();
    connect(step_, &QPushButton::clicked, this, &StepModeBanner::step);
    connect(resume_, &QPushButton::clicked, this, &StepModeBanner::resume);

    // What is paused, and under it what the last step did; the buttons on the right.
    auto *texts = new QVBoxLayout;
    texts->setSpacing(2);
    texts->addWidget(text_);
    texts->addWidget(result_);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addLayout(texts, 1);
    layout->addWidget(choice_);
    layout->addWidget(step_);
    layout->addWidget(resume_);
    hide();
}

QString StepModeBanner::describe(const Target &target)
{
    return target.queue.isEmpty() ? tr("virtual host '%1' (all its queues)").arg(target.vhost)
                                  : tr("queue '%1' in virtual host '%2'").arg(target.queue, target.vhost);
}

void StepModeBanner::showSnapshot(const BrokerSnapshot &snapshot)
{
    const QList<Target> targets = pausedIn(snapshot);
    if (targets.isEmpty()) {
        targets_.clear();
        showHint();
        hide();
        return;
    }
    if (targets.size() == 1) {
        text_->setText(tr("Deliveries are paused in %1: consumers get nothing until you step or resume. "
                          "Publishing continues (%n message(s) waiting).",
                          nullptr, int(targets.first().ready))
                           .arg(describe(targets.first())));
    } else {
        text_->setText(tr("Deliveries are paused in %n place(s): consumers there get nothing until you step "
                          "or resume. Publishing continues.",
                          nullptr, int(targets.size())));
    }
    // The choice is rebuilt only when the paused places change, so an open list stays open.
    const std::optional<Target> before = chosen();
    const bool sameTargets = std::equal(targets.begin(), targets.end(), targets_.begin(), targets_.end());
    targets_ = targets;
    if (!sameTargets) {
        choice_->clear();
        for (const Target &t : targets_)
            choice_->addItem(describe(t));
        const qsizetype keep = before ? targets_.indexOf(*before) : -1;
        choice_->setCurrentIndex(keep >= 0 ? int(keep) : 0);
    }
    choice_->setVisible(targets_.size() > 1);
    show();
}

std::optional<StepModeBanner::Target> StepModeBanner::chosen() const
{
    const int i = choice_->currentIndex();
    if (targets_.size() == 1)
        return targets_.first();
    return i >= 0 && i < targets_.size() ? std::optional<Target>(targets_[i]) : std::nullopt;
}

void StepModeBanner::step()
{
    const std::optional<Target> target = chosen();
    if (!target)
        return;
    broker_->call(&ManagementService::stepDelivery, this,
                  std::function<void(const management::StepResult &)>(
                      [this](const management::StepResult &r) {
                          tell(StepMode::stepResult(r), !r.outcome.ok());
                      }),
                  target->vhost, target->queue);
}

void StepModeBanner::resume()
{
    const std::optional<Target> target = chosen();
    if (!target)
        return;
    const QString where = describe(*target);
    broker_->call(&ManagementService::resumeDeliveries, this,
                  std::function<void(const management::Outcome &)>([this, where](const management::Outcome &o) {
                      if (o.ok())
                          tell(tr("Deliveries resumed in %1.").arg(where), false);
                      else
                          tell(tr("Could not resume %1: %2 %3").arg(where).arg(o.replyCode).arg(o.text), true);
                  }),
                  target->vhost, target->queue);
}

// Until the first step, the line under the banner's text says what the buttons do (and
// the banner does not grow when a result comes).
void StepModeBanner::showHint()
{
    result_->setText(tr("Step releases exactly one message; Resume lets them all go."));
    result_->setStyleSheet(QString());
}

void StepModeBanner::tell(const QString &text, bool failure)
{
    result_->setText(text);
    result_->setStyleSheet(failure ? QStringLiteral("color: #b00020") : QStringLiteral("font-weight: bold"));
    emit message(text);
}

} // namespace warren::ui
