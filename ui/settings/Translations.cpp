#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QTranslator>

namespace warren::ui {

namespace {

struct Installed {
    QPointer<QTranslator> qt;
    QPointer<QTranslator> own;
    QString language;
    bool applied = false;
};

Installed &installed()
{
    static Installed state;
    return state;
}

// Puts a translator for `locale` in place of `slot`'s, or none (and returns false) when there
// is no file for it. Translators are the application's children.
bool replace(QPointer<QTranslator> &slot, const QLocale &locale, const QString &name, const QString &directory)
{
    if (slot) {
        QCoreApplication::removeTranslator(slot);
        delete slot;
    }
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (translator->load(locale, name, QStringLiteral("_"), directory)) {
        QCoreApplication::installTranslator(translator);
        slot = translator;
        return true;
    }
    delete translator;
    return false;
}

} // namespace

void Translations::apply(const QString &language)
{
    Installed &state = installed();
    if (state.applied && state.language == language)
        return;
    state.applied = true;
    state.language = language;
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    replace(state.qt, locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    // In a language Warren does not speak, its English catalogue still says "1 connection"
    // where the source says "%n connection(s)".
    const QString warren = QStringLiteral("warren"), catalogues = QStringLiteral(":/i18n");
    if (!replace(state.own, locale, warren, catalogues))
        replace(state.own, QLocale(QLocale::English), warren, catalogues);
}

QString Translations::language()
{
    return installed().language;
}

} // namespace warren::ui
