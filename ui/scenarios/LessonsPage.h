// The Lessons page: the shipped lessons by chapter; the chosen one played step by step on a
// scratch broker beside the user's own (lesson/ScratchBroker.h), with its narration, ✓ / ✗
// beside each expectation as the broker and the clients report it (LessonStepsTree), the
// scratch broker's live routing graph with what the step talks about ringed, and the pika
// code of each participant (LessonCodePane).
//
// Next goes on to the following step; Previous plays the lesson again on a new scratch broker
// up to the step before (a broker's past cannot be undone, only replayed); a deviation (one
// thing done differently, from the lesson's file) replaces the lesson until "as the lesson
// says" is chosen again. A change of language shows everything, the run included, in the
// other language at once.
//
// The page states nothing about messages itself: LessonRunner reads the broker's and the
// clients' snapshots, this page shows what it found.
#pragma once

#include "lesson/LessonRunner.h"
#include "lesson/Scenario.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeWidget;

namespace warren::lesson {
class ScratchBroker;
}

namespace warren::ui {

class FlowPage;
class LessonCodePane;
class LessonStepsTree;

class LessonsPage : public QWidget {
    Q_OBJECT
public:
    explicit LessonsPage(QWidget *parent = nullptr);
    ~LessonsPage() override;

    // For tests and --lesson in the window: choose a lesson by name; false when unknown.
    bool selectLesson(const QString &name);
    // Plays the chosen lesson with one of its deviations (empty: as the lesson says); false
    // when the lesson has no deviation of that name.
    bool selectDeviation(const QString &name);
    QTreeWidget *steps() const;
    // The pika code of one participant, as shown beside the steps.
    QComboBox *codeClient() const;
    QPlainTextEdit *code() const;
    bool isRunning() const { return runner_ != nullptr; }
    // The scratch broker's graph while a lesson runs, else null.
    FlowPage *flow() const { return flow_; }

signals:
    void message(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *createHeader();
    QWidget *createButtons();
    void retranslate();
    void buildLessonList();
    void showLesson(const lesson::Scenario &scenario);
    void showDeviations();
    void showIntroduction();
    void start();
    void previous();
    void stop();
    void onBrokerStarted();
    void showBanner();
    void showGraph();
    void showNarration();
    void onStepStarted(int step);
    void onStepFinished(int step, bool passed);
    void onFinished(bool passed);
    void onAborted(const QString &why);
    void focusGraphOn(int step);
    void updateButtons();
    QString language() const;

    QList<lesson::Scenario> lessons_;
    int chosen_ = -1;                         // in lessons_, as the lesson says
    std::optional<lesson::Scenario> current_; // what is played: the chosen lesson, maybe deviated
    QTreeWidget *lessonList_;
    QLabel *title_;
    QLabel *goal_;
    QLabel *banner_;
    QLabel *narration_;
    QLabel *deviateLabel_;
    QComboBox *deviation_;
    QPushButton *start_;
    QPushButton *previous_;
    QPushButton *next_;
    LessonStepsTree *steps_;
    LessonCodePane *code_;
    QTabWidget *bottom_;
    QWidget *graphHolder_;
    QLabel *noGraph_;
    FlowPage *flow_ = nullptr;
    int stepShown_ = -1;        // the step under way or last run
    int replayUpTo_ = -1;       // Previous: steps before this one go on without waiting
    // The run: its broker outlives the runner that uses it.
    std::unique_ptr<lesson::ScratchBroker> broker_;
    std::unique_ptr<lesson::LessonRunner> runner_;
};

} // namespace warren::ui
