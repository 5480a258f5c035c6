#include "LessonCatalog.h"

#include "lesson/ScenarioReader.h"

#include <QDir>
#include <QFile>

#include <algorithm>

namespace warren::lesson {

namespace {
const QString kDirectory = QStringLiteral(":/scenarios");

QStringList lessonFiles()
{
    QStringList files = QDir(kDirectory).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    files.removeAll(QStringLiteral("scenario.schema.json"));
    return files;
}
} // namespace

QList<Scenario> LessonCatalog::all(QStringList *errors)
{
    QList<Scenario> lessons;
    for (const QString &file : lessonFiles()) {
        QStringList problems;
        if (std::optional<Scenario> s = ScenarioReader::readFile(kDirectory + QLatin1Char('/') + file, &problems))
            lessons.append(std::move(*s));
        else if (errors)
            for (const QString &p : std::as_const(problems))
                errors->append(file + QStringLiteral(": ") + p);
    }
    std::sort(lessons.begin(), lessons.end(), [](const Scenario &a, const Scenario &b) {
        return std::pair(int(a.chapter), a.order) < std::pair(int(b.chapter), b.order);
    });
    return lessons;
}

std::optional<Scenario> LessonCatalog::find(const QString &nameOrFile, QStringList *errors, const QString &deviation)
{
    if (nameOrFile.contains(QLatin1Char('/')) || nameOrFile.endsWith(QLatin1String(".json")))
        return ScenarioReader::readFile(nameOrFile, errors, deviation);
    const QString path = kDirectory + QLatin1Char('/') + nameOrFile + QStringLiteral(".json");
    if (!QFile::exists(path)) {
        QStringList names;
        for (const QString &file : lessonFiles())
            names.append(file.chopped(5));
        *errors = {QStringLiteral("no lesson named '%1' (one of: %2)").arg(nameOrFile, names.join(QStringLiteral(", ")))};
        return std::nullopt;
    }
    return ScenarioReader::readFile(path, errors, deviation);
}

} // namespace warren::lesson
