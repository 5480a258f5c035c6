#include "LessonCommand.h"

#include "lesson/LessonCatalog.h"
#include "lesson/LessonReport.h"
#include "lesson/LessonRunner.h"
#include "lesson/ScratchBroker.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QTextStream>

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
        out << s.name << '\t' << s.title.in(language) << '\n';
    return kPassed;
}

int runLesson(const QString &nameOrFile, const QString &reportPath, const QString &language)
{
    // The learner reads the lesson, not the scratch broker's log; its warnings still show.
    QLoggingCategory::setFilterRules(QStringLiteral("warren.*.debug=false\nwarren.*.info=false"));
    QTextStream out(stdout), err(stderr);
    QStringList errors;
    const std::optional<Scenario> scenario = LessonCatalog::find(nameOrFile, &errors);
    if (!scenario) {
        for (const QString &e : std::as_const(errors))
            err << "warren: " << e << Qt::endl;
        return kUsage;
    }
    ScratchBroker broker;
    LessonRunner runner(*scenario, &broker, LessonRunner::timeFactorFromEnvironment());
    LessonReport report(runner.scenario(), language);
    int exitCode = kPassed;
    QObject::connect(&broker, &ScratchBroker::started, &runner, [&] {
        report.setBroker(broker.url());
        out << QCoreApplication::translate("main", "Scratch broker: %1 (your own broker and data are not touched)").arg(broker.url()) << Qt::endl;
        runner.start();
    }, Qt::SingleShotConnection);
    QObject::connect(&broker, &ScratchBroker::failed, [&](const QString &why) {
        err << "warren: " << QCoreApplication::translate("main", "the scratch broker did not start: %1").arg(why) << Qt::endl;
        exitCode = kCannotRun;
        QCoreApplication::quit();
    });
    QObject::connect(&runner, &LessonRunner::stepStarted, [&](int step) {
        out << '\n' << QCoreApplication::translate("main", "Step %1/%2: %3").arg(step + 1).arg(scenario->steps.size())
                          .arg(scenario->steps[step].say.in(language)) << Qt::endl;
    });
    QObject::connect(&runner, &LessonRunner::expectationChecked, [&](const ExpectationResult &r) {
        report.record(r);
        out << "  " << report.line(r) << Qt::endl;
    });
    QObject::connect(&runner, &LessonRunner::finished, [&](bool passed) {
        report.finish(passed);
        exitCode = passed ? kPassed : kFailed;
        QCoreApplication::quit();
    });
    QObject::connect(&runner, &LessonRunner::aborted, [&](const QString &why) {
        report.abort(why);
        err << "warren: " << QCoreApplication::translate("main", "the lesson cannot go on: %1").arg(why) << Qt::endl;
        exitCode = kCannotRun;
        QCoreApplication::quit();
    });
    out << QCoreApplication::translate("main", "Lesson %1: %2").arg(scenario->name, scenario->title.in(language)) << '\n'
        << scenario->goal.in(language) << Qt::endl;
    broker.start();
    QCoreApplication::exec();
    out << '\n' << QCoreApplication::translate("main", "%1 of the lesson's expectations failed").arg(report.failures()) << Qt::endl;
    if (!reportPath.isEmpty() && !writeReport(report, reportPath, err))
        return kCannotRun;
    return exitCode;
}
