// Plays a lesson: imports its topology into the scratch broker, then for each step carries
// out its actions through the two facades (simulated clients through SimulationController,
// broker restarts and step mode through ScratchBroker and BrokerController) and checks its
// expectations every 50 ms on the snapshots taken after those actions, until each holds
// (for its holdFor) or its time is up.
//
// The broker is the only judge: the runner states nothing about messages itself, it reads
// the broker's and the clients' snapshots (ExpectationCheck).
#pragma once

#include "lesson/ExpectationCheck.h"
#include "lesson/Scenario.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <QUrl>

namespace warren::sim {
class SimulationController;
}

namespace warren::lesson {

class ScratchBroker;

struct ExpectationResult {
    int step = 0;
    int index = 0;
    Verdict verdict;
};

class LessonRunner : public QObject {
    Q_OBJECT
public:
    // `broker` must be running when start() is called. `timeFactor` stretches every
    // expectation's time and every wait (a sanitizer build runs slower).
    LessonRunner(Scenario scenario, ScratchBroker *broker, double timeFactor = 1.0, QObject *parent = nullptr);
    // On another broker (RabbitMQ, say), by its URL as pika reads it: the topology is declared
    // over AMQP, broker-observed expectations are skipped, and a lesson that restarts or
    // steps the broker is aborted at start.
    LessonRunner(Scenario scenario, const QUrl &otherBroker, double timeFactor = 1.0, QObject *parent = nullptr);
    ~LessonRunner() override;

    const Scenario &scenario() const { return scenario_; }
    void start();
    // Step by step (the explorer): after each step the runner waits for next(); otherwise
    // (the terminal) it goes straight on.
    void setStepByStep(bool on) { stepByStep_ = on; }
    void next();
    bool isWaitingForNext() const { return waitingForNext_; }
    // The step under way or last run, -1 before the first.
    int currentStep() const { return step_; }

    // WARREN_LESSON_TIME_FACTOR from the environment, 1 when unset or not a number ≥ 1.
    static double timeFactorFromEnvironment();

signals:
    void stepStarted(int step);
    void expectationChecked(const warren::lesson::ExpectationResult &result);
    void stepFinished(int step, bool passed);   // with step by step, next() goes on
    void finished(bool passed);
    // The lesson cannot go on (its topology was refused, the broker did not restart).
    void aborted(const QString &why);

private:
    LessonRunner(Scenario scenario, ScratchBroker *broker, const QUrl &url, double timeFactor, QObject *parent);
    void startOnOtherBroker();
    void beginStep(int step);
    void nextAction();
    void perform(const Action &action);
    void startClient(const QString &name);
    void command(const QString &name, sim::ClientCommand command);
    void afterClient(const QString &name);
    bool clientSettled() const;
    void managementDone(const QString &error);
    void beginChecks();
    void check();
    void finishStep();
    int scaled(int ms) const;

    Scenario scenario_;
    ScratchBroker *broker_;   // null on another broker
    QUrl url_;                // where the clients connect
    sim::SimulationController *clients_;
    double timeFactor_;
    QHash<QString, quint32> ids_;   // client name → simulation id, once added

    int step_ = -1;
    int action_ = 0;
    // The client action under way: done once a snapshot reflects it and the client settled.
    QString waitingFor_;
    quint64 waitingCommand_ = 0;
    QHash<QString, quint64> publishTarget_;   // producer → messages it has been asked for so far
    QElapsedTimer waitingSince_;

    QList<bool> settled_;   // per expectation of the step
    QList<qint64> metSince_;   // per expectation: since when it has held, -1 when it does not
    QElapsedTimer checking_;
    QDateTime checksFrom_;   // broker snapshots taken before this are stale
    quint64 checksAfterCommand_ = 0;
    QTimer tick_;
    bool passed_ = true;
    bool stepPassed_ = true;
    bool stepByStep_ = false;
    bool waitingForNext_ = false;
};

} // namespace warren::lesson

Q_DECLARE_METATYPE(warren::lesson::ExpectationResult)
