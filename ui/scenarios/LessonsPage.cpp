#include "LessonsPage.h"

#include "flow/FlowPage.h"
#include "lesson/ExpectationCheck.h"
#include "lesson/LessonCatalog.h"
#include "lesson/PythonExport.h"
#include "lesson/ScratchBroker.h"

#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QPlainTextEdit>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace warren::ui {

namespace {

using lesson::Scenario;
using lesson::Verdict;

// Each expectation row keeps its place; these are its columns.
enum Column { kWhat, kSeen };

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

} // namespace

LessonsPage::LessonsPage(QWidget *parent)
    : QWidget(parent), lessonList_(new QTreeWidget), title_(wrappedLabel(QStringLiteral("lessonTitle"))),
      goal_(wrappedLabel(QStringLiteral("lessonGoal"))), banner_(wrappedLabel(QStringLiteral("scratchBanner"))),
      narration_(wrappedLabel(QStringLiteral("narration"))), start_(new QPushButton(tr("Start the lesson"))),
      next_(new QPushButton(tr("Next step"))), steps_(new QTreeWidget), codeClient_(new QComboBox),
      code_(new QPlainTextEdit), split_(new QSplitter(Qt::Vertical)), bottom_(new QTabWidget), graphHolder_(new QWidget)
{
    lessonList_->setObjectName(QStringLiteral("lessonList"));
    lessonList_->setHeaderHidden(true);
    lessonList_->setMinimumWidth(220);
    start_->setObjectName(QStringLiteral("startLesson"));
    next_->setObjectName(QStringLiteral("nextStep"));
    next_->setEnabled(false);
    steps_->setObjectName(QStringLiteral("lessonSteps"));
    steps_->setHeaderLabels({tr("Step and what to observe"), tr("What the broker and the clients reported")});
    steps_->setWordWrap(true);
    steps_->header()->setSectionResizeMode(kWhat, QHeaderView::Stretch);
    steps_->header()->setSectionResizeMode(kSeen, QHeaderView::Stretch);
    title_->setStyleSheet(QStringLiteral("font-size: 15pt; font-weight: bold;"));
    banner_->setStyleSheet(QStringLiteral("background: #fff4d6; border: 1px solid #e0c070; padding: 4px;"));
    banner_->hide();
    narration_->setStyleSheet(QStringLiteral("font-size: 11pt;"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(start_);
    buttons->addWidget(next_);
    buttons->addStretch();
    auto *top = new QWidget;
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    for (QWidget *w : {static_cast<QWidget *>(title_), static_cast<QWidget *>(goal_), static_cast<QWidget *>(banner_)})
        topLayout->addWidget(w);
    topLayout->addLayout(buttons);
    topLayout->addWidget(narration_);
    topLayout->addWidget(steps_, 1);
    split_->addWidget(top);
    // Below the steps: the scratch broker's graph, or the pika code of one participant.
    graphHolder_->setObjectName(QStringLiteral("lessonGraph"));
    auto *graphLayout = new QVBoxLayout(graphHolder_);
    graphLayout->setContentsMargins(0, 0, 0, 0);
    auto *noGraph = new QLabel(tr("Start the lesson: the routing graph of its broker appears here."));
    noGraph->setAlignment(Qt::AlignCenter);
    graphLayout->addWidget(noGraph);
    bottom_->setObjectName(QStringLiteral("lessonTabs"));
    bottom_->addTab(graphHolder_, tr("Routing graph"));
    bottom_->addTab(createCodePane(), tr("pika code"));
    split_->addWidget(bottom_);
    split_->setStretchFactor(0, 1);
    split_->setStretchFactor(1, 1);

    auto *outer = new QSplitter(Qt::Horizontal);
    outer->addWidget(lessonList_);
    outer->addWidget(split_);
    outer->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(outer);

    connect(start_, &QPushButton::clicked, this, &LessonsPage::start);
    connect(next_, &QPushButton::clicked, this, [this] {
        if (runner_)
            runner_->next();
        next_->setEnabled(false);
    });
    connect(lessonList_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        const int index = item ? item->data(0, Qt::UserRole).toInt() : -1;
        if (index >= 0 && index < lessons_.size())
            showLesson(lessons_[index]);
    });
    buildLessonList();
}

LessonsPage::~LessonsPage()
{
    stop();
}

// The pika code of the participant chosen, what it does in the lesson, with a copy button,
// and the whole lesson exported as scripts.
QWidget *LessonsPage::createCodePane()
{
    codeClient_->setObjectName(QStringLiteral("codeClient"));
    code_->setObjectName(QStringLiteral("code"));
    code_->setReadOnly(true);
    code_->setLineWrapMode(QPlainTextEdit::NoWrap);
    code_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *copy = new QPushButton(tr("Copy"));
    copy->setObjectName(QStringLiteral("copyCode"));
    auto *exportAll = new QPushButton(tr("Export as Python scripts…"));
    exportAll->setObjectName(QStringLiteral("exportScripts"));
    connect(codeClient_, &QComboBox::currentIndexChanged, this, &LessonsPage::showCode);
    connect(copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(code_->toPlainText());
        emit message(tr("The code of %1 is on the clipboard.").arg(codeClient_->currentText()));
    });
    connect(exportAll, &QPushButton::clicked, this, &LessonsPage::exportScripts);
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("pika code of")));
    bar->addWidget(codeClient_, 1);
    bar->addWidget(copy);
    bar->addWidget(exportAll);
    auto *pane = new QWidget;
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(code_, 1);
    return pane;
}

// The scratch broker while the lesson runs (the code talks to it as the simulated clients
// do), else a local broker on the default port.
QString LessonsPage::codeUrl() const
{
    return broker_ && broker_->controller().isRunning() ? broker_->url() : lesson::PythonExport::defaultUrl();
}

void LessonsPage::showCode()
{
    if (current_)
        code_->setPlainText(lesson::PythonExport::clientScript(*current_, codeClient_->currentText(), codeUrl()));
}

void LessonsPage::exportScripts()
{
    if (!current_)
        return;
    const QString directory = QFileDialog::getExistingDirectory(this, tr("Export the lesson's scripts into"),
                                                                QDir::homePath());
    if (directory.isEmpty())
        return;
    QString error;
    if (lesson::PythonExport::write(*current_, codeUrl(), directory, &error))
        emit message(tr("The lesson's scripts are in %1 (README.txt says what to run when).")
                         .arg(QDir::toNativeSeparators(directory)));
    else
        emit message(tr("Could not export the scripts: %1").arg(error));
}

QString LessonsPage::language() const
{
    return QLocale().name();
}

void LessonsPage::buildLessonList()
{
    lessons_ = lesson::LessonCatalog::all();
    QTreeWidgetItem *chapter = nullptr;
    for (int i = 0; i < lessons_.size(); ++i) {
        if (!chapter || i == 0 || lessons_[i].chapter != lessons_[i - 1].chapter) {
            chapter = new QTreeWidgetItem(lessonList_, {chapterTitle(lessons_[i].chapter)});
            chapter->setData(0, Qt::UserRole, -1);
            chapter->setFlags(Qt::ItemIsEnabled);
            chapter->setExpanded(true);
        }
        auto *item = new QTreeWidgetItem(chapter, {lessons_[i].title.inLanguage(language())});
        item->setData(0, Qt::UserRole, i);
        item->setToolTip(0, lessons_[i].name);
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

void LessonsPage::showLesson(const Scenario &scenario)
{
    stop();
    current_ = scenario;
    title_->setText(scenario.title.inLanguage(language()));
    goal_->setText(scenario.goal.inLanguage(language()) + QStringLiteral("\n")
                   + tr("Queues: %1.").arg(scenario.queueType == QLatin1String("quorum") ? tr("quorum") : tr("classic")));
    narration_->clear();
    steps_->clear();
    {
        const QSignalBlocker blocker(codeClient_);
        codeClient_->clear();
        for (const lesson::ClientDefinition &c : scenario.clients)
            codeClient_->addItem(c.name);
    }
    showCode();
    for (int s = 0; s < scenario.steps.size(); ++s) {
        auto *step = new QTreeWidgetItem(steps_, {tr("Step %1: %2").arg(s + 1).arg(scenario.steps[s].say.inLanguage(language()))});
        step->setFirstColumnSpanned(true);
        for (const lesson::Expectation &e : scenario.steps[s].expectations)
            new QTreeWidgetItem(step, {QStringLiteral("  ") + lesson::ExpectationCheck::describe(e)});
    }
    start_->setText(tr("Start the lesson"));
    start_->setEnabled(true);
    next_->setEnabled(false);
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
    connect(runner_.get(), &lesson::LessonRunner::expectationChecked, this, &LessonsPage::onChecked);
    connect(runner_.get(), &lesson::LessonRunner::stepFinished, this, &LessonsPage::onStepFinished);
    connect(runner_.get(), &lesson::LessonRunner::finished, this, &LessonsPage::onFinished);
    connect(runner_.get(), &lesson::LessonRunner::aborted, this, &LessonsPage::onAborted);
    connect(broker_.get(), &lesson::ScratchBroker::started, this, [this] {
        banner_->setText(tr("This lesson runs on a scratch broker at %1, beside your own: your broker, its data and "
                            "its applications are not touched. The scratch broker is gone when the lesson ends.")
                             .arg(broker_->url()));
        banner_->show();
        flow_ = new FlowPage(&broker_->controller());
        flow_->setObjectName(QStringLiteral("lessonFlow"));
        graphHolder_->layout()->itemAt(0)->widget()->hide();   // the "start the lesson" note
        graphHolder_->layout()->addWidget(flow_);
        runner_->start();
    }, Qt::SingleShotConnection);
    connect(broker_.get(), &lesson::ScratchBroker::failed, this, &LessonsPage::onAborted);
    start_->setText(tr("Replay"));
    broker_->start();
}

void LessonsPage::stop()
{
    runner_.reset();   // before the broker it talks to
    delete flow_;
    flow_ = nullptr;
    if (QLayoutItem *note = graphHolder_->layout()->itemAt(0))
        note->widget()->show();
    broker_.reset();
    banner_->hide();
}

QTreeWidgetItem *LessonsPage::stepItem(int step) const
{
    return steps_->topLevelItem(step);
}

void LessonsPage::onStepStarted(int step)
{
    narration_->setText(tr("Step %1 of %2: %3")
                            .arg(step + 1)
                            .arg(current_->steps.size())
                            .arg(current_->steps[step].say.inLanguage(language())));
    // The code beside the step is that of the client it starts first.
    for (const lesson::Action &a : current_->steps[step].actions) {
        if (!a.client.isEmpty()) {
            codeClient_->setCurrentText(a.client);
            break;
        }
    }
    showCode();   // with the scratch broker's URL
    QTreeWidgetItem *item = stepItem(step);
    item->setExpanded(true);
    steps_->setCurrentItem(item);
    for (int i = 0; i < item->childCount(); ++i)
        item->child(i)->setText(kSeen, tr("checking…"));
}

void LessonsPage::onChecked(const lesson::ExpectationResult &r)
{
    QTreeWidgetItem *item = stepItem(r.step)->child(r.index);
    const lesson::Expectation &e = current_->steps[r.step].expectations[r.index];
    item->setText(kWhat, lesson::ExpectationCheck::mark(r.verdict.result) + QLatin1Char(' ') + lesson::ExpectationCheck::describe(e));
    const bool failed = r.verdict.result == Verdict::Result::NotMet;
    item->setText(kSeen, failed ? tr("saw %1: %2").arg(r.verdict.observed, e.why.inLanguage(language())) : r.verdict.observed);
    item->setForeground(kWhat, failed ? QColor(0xb0, 0x20, 0x20) : QColor(0x1f, 0x7a, 0x3a));
    item->setToolTip(kSeen, item->text(kSeen));
}

void LessonsPage::onStepFinished(int step, bool passed)
{
    stepItem(step)->setText(kWhat, (passed ? QStringLiteral("✓ ") : QStringLiteral("✗ "))
                                       + tr("Step %1: %2").arg(step + 1).arg(current_->steps[step].say.inLanguage(language())));
    next_->setEnabled(runner_ && runner_->isWaitingForNext());
}

void LessonsPage::onFinished(bool passed)
{
    next_->setEnabled(false);
    emit message(passed ? tr("Lesson passed: every expectation held.")
                        : tr("Lesson finished: some expectations did not hold, their explanations say why."));
}

void LessonsPage::onAborted(const QString &why)
{
    next_->setEnabled(false);
    emit message(tr("The lesson cannot go on: %1").arg(why));
}

} // namespace warren::ui
