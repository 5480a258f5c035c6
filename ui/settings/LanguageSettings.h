// The language the window speaks, as chosen in Settings → Language; kept with QSettings
// ("ui/language"). Empty: the system's. `--lang` names the language of one run and wins over
// the stored choice without replacing it.
#pragma once

#include <QString>

namespace warren::ui {

class LanguageSettings {
public:
    // The stored choice; empty when none was made or "System default" was chosen.
    static QString stored();
    static void store(const QString &language);
    // The window's language for this run: `commandLine` (--lang) when given, else stored().
    static QString forRun(const QString &commandLine);
};

} // namespace warren::ui
