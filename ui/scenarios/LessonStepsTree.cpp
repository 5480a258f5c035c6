#include "LessonStepsTree.h"

#include "LessonsPage.h"

#include <QHeaderView>
#include <QLocale>

namespace warren::ui {

namespace {

// Each expectation row keeps its place; these are its columns.
enum Column { kWhat, kSeen };

QString language()
{
    return QLocale().name();
}

} // namespace

LessonStepsTree::LessonStepsTree(QWidget *parent) : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("lessonSteps"));
    setWordWrap(true);
    header()->setSectionResizeMode(kWhat, QHeaderView::Stretch);
    header()->setSectionResizeMode(kSeen, QHeaderView::Stretch);
    retranslate();
}

void LessonStepsTree::showLesson(const lesson::Scenario &scenario)
{
    scenario_ = scenario;
    started_.clear();
    passed_.clear();
    verdicts_.clear();
    clear();
    for (int s = 0; s < scenario.steps.size(); ++s) {
        auto *step = new QTreeWidgetItem(this);
        step->setFirstColumnSpanned(true);
        for (int e = 0; e < scenario.steps[s].expectations.size(); ++e)
            new QTreeWidgetItem(step);
        renderStep(s);
    }
}

void LessonStepsTree::stepStarted(int step)
{
    started_.insert(step);
    renderStep(step);
    QTreeWidgetItem *item = topLevelItem(step);
    item->setExpanded(true);
    setCurrentItem(item);
}

void LessonStepsTree::checked(const lesson::ExpectationResult &result)
{
    verdicts_.insert({result.step, result.index}, result.verdict);
    renderExpectation(result.step, result.index);
}

void LessonStepsTree::stepFinished(int step, bool passed)
{
    passed_.insert(step, passed);
    renderStep(step);
}

void LessonStepsTree::retranslate()
{
    setHeaderLabels({LessonsPage::tr("Step and what to observe"), LessonsPage::tr("What the broker and the clients reported")});
    for (int s = 0; scenario_ && s < scenario_->steps.size(); ++s)
        renderStep(s);
}

QString LessonStepsTree::stepText(int step) const
{
    const QString text = LessonsPage::tr("Step %1: %2").arg(step + 1).arg(scenario_->steps[step].say.inLanguage(language()));
    if (!passed_.contains(step))
        return text;
    return (passed_.value(step) ? QStringLiteral("✓ ") : QStringLiteral("✗ ")) + text;
}

void LessonStepsTree::renderStep(int step)
{
    topLevelItem(step)->setText(kWhat, stepText(step));
    topLevelItem(step)->setToolTip(kWhat, stepText(step));   // a long narration is elided in its row
    for (int e = 0; e < scenario_->steps[step].expectations.size(); ++e)
        renderExpectation(step, e);
}

void LessonStepsTree::renderExpectation(int step, int index)
{
    QTreeWidgetItem *item = topLevelItem(step)->child(index);
    const lesson::Expectation &e = scenario_->steps[step].expectations[index];
    const QString what = lesson::ExpectationCheck::describe(e);
    const auto verdict = verdicts_.constFind({step, index});
    if (verdict == verdicts_.cend()) {
        item->setText(kWhat, QStringLiteral("  ") + what);
        item->setText(kSeen, started_.contains(step) ? LessonsPage::tr("checking…") : QString());
        return;
    }
    const bool failed = verdict->result == lesson::Verdict::Result::NotMet;
    item->setText(kWhat, lesson::ExpectationCheck::mark(verdict->result) + QLatin1Char(' ') + what);
    item->setText(kSeen, failed ? LessonsPage::tr("saw %1: %2").arg(verdict->observed, e.why.inLanguage(language()))
                                : verdict->observed);
    item->setForeground(kWhat, failed ? QColor(0xb0, 0x20, 0x20) : QColor(0x1f, 0x7a, 0x3a));
    item->setToolTip(kSeen, item->text(kSeen));
}

} // namespace warren::ui
