// What a lesson run found, step by step, as the headless runner prints it and writes it
// with --report (schema in docs/lessons.md): every expectation with ✓ / ✗ / skipped, what
// was observed, and for a ✗ the lesson's explanation.
#pragma once

#include "lesson/LessonRunner.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace warren::lesson {

class LessonReport {
public:
    LessonReport(const Scenario &scenario, const QString &language);

    void setBroker(const QString &url) { brokerUrl_ = url; }
    void record(const ExpectationResult &result);
    void finish(bool passed) { passed_ = passed; }
    void abort(const QString &why) { aborted_ = why; }

    // "✓ receive.py has received 1 — 1 received", "✗ … — expected …, saw …: why".
    QString line(const ExpectationResult &result) const;
    QJsonObject toJson() const;
    int failures() const;

private:
    const Scenario &scenario_;
    QString language_;
    QString brokerUrl_;
    QList<ExpectationResult> results_;
    bool passed_ = false;
    QString aborted_;
};

} // namespace warren::lesson
