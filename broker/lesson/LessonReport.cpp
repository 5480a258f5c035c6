#include "LessonReport.h"

#include "lesson/LessonText.h"

#include <QJsonArray>

namespace warren::lesson {

namespace {
QString resultName(Verdict::Result r)
{
    switch (r) {
    case Verdict::Result::Met:
        return QStringLiteral("passed");
    case Verdict::Result::NotMet:
        return QStringLiteral("failed");
    case Verdict::Result::Skipped:
        return QStringLiteral("skipped");
    }
    return {};
}

} // namespace

LessonReport::LessonReport(const Scenario &scenario, const QString &language)
    : scenario_(scenario), language_(language)
{
}

void LessonReport::record(const ExpectationResult &result)
{
    results_.append(result);
}

QString LessonReport::line(const ExpectationResult &r) const
{
    const Expectation &e = scenario_.steps[r.step].expectations[r.index];
    const QString described = ExpectationCheck::describe(e);
    if (r.verdict.result != Verdict::Result::NotMet)
        return QStringLiteral("%1 %2").arg(ExpectationCheck::mark(r.verdict.result), described);
    return LessonText::tr("%1 %2 — saw %3: %4").arg(ExpectationCheck::mark(r.verdict.result), described, r.verdict.observed,
                                                       e.why.inLanguage(language_));
}

int LessonReport::failures() const
{
    return int(std::count_if(results_.cbegin(), results_.cend(),
                             [](const ExpectationResult &r) { return r.verdict.result == Verdict::Result::NotMet; }));
}

QJsonObject LessonReport::toJson() const
{
    QJsonArray steps;
    for (int s = 0; s < scenario_.steps.size(); ++s) {
        QJsonArray expectations;
        for (const ExpectationResult &r : results_) {
            if (r.step != s)
                continue;
            const Expectation &e = scenario_.steps[s].expectations[r.index];
            QJsonObject o{{QStringLiteral("index"), r.index},
                          {QStringLiteral("expectation"), ExpectationCheck::describe(e)},
                          {QStringLiteral("result"), resultName(r.verdict.result)},
                          {QStringLiteral("observed"), r.verdict.observed},
                          {QStringLiteral("brokerObserved"), e.isBrokerObserved()}};
            if (r.verdict.result == Verdict::Result::NotMet)
                o.insert(QStringLiteral("explanation"), e.why.inLanguage(language_));
            expectations.append(o);
        }
        steps.append(QJsonObject{{QStringLiteral("index"), s},
                                 {QStringLiteral("say"), scenario_.steps[s].say.inLanguage(language_)},
                                 {QStringLiteral("expectations"), expectations}});
    }
    QJsonObject report{{QStringLiteral("lesson"), scenario_.name},
                       {QStringLiteral("title"), scenario_.title.inLanguage(language_)},
                       {QStringLiteral("language"), language_},
                       {QStringLiteral("broker"), brokerUrl_},
                       {QStringLiteral("passed"), passed_ && aborted_.isEmpty()},
                       {QStringLiteral("failures"), failures()},
                       {QStringLiteral("steps"), steps}};
    if (!aborted_.isEmpty())
        report.insert(QStringLiteral("aborted"), aborted_);
    if (!scenario_.deviation.isEmpty())
        report.insert(QStringLiteral("deviation"), scenario_.deviation);
    return report;
}

} // namespace warren::lesson
