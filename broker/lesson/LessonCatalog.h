// The lessons Warren ships (resources/scenarios, compiled in under :/scenarios), in the
// order a learner takes them: by chapter (the seed tutorial, RabbitMQ's tutorials, beyond),
// then by their place in it.
#pragma once

#include "lesson/Scenario.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace warren::lesson {

class LessonCatalog {
public:
    // Every shipped lesson, read and validated; a file that does not read is left out and
    // its problems appended to `errors` (a test makes sure there are none).
    static QList<Scenario> all(QStringList *errors = nullptr);
    // A shipped lesson by name, or a scenario file by path (anything with a '/' or ending
    // in .json); with one of its deviations when `deviation` names one.
    static std::optional<Scenario> find(const QString &nameOrFile, QStringList *errors, const QString &deviation = {});
};

} // namespace warren::lesson
