#include "LessonRunner.h"

#include "lesson/LessonText.h"
#include "lesson/ScratchBroker.h"
#include "management/Definitions.h"
#include "sim/SimulationController.h"

#include <QUrl>

#include <algorithm>
#include <utility>

namespace warren::lesson {

namespace {
constexpr int kSnapshotMs = 100;      // snapshots while a lesson plays: checks see changes soon
constexpr int kTickMs = 50;
constexpr int kClientSettleMs = 10000;   // a client that neither runs nor fails by then: go on

bool isProducerSettled(const sim::ProducerStatus &p, quint64 target)
{
    return p.published >= target || p.state == sim::ClientState::Failed || p.state == sim::ClientState::Stopped;
}

bool isConsumerSettled(const sim::ConsumerStatus &c)
{
    using S = sim::ClientState;
    return c.state == S::Running || c.state == S::Failed || c.state == S::Crashed || c.state == S::Stopped;
}
} // namespace

LessonRunner::LessonRunner(Scenario scenario, ScratchBroker *broker, double timeFactor, QObject *parent)
    : LessonRunner(std::move(scenario), broker, QUrl(), timeFactor, parent)
{
}

LessonRunner::LessonRunner(Scenario scenario, const QUrl &otherBroker, double timeFactor, QObject *parent)
    : LessonRunner(std::move(scenario), nullptr, otherBroker, timeFactor, parent)
{
}

LessonRunner::LessonRunner(Scenario scenario, ScratchBroker *broker, const QUrl &url, double timeFactor,
                           QObject *parent)
    : QObject(parent), scenario_(std::move(scenario)), broker_(broker), url_(url),
      clients_(new sim::SimulationController(this)), timeFactor_(timeFactor)
{
    clients_->setSnapshotInterval(kSnapshotMs);
    tick_.setInterval(kTickMs);
    connect(&tick_, &QTimer::timeout, this, [this] {
        if (!waitingFor_.isEmpty() && (clientSettled() || waitingSince_.elapsed() > scaled(kClientSettleMs))) {
            waitingFor_.clear();
            nextAction();
        } else if (!settled_.isEmpty()) {
            check();
        }
    });
}

LessonRunner::~LessonRunner() = default;

double LessonRunner::timeFactorFromEnvironment()
{
    bool ok = false;
    const double factor = qEnvironmentVariable("WARREN_LESSON_TIME_FACTOR").toDouble(&ok);
    return ok && factor >= 1 ? factor : 1.0;
}

int LessonRunner::scaled(int ms) const
{
    return int(ms * timeFactor_);
}

void LessonRunner::start()
{
    tick_.start();
    if (!broker_)
        return startOnOtherBroker();
    url_ = QUrl(broker_->url());
    broker_->controller().setSnapshotInterval(kSnapshotMs);
    if (scenario_.topology.isEmpty())
        return beginStep(0);
    broker_->controller().call(&management::ManagementService::importDefinitions, this,
                               std::function<void(const management::ImportReport &)>(
                                   [this](const management::ImportReport &report) {
                                       if (!report.ok())
                                           return emit aborted(report.errors.join(QLatin1Char('\n')));
                                       beginStep(0);
                                   }),
                               scenario_.topology);
}

// Another broker: the topology is declared over AMQP, and what only Warren's own broker can
// do (restart, step mode) makes the lesson impossible there.
void LessonRunner::startOnOtherBroker()
{
    if (scenario_.needsBrokerControl)
        return emit aborted(LessonText::tr("this lesson restarts or steps the broker: it runs only on Warren's own "
                                           "scratch broker"));
    if (scenario_.topology.isEmpty())
        return beginStep(0);
    clients_->declareTopology(url_.toString(QUrl::FullyEncoded), scenario_.topology, this,
                              [this](const QString &error) {
                                  if (!error.isEmpty())
                                      return emit aborted(error);
                                  beginStep(0);
                              });
}

void LessonRunner::beginStep(int step)
{
    if (step >= scenario_.steps.size()) {
        tick_.stop();
        return emit finished(passed_);
    }
    step_ = step;
    action_ = 0;
    settled_.clear();
    emit stepStarted(step);
    nextAction();
}

void LessonRunner::nextAction()
{
    const QList<Action> &actions = scenario_.steps[step_].actions;
    if (action_ == actions.size())
        return beginChecks();
    perform(actions[action_++]);
}

void LessonRunner::perform(const Action &a)
{
    using K = Action::Kind;
    const auto outcome = std::function<void(const management::Outcome &)>(
        [this](const management::Outcome &o) { managementDone(o.ok() ? QString() : o.text); });
    switch (a.kind) {
    case K::Start:
        return startClient(a.client);
    case K::Stop:
        command(a.client, sim::ClientCommand::Stop);
        return nextAction();
    case K::Crash:
        command(a.client, sim::ClientCommand::Crash);
        return nextAction();
    case K::Restart:
        command(a.client, sim::ClientCommand::Restart);
        return afterClient(a.client);
    case K::Wait:
        return QTimer::singleShot(scaled(a.ms), this, &LessonRunner::nextAction);
    case K::RestartBroker:
        return broker_->restart([this](const QString &error) { managementDone(error); });
    case K::Pause:
        return broker_->controller().call(&management::ManagementService::pauseDeliveries, this, outcome, a.vhost, a.queue);
    case K::Resume:
        return broker_->controller().call(&management::ManagementService::resumeDeliveries, this, outcome, a.vhost, a.queue);
    case K::Step:
        return broker_->controller().call(&management::ManagementService::stepDelivery, this,
                           std::function<void(const management::StepResult &)>(
                               [this](const management::StepResult &r) { managementDone(r.outcome.ok() ? QString() : r.outcome.text); }),
                           a.vhost, a.queue);
    }
}

void LessonRunner::managementDone(const QString &error)
{
    if (!error.isEmpty())
        return emit aborted(error);
    nextAction();
}

void LessonRunner::startClient(const QString &name)
{
    const ClientDefinition &c = *scenario_.client(name);
    if (ids_.contains(name)) {
        command(name, sim::ClientCommand::Start);
    } else {
        const QString url = c.urlOn(url_.toString(QUrl::FullyEncoded));
        if (c.isProducer()) {
            sim::ProducerSpec spec = std::get<sim::ProducerSpec>(c.spec);
            spec.url = url;
            ids_.insert(name, clients_->addProducer(spec));
        } else {
            sim::ConsumerSpec spec = std::get<sim::ConsumerSpec>(c.spec);
            spec.url = url;
            ids_.insert(name, clients_->addConsumer(spec));
        }
    }
    if (c.isProducer())
        publishTarget_[name] += quint64(std::get<sim::ProducerSpec>(c.spec).burst);
    afterClient(name);
}

void LessonRunner::command(const QString &name, sim::ClientCommand command)
{
    if (const auto it = ids_.constFind(name); it != ids_.cend())
        clients_->command(*it, command);
}

void LessonRunner::afterClient(const QString &name)
{
    waitingFor_ = name;
    waitingCommand_ = clients_->commandsSent();
    waitingSince_.start();
}

// Whether the client of the action under way has done what the action asked: a producer
// has sent its burst, a consumer consumes (or either has failed), in a snapshot that
// reflects the command.
bool LessonRunner::clientSettled() const
{
    const sim::SimulationSnapshot &s = clients_->lastSnapshot();
    if (s.commandsApplied < waitingCommand_)
        return false;
    for (const sim::ProducerStatus &p : s.producers) {
        if (p.spec.name == waitingFor_)
            return isProducerSettled(p, publishTarget_.value(waitingFor_));
    }
    for (const sim::ConsumerStatus &c : s.consumers) {
        if (c.spec.name == waitingFor_)
            return isConsumerSettled(c);
    }
    return false;
}

void LessonRunner::beginChecks()
{
    const int n = int(scenario_.steps[step_].expectations.size());
    stepPassed_ = true;
    if (n == 0)
        return finishStep();
    settled_ = QList<bool>(n, false);
    metSince_ = QList<qint64>(n, -1);
    checking_.start();
    checksFrom_ = QDateTime::currentDateTime();
    checksAfterCommand_ = clients_->commandsSent();
}

void LessonRunner::check()
{
    // Against another broker only what the clients saw can be checked.
    const BrokerSnapshot *broker = broker_ ? &broker_->controller().lastSnapshot() : nullptr;
    const sim::SimulationSnapshot &clients = clients_->lastSnapshot();
    const bool fresh = (!broker || broker->takenAt >= checksFrom_) && clients.commandsApplied >= checksAfterCommand_;
    const QList<Expectation> &expectations = scenario_.steps[step_].expectations;
    const qint64 now = checking_.elapsed();
    for (int i = 0; i < expectations.size(); ++i) {
        if (settled_[i])
            continue;
        const Expectation &e = expectations[i];
        const bool late = now > scaled(e.withinMs + e.holdMs);
        if (!fresh && !late)
            continue;
        const Verdict verdict = ExpectationCheck::check(e, broker, clients);
        if (verdict.result != Verdict::Result::Met)
            metSince_[i] = -1;
        else if (metSince_[i] < 0)
            metSince_[i] = now;
        const bool held = verdict.result == Verdict::Result::Met && now - metSince_[i] >= scaled(e.holdMs);
        if (!held && verdict.result != Verdict::Result::Skipped && !late)
            continue;
        const Verdict settledAs = held || verdict.result == Verdict::Result::Skipped
            ? verdict
            : Verdict{Verdict::Result::NotMet, verdict.observed};
        settled_[i] = true;
        stepPassed_ = stepPassed_ && settledAs.result != Verdict::Result::NotMet;
        emit expectationChecked(ExpectationResult{step_, i, settledAs});
    }
    if (std::all_of(settled_.cbegin(), settled_.cend(), [](bool s) { return s; }))
        finishStep();
}

void LessonRunner::finishStep()
{
    settled_.clear();
    passed_ = passed_ && stepPassed_;
    waitingForNext_ = stepByStep_ && step_ + 1 < scenario_.steps.size();
    if (!waitingForNext_)
        QTimer::singleShot(0, this, [this] { beginStep(step_ + 1); });
    emit stepFinished(step_, stepPassed_);
}

void LessonRunner::next()
{
    if (!std::exchange(waitingForNext_, false))
        return;
    beginStep(step_ + 1);
}

} // namespace warren::lesson
