#include "LanguageSettings.h"

#include <QSettings>

namespace warren::ui {

namespace {
const QString kLanguage = QStringLiteral("ui/language");
}

QString LanguageSettings::stored()
{
    return QSettings().value(kLanguage).toString();
}

void LanguageSettings::store(const QString &language)
{
    QSettings().setValue(kLanguage, language);
}

QString LanguageSettings::forRun(const QString &commandLine)
{
    return commandLine.isEmpty() ? stored() : commandLine;
}

} // namespace warren::ui
