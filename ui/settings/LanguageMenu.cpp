#include "LanguageMenu.h"

#include "LanguageSettings.h"
#include "Translations.h"

#include <QActionGroup>
#include <QEvent>
#include <QLocale>

namespace warren::ui {

namespace {
// "zh" and "zh_CN" are the same choice.
bool sameLanguage(const QString &a, const QString &b)
{
    return a.isEmpty() || b.isEmpty() ? a == b : QLocale(a).name() == QLocale(b).name();
}
} // namespace

LanguageMenu::LanguageMenu(QWidget *parent) : QMenu(parent), group_(new QActionGroup(this))
{
    setObjectName(QStringLiteral("languageMenu"));
    system_ = addChoice(QStringLiteral("languageSystem"), QString(), QString());
    addSeparator();
    addChoice(QStringLiteral("languageEnglish"), QStringLiteral("en"), QStringLiteral("English"));
    addChoice(QStringLiteral("languageChinese"), QStringLiteral("zh_CN"), QStringLiteral("简体中文"));
    retranslate();
}

QAction *LanguageMenu::addChoice(const QString &objectName, const QString &language, const QString &name)
{
    QAction *action = addAction(name);
    action->setObjectName(objectName);
    action->setData(language);
    action->setCheckable(true);
    group_->addAction(action);
    connect(action, &QAction::triggered, this, [this, language] { choose(language); });
    return action;
}

void LanguageMenu::choose(const QString &language)
{
    LanguageSettings::store(language);
    Translations::apply(language);
}

void LanguageMenu::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMenu::changeEvent(event);
}

// The title, the system's choice and which one is checked: the language may also have come
// from --lang.
void LanguageMenu::retranslate()
{
    setTitle(tr("&Language"));
    system_->setText(tr("System default"));
    for (QAction *action : group_->actions())
        action->setChecked(sameLanguage(action->data().toString(), Translations::language()));
}

} // namespace warren::ui
