// Reads a scenario file into a Scenario: first against the schema that ships with Warren
// (:/scenarios/scenario.schema.json), then the checks a schema cannot make (client names
// unique, every name an action or expectation uses defined, with the right role). A file
// that fails either is refused whole, with every problem and where it is.
//
// With a `deviation` named, the lesson is read with that deviation's changes made to its file
// (Scenario::deviation says so); an unknown name is a problem like any other.
#pragma once

#include "lesson/Scenario.h"

#include <QByteArray>
#include <QStringList>

#include <optional>

namespace warren::lesson {

class ScenarioReader {
public:
    // `errors` (when given) receives one line per problem: "/steps/2/expect/0: ...".
    static std::optional<Scenario> read(const QByteArray &json, QStringList *errors, const QString &deviation = {});
    static std::optional<Scenario> readFile(const QString &path, QStringList *errors, const QString &deviation = {});
};

} // namespace warren::lesson
