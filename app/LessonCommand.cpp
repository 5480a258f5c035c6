#include "LessonCommand.h"

#include "lesson/LessonCatalog.h"
#include "lesson/LessonReport.h"
#include "lesson/LessonRunner.h"
#include "lesson/PythonExport.h"
#include "lesson/ScratchBroker.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QTextStream>
#include <QTimer>
#include <QUrl>

using namespace warren::lesson;

namespace {
enum Exit { kPassed = 0, kFailed = 1, kUsage = 2, kCannotRun = 3 };

bool writeReport(const LessonReport &report, const QString &path, QTextStream &err)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(QJsonDocument(report.toJson()).toJson()) >= 0 && file.commit())
        return true;
    err << "warren: " << QCoreApplication::translate("main", "cannot write the report %1: %2").arg(path, file.errorString()) << Qt::endl;
    return false;
}
} // namespace

int listLessons(const QString &language)
{
    QTextStream out(stdout);
    for (const Scenario &s : LessonCatalog::all())
        out << s.name << '\t' << s.title.inLanguage(language) << '\n';
    return kPassed;
}

namespace {

// The runner's account, printed as it comes and kept for --report; the run's exit status.
void followRun(LessonRunner &runner, LessonReport &report, const QString &language, int &exitCode)
{
    const Scenario &scenario = runner.scenario();
    QObject::connect(&runner, &LessonRunner::stepStarted, [&scenario, language](int step) {
        QTextStream(stdout) << '\n'
                            << QCoreApplication::translate("main", "Step %1/%2: %3")
                                   .arg(step + 1)
                                   .arg(scenario.steps.size())
                                   .arg(scenario.steps[step].say.inLanguage(language))
                            << Qt::endl;
    });
    QObject::connect(&runner, &LessonRunner::expectationChecked, [&report](const ExpectationResult &r) {
        report.record(r);
        QTextStream(stdout) << "  " << report.line(r) << Qt::endl;
    });
    QObject::connect(&runner, &LessonRunner::finished, [&report, &exitCode](bool passed) {
        report.finish(passed);
        exitCode = passed ? kPassed : kFailed;
        QCoreApplication::quit();
    });
    QObject::connect(&runner, &LessonRunner::aborted, [&report, &exitCode](const QString &why) {
        report.abort(why);
        QTextStream(stderr) << "warren: " << QCoreApplication::translate("main", "the lesson cannot go on: %1").arg(why)
                            << Qt::endl;
        exitCode = kCannotRun;
        QCoreApplication::quit();
    });
}

// On a scratch broker of its own, which the lesson controls and observes.
int runOnScratchBroker(const Scenario &scenario, LessonReport &report, const QString &language)
{
    ScratchBroker broker;
    LessonRunner runner(scenario, &broker, LessonRunner::timeFactorFromEnvironment());
    int exitCode = kPassed;
    followRun(runner, report, language, exitCode);
    QObject::connect(&broker, &ScratchBroker::started, &runner, [&] {
        report.setBroker(broker.url());
        QTextStream(stdout) << QCoreApplication::translate("main", "Scratch broker: %1 (your own broker and data are "
                                                                   "not touched)").arg(broker.url())
                            << Qt::endl;
        runner.start();
    }, Qt::SingleShotConnection);
    QObject::connect(&broker, &ScratchBroker::failed, [&](const QString &why) {
        QTextStream(stderr) << "warren: "
                            << QCoreApplication::translate("main", "the scratch broker did not start: %1").arg(why)
                            << Qt::endl;
        exitCode = kCannotRun;
        QCoreApplication::quit();
    });
    broker.start();
    QCoreApplication::exec();
    return exitCode;
}

// Against another broker: only what the clients see is checked.
int runOnOtherBroker(const Scenario &scenario, const QUrl &url, LessonReport &report, const QString &language)
{
    LessonRunner runner(scenario, url, LessonRunner::timeFactorFromEnvironment());
    int exitCode = kPassed;
    followRun(runner, report, language, exitCode);
    report.setBroker(url.toString(QUrl::RemovePassword));
    QTextStream(stdout) << QCoreApplication::translate("main", "Broker: %1 (only what the clients see is checked; "
                                                               "what the broker does is marked –)")
                               .arg(url.toString(QUrl::RemovePassword))
                        << Qt::endl;
    QTimer::singleShot(0, &runner, &LessonRunner::start);
    QCoreApplication::exec();
    return exitCode;
}

} // namespace

int runLesson(const LessonRun &run)
{
    const QString &language = run.language;
    // The learner reads the lesson, not the scratch broker's log; its warnings still show.
    QLoggingCategory::setFilterRules(QStringLiteral("warren.*.debug=false\nwarren.*.info=false"));
    QTextStream out(stdout), err(stderr);
    QStringList errors;
    const std::optional<Scenario> scenario = LessonCatalog::find(run.lesson, &errors, run.deviation);
    const QUrl url(run.broker, QUrl::StrictMode);
    if (!run.broker.isEmpty() && (!url.isValid() || url.scheme() != QLatin1String("amqp") || url.host().isEmpty()))
        errors.append(QCoreApplication::translate("main", "not an amqp:// URL: %1").arg(run.broker));
    if (!scenario || !errors.isEmpty()) {
        for (const QString &e : std::as_const(errors))
            err << "warren: " << e << Qt::endl;
        return kUsage;
    }
    out << QCoreApplication::translate("main", "Lesson %1: %2").arg(scenario->name, scenario->title.inLanguage(language)) << '\n'
        << scenario->goal.inLanguage(language) << Qt::endl;
    if (const Deviation *d = scenario->chosenDeviation())
        out << QCoreApplication::translate("main", "Deviating from the lesson: %1").arg(d->label.inLanguage(language))
            << Qt::endl;
    LessonReport report(*scenario, language);
    const int exitCode = run.broker.isEmpty() ? runOnScratchBroker(*scenario, report, language)
                                              : runOnOtherBroker(*scenario, url, report, language);
    out << '\n' << QCoreApplication::translate("main", "%1 of the lesson's expectations failed").arg(report.failures())
        << Qt::endl;
    if (!run.report.isEmpty() && !writeReport(report, run.report, err))
        return kCannotRun;
    return exitCode;
}

int exportLesson(const QString &nameOrFile, const QString &directory, const QString &url)
{
    QTextStream out(stdout), err(stderr);
    QStringList errors;
    const std::optional<Scenario> scenario = LessonCatalog::find(nameOrFile, &errors);
    const QString brokerUrl = url.isEmpty() ? PythonExport::defaultUrl() : url;
    const QUrl parsed(brokerUrl, QUrl::StrictMode);
    if (!parsed.isValid() || (parsed.scheme() != QLatin1String("amqp") && parsed.scheme() != QLatin1String("amqps")))
        errors.append(QStringLiteral("not an amqp:// URL: %1").arg(brokerUrl));
    for (const QString &e : std::as_const(errors))
        err << "warren: " << e << Qt::endl;
    if (!scenario || !errors.isEmpty())
        return kUsage;
    QString error;
    if (!PythonExport::write(*scenario, brokerUrl, directory, &error)) {
        err << "warren: " << error << Qt::endl;
        return kCannotRun;
    }
    // What was written, one path a line: the caller runs them.
    for (const QString &file : PythonExport::scripts(*scenario, brokerUrl).keys())
        out << QDir(directory).filePath(file) << '\n';
    return kPassed;
}
