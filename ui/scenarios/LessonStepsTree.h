// The steps of a lesson and, under each, what to observe: ✓ / ✗ / – beside each expectation
// as the runner reports it, what was seen and, for a ✗, the lesson's explanation of it.
//
// It keeps what it was told (the verdicts, which steps ran), not only the texts it shows, so
// that a change of language shows the same run in the other language.
#pragma once

#include "lesson/ExpectationCheck.h"
#include "lesson/LessonRunner.h"
#include "lesson/Scenario.h"

#include <QHash>
#include <QSet>
#include <QTreeWidget>

#include <optional>

namespace warren::ui {

class LessonStepsTree : public QTreeWidget {
    Q_OBJECT
public:
    explicit LessonStepsTree(QWidget *parent = nullptr);

    // A lesson not yet run: its steps and expectations, no marks.
    void showLesson(const lesson::Scenario &scenario);
    void stepStarted(int step);
    void checked(const lesson::ExpectationResult &result);
    void stepFinished(int step, bool passed);
    // Every text again, in the current language.
    void retranslate();

private:
    void renderStep(int step);
    void renderExpectation(int step, int index);
    QString stepText(int step) const;

    std::optional<lesson::Scenario> scenario_;
    QSet<int> started_;
    QHash<int, bool> passed_;   // step → passed, once finished
    QHash<std::pair<int, int>, lesson::Verdict> verdicts_;   // (step, expectation) → the last one
};

} // namespace warren::ui
