#include "LessonsPage.h"

#include "LessonCodePane.h"
#include "LessonStepsTree.h"
#include "flow/FlowPage.h"
#include "flow/FlowScene.h"
#include "lesson/LessonCatalog.h"
#include "lesson/ScratchBroker.h"
#include "lesson/StepFocus.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace warren::ui {

namespace {

using lesson::Scenario;

QString chapterTitle(Scenario::Chapter chapter)
{
    switch (chapter) {
    case Scenario::Chapter::Seed:
        return LessonsPage::tr("The tutorial Warren grew from");
    case Scenario::Chapter::Tutorials:
        return LessonsPage::tr("RabbitMQ's tutorials");
    case Scenario::Chapter::Beyond:
        return LessonsPage::tr("Beyond the tutorials");
    }
    return {};
}

QLabel *wrappedLabel(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// The graph's nodes a step talks about: its clients (a producer's node, a consumer's by its
// connection), exchanges and queues.
FlowScene::FocusTest focusOf(const lesson::StepFocus &focus)
{
    if (focus.isEmpty())
        return {};
    return [focus](const FlowNode &node) {
        switch (node.kind) {
        case FlowNodeKind::Producer:
            return focus.clients.contains(node.name);
        case FlowNodeKind::Consumer:
            return focus.clients.contains(node.owner);
        case FlowNodeKind::Exchange:
            return focus.exchanges.contains(node.name);
        case FlowNodeKind::Queue:
            return focus.queues.contains(node.name);
        }
        return false;
    };
}

} // namespace

LessonsPage::LessonsPage(QWidget *parent)
    : QWidget(parent), lessonList_(new QTreeWidget), title_(wrappedLabel(QStringLiteral("lessonTitle"))),
      goal_(wrappedLabel(QStringLiteral("lessonGoal"))), banner_(wrappedLabel(QStringLiteral("scratchBanner"))),
      narration_(wrappedLabel(QStringLiteral("narration"))), deviateLabel_(new QLabel), deviation_(new QComboBox),
      start_(new QPushButton), previous_(new QPushButton), next_(new QPushButton), steps_(new LessonStepsTree),
      code_(new LessonCodePane), bottom_(new QTabWidget), graphHolder_(new QWidget), noGraph_(new QLabel)
{
    lessonList_->setObjectName(QStringLiteral("lessonList"));
    lessonList_->setHeaderHidden(true);
    lessonList_->setMinimumWidth(220);
    title_->setStyleSheet(QStringLiteral("font-size: 15pt; font-weight: bold;"));
    banner_->setStyleSheet(QStringLiteral("background: #fff4d6; border: 1px solid #e0c070; padding: 4px;"));
    banner_->hide();
    narration_->setStyleSheet(QStringLiteral("font-size: 11pt;"));

    auto *top = new QWidget;
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(createHeader());
    topLayout->addWidget(steps_, 1);
    // Below the steps: the scratch broker's graph, or the pika code of one participant.
    graphHolder_->setObjectName(QStringLiteral("lessonGraph"));
    auto *graphLayout = new QVBoxLayout(graphHolder_);
    graphLayout->setContentsMargins(0, 0, 0, 0);
    noGraph_->setAlignment(Qt::AlignCenter);
    graphLayout->addWidget(noGraph_);
    bottom_->setObjectName(QStringLiteral("lessonTabs"));
    bottom_->addTab(graphHolder_, QString());
    bottom_->addTab(code_, QString());
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(top);
    split->addWidget(bottom_);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);

    auto *outer = new QSplitter(Qt::Horizontal);
    outer->addWidget(lessonList_);
    outer->addWidget(split);
    outer->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(outer);

    connect(code_, &LessonCodePane::message, this, &LessonsPage::message);
    connect(lessonList_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        const int index = item ? item->data(0, Qt::UserRole).toInt() : -1;
        if (index < 0 || index >= lessons_.size())
            return;
        chosen_ = index;
        showLesson(lessons_[index]);
        showDeviations();
    });
    lessons_ = lesson::LessonCatalog::all();
    retranslate();
    // A newcomer sees the first lesson ready to start, not an empty page.
    if (!lessons_.isEmpty())
        selectLesson(lessons_.first().name);
}

LessonsPage::~LessonsPage()
{
    stop();
}

QTreeWidget *LessonsPage::steps() const
{
    return steps_;
}

QComboBox *LessonsPage::codeClient() const
{
    return code_->client();
}

QPlainTextEdit *LessonsPage::code() const
{
    return code_->code();
}

QWidget *LessonsPage::createHeader()
{
    auto *header = new QWidget;
    auto *layout = new QVBoxLayout(header);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget *w : {static_cast<QWidget *>(title_), static_cast<QWidget *>(goal_), static_cast<QWidget *>(banner_)})
        layout->addWidget(w);
    layout->addWidget(createButtons());
    layout->addWidget(narration_);
    return header;
}

QWidget *LessonsPage::createButtons()
{
    start_->setObjectName(QStringLiteral("startLesson"));
    previous_->setObjectName(QStringLiteral("previousStep"));
    next_->setObjectName(QStringLiteral("nextStep"));
    deviation_->setObjectName(QStringLiteral("deviation"));
    deviation_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(start_, &QPushButton::clicked, this, &LessonsPage::start);
    connect(previous_, &QPushButton::clicked, this, &LessonsPage::previous);
    connect(next_, &QPushButton::clicked, this, [this] {
        if (runner_)
            runner_->next();
        updateButtons();
    });
    connect(deviation_, &QComboBox::currentIndexChanged, this, [this] { selectDeviation(deviation_->currentData().toString()); });
    auto *buttons = new QWidget;
    auto *layout = new QHBoxLayout(buttons);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget *w : {static_cast<QWidget *>(start_), static_cast<QWidget *>(previous_), static_cast<QWidget *>(next_)})
        layout->addWidget(w);
    layout->addSpacing(16);
    layout->addWidget(deviateLabel_);
    layout->addWidget(deviation_);
    layout->addStretch();
    updateButtons();
    return buttons;
}

void LessonsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

// Every text of the page in the current language: Qt's translator for the page's own words,
// the lesson files' own texts for the lessons'.
void LessonsPage::retranslate()
{
    start_->setText(runner_ ? tr("Replay") : tr("Start the lesson"));
    previous_->setText(tr("Previous step"));
    next_->setText(tr("Next step"));
    deviateLabel_->setText(tr("Deviate:"));
    deviation_->setToolTip(tr("Do one thing differently from the lesson, and see which expectation fails and why"));
    noGraph_->setText(tr("Start the lesson: the routing graph of its broker appears here."));
    bottom_->setTabText(0, tr("Routing graph"));
    bottom_->setTabText(1, tr("pika code"));
    steps_->retranslate();
    code_->retranslate();
    buildLessonList();
    if (!current_)
        return;
    showIntroduction();
    showDeviations();
    if (stepShown_ >= 0)
        showNarration();
    if (flow_) {
        // Built with its words: a new one, on the same broker, says them in the new language.
        delete flow_;
        flow_ = nullptr;
        showGraph();
        showBanner();
    }
}

void LessonsPage::buildLessonList()
{
    const QSignalBlocker blocker(lessonList_);
    lessonList_->clear();
    QTreeWidgetItem *chapter = nullptr;
    for (int i = 0; i < lessons_.size(); ++i) {
        if (i == 0 || lessons_[i].chapter != lessons_[i - 1].chapter) {
            chapter = new QTreeWidgetItem(lessonList_, {chapterTitle(lessons_[i].chapter)});
            chapter->setData(0, Qt::UserRole, -1);
            chapter->setFlags(Qt::ItemIsEnabled);
            chapter->setExpanded(true);
        }
        auto *item = new QTreeWidgetItem(chapter, {lessons_[i].title.inLanguage(language())});
        item->setData(0, Qt::UserRole, i);
        item->setToolTip(0, lessons_[i].name);
        if (i == chosen_)
            lessonList_->setCurrentItem(item);
    }
}

bool LessonsPage::selectLesson(const QString &name)
{
    for (QTreeWidgetItemIterator it(lessonList_); *it; ++it) {
        const int index = (*it)->data(0, Qt::UserRole).toInt();
        if (index >= 0 && lessons_[index].name == name) {
            lessonList_->setCurrentItem(*it);
            return true;
        }
    }
    return false;
}

bool LessonsPage::selectDeviation(const QString &name)
{
    if (chosen_ < 0)
        return false;
    QStringList errors;
    const std::optional<Scenario> lesson = lesson::LessonCatalog::find(lessons_[chosen_].name, &errors, name);
    if (!lesson)
        return false;
    showLesson(*lesson);
    const QSignalBlocker blocker(deviation_);
    deviation_->setCurrentIndex(deviation_->findData(name));
    return true;
}

// The deviations the chosen lesson offers, the one played selected.
void LessonsPage::showDeviations()
{
    const QSignalBlocker blocker(deviation_);
    deviation_->clear();
    deviation_->addItem(tr("No: as the lesson says"), QString());
    for (const lesson::Deviation &d : lessons_[chosen_].deviations)
        deviation_->addItem(d.label.inLanguage(language()), d.name);
    deviation_->setCurrentIndex(deviation_->findData(current_ ? current_->deviation : QString()));
    deviation_->setEnabled(deviation_->count() > 1);
}

void LessonsPage::showLesson(const Scenario &scenario)
{
    stop();
    current_ = scenario;
    stepShown_ = -1;
    steps_->showLesson(scenario);
    code_->setLesson(scenario);
    code_->setBrokerUrl(QString());
    showIntroduction();
    updateButtons();
}

// The lesson's title and goal, and what to do first.
void LessonsPage::showIntroduction()
{
    title_->setText(current_->title.inLanguage(language()));
    goal_->setText(current_->goal.inLanguage(language()) + QStringLiteral("\n")
                   + tr("Queues: %1.").arg(current_->queueType == QLatin1String("quorum") ? tr("quorum") : tr("classic")));
    if (const lesson::Deviation *d = current_->chosenDeviation())
        narration_->setText(tr("Deviating from the lesson: %1. Start it and watch which expectation turns ✗, and why.")
                                .arg(d->label.inLanguage(language())));
    else
        narration_->clear();
}

void LessonsPage::start()
{
    if (!current_)
        return;
    showLesson(*current_);   // a replay starts from a clean page and a new broker
    broker_ = std::make_unique<lesson::ScratchBroker>();
    runner_ = std::make_unique<lesson::LessonRunner>(*current_, broker_.get(),
                                                     lesson::LessonRunner::timeFactorFromEnvironment());
    runner_->setStepByStep(true);
    connect(runner_.get(), &lesson::LessonRunner::stepStarted, this, &LessonsPage::onStepStarted);
    connect(runner_.get(), &lesson::LessonRunner::expectationChecked, steps_, &LessonStepsTree::checked);
    connect(runner_.get(), &lesson::LessonRunner::stepFinished, this, &LessonsPage::onStepFinished);
    connect(runner_.get(), &lesson::LessonRunner::finished, this, &LessonsPage::onFinished);
    connect(runner_.get(), &lesson::LessonRunner::aborted, this, &LessonsPage::onAborted);
    connect(broker_.get(), &lesson::ScratchBroker::started, this, [this] {
        onBrokerStarted();
        runner_->start();
    }, Qt::SingleShotConnection);
    connect(broker_.get(), &lesson::ScratchBroker::failed, this, &LessonsPage::onAborted);
    start_->setText(tr("Replay"));
    broker_->start();
    updateButtons();
}

// Back one step: the same lesson on a new scratch broker, the steps before the one wanted
// played without waiting for Next.
void LessonsPage::previous()
{
    const int wanted = stepShown_ - 1;
    if (wanted < 0)
        return;
    start();
    replayUpTo_ = wanted;
    updateButtons();
}

void LessonsPage::onBrokerStarted()
{
    showBanner();
    code_->setBrokerUrl(broker_->url());
    showGraph();
}

void LessonsPage::showBanner()
{
    banner_->setText(tr("This lesson runs on a scratch broker at %1, beside your own: your broker, its data and "
                        "its applications are not touched. The scratch broker is gone when the lesson ends.")
                         .arg(broker_->url()));
    banner_->show();
}

// The scratch broker's routing graph, what the step under way talks about ringed.
void LessonsPage::showGraph()
{
    flow_ = new FlowPage(&broker_->controller());
    flow_->setObjectName(QStringLiteral("lessonFlow"));
    noGraph_->hide();
    graphHolder_->layout()->addWidget(flow_);
    focusGraphOn(stepShown_);
}

void LessonsPage::stop()
{
    runner_.reset();   // before the broker it talks to
    delete flow_;
    flow_ = nullptr;
    noGraph_->show();
    broker_.reset();
    banner_->hide();
    replayUpTo_ = -1;
}

void LessonsPage::showNarration()
{
    narration_->setText(tr("Step %1 of %2: %3")
                            .arg(stepShown_ + 1)
                            .arg(current_->steps.size())
                            .arg(current_->steps[stepShown_].say.inLanguage(language())));
}

void LessonsPage::onStepStarted(int step)
{
    stepShown_ = step;
    showNarration();
    // The code beside the step is that of the client it starts first.
    for (const lesson::Action &a : current_->steps[step].actions) {
        if (!a.client.isEmpty()) {
            code_->showClient(a.client);
            break;
        }
    }
    steps_->stepStarted(step);
    focusGraphOn(step);
    updateButtons();
}

void LessonsPage::focusGraphOn(int step)
{
    if (flow_)
        flow_->scene()->setFocus(focusOf(lesson::StepFocus::of(*current_, step)));
}

void LessonsPage::onStepFinished(int step, bool passed)
{
    steps_->stepFinished(step, passed);
    if (step < replayUpTo_)
        QTimer::singleShot(0, runner_.get(), &lesson::LessonRunner::next);   // once this signal is handled
    else
        replayUpTo_ = -1;
    updateButtons();
}

void LessonsPage::onFinished(bool passed)
{
    updateButtons();
    emit message(passed ? tr("Lesson passed: every expectation held.")
                        : tr("Lesson finished: some expectations did not hold, their explanations say why."));
}

void LessonsPage::onAborted(const QString &why)
{
    runner_.reset();
    updateButtons();
    emit message(tr("The lesson cannot go on: %1").arg(why));
}

void LessonsPage::updateButtons()
{
    const bool replaying = replayUpTo_ >= 0;
    start_->setEnabled(current_.has_value());
    next_->setEnabled(runner_ && runner_->isWaitingForNext() && !replaying);
    previous_->setEnabled(runner_ && stepShown_ >= 1 && !replaying);
}

QString LessonsPage::language() const
{
    return QLocale().name();
}

} // namespace warren::ui
