// The Lessons page: the shipped lessons by chapter; the chosen one played step by step on a
// scratch broker beside the user's own (lesson/ScratchBroker.h), with its narration, ✓ / ✗
// beside each expectation as the broker and the clients report it, the explanation of a ✗,
// and the live routing graph of the scratch broker.
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
class QSplitter;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace warren::lesson {
class ScratchBroker;
}

namespace warren::ui {

class FlowPage;

class LessonsPage : public QWidget {
    Q_OBJECT
public:
    explicit LessonsPage(QWidget *parent = nullptr);
    ~LessonsPage() override;

    // For tests and --lesson in the window: choose a lesson by name; false when unknown.
    bool selectLesson(const QString &name);
    QTreeWidget *steps() const { return steps_; }
    // The pika code of one participant, as shown beside the steps.
    QComboBox *codeClient() const { return codeClient_; }
    QPlainTextEdit *code() const { return code_; }
    bool isRunning() const { return runner_ != nullptr; }
    // The scratch broker's graph while a lesson runs, else null.
    FlowPage *flow() const { return flow_; }

signals:
    void message(const QString &text);

private:
    void buildLessonList();
    void showLesson(const lesson::Scenario &scenario);
    void start();
    void stop();
    void onStepStarted(int step);
    void onChecked(const lesson::ExpectationResult &result);
    void onStepFinished(int step, bool passed);
    void onFinished(bool passed);
    void onAborted(const QString &why);
    QTreeWidgetItem *stepItem(int step) const;
    QWidget *createCodePane();
    void showCode();
    void exportScripts();
    QString codeUrl() const;
    QString language() const;

    QList<lesson::Scenario> lessons_;
    std::optional<lesson::Scenario> current_;
    QTreeWidget *lessonList_;
    QLabel *title_;
    QLabel *goal_;
    QLabel *banner_;
    QLabel *narration_;
    QPushButton *start_;
    QPushButton *next_;
    QTreeWidget *steps_;
    QComboBox *codeClient_;
    QPlainTextEdit *code_;
    QSplitter *split_;
    QTabWidget *bottom_;
    QWidget *graphHolder_;
    FlowPage *flow_ = nullptr;
    // The run: its broker outlives the runner that uses it.
    std::unique_ptr<lesson::ScratchBroker> broker_;
    std::unique_ptr<lesson::LessonRunner> runner_;
};

} // namespace warren::ui
