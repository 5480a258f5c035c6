// The application's translators: Qt's own texts (qtbase_*: the buttons of standard dialogs,
// …) and Warren's (:/i18n/warren_*), in one language at a time. Applying a language replaces
// both and makes it QLocale's default first (numbers, and the lessons' own texts, follow
// QLocale()); swapping translators makes Qt send every widget a LanguageChange, so an open
// window speaks the new language at once.
//
// Translators belong to the application (QCoreApplication installs them), so this does too:
// main() applies the language of the run before anything is said, even for --help, and the
// window's Language menu applies another one later. QtCore only: the terminal's commands use
// it without QtWidgets.
#pragma once

#include <QString>

namespace warren::ui {

class Translations {
public:
    // "zh_CN", "en", …; empty: the system's language. Nothing happens when it is already the
    // language applied.
    static void apply(const QString &language);
    // The language last applied; empty: the system's.
    static QString language();
};

} // namespace warren::ui
