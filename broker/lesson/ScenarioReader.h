// Reads a scenario file into a Scenario: first against the schema that ships with Warren
// (:/scenarios/scenario.schema.json), then the checks a schema cannot make (client names
// unique, every name an action or expectation uses defined, with the right role). A file
// that fails either is refused whole, with every problem and where it is.
#pragma once

#include "lesson/Scenario.h"

#include <QByteArray>
#include <QStringList>

#include <optional>

namespace warren::lesson {

class ScenarioReader {
public:
    // `errors` (when given) receives one line per problem: "/steps/2/expect/0: ...".
    static std::optional<Scenario> read(const QByteArray &json, QStringList *errors);
    static std::optional<Scenario> readFile(const QString &path, QStringList *errors);
};

} // namespace warren::lesson
