// Settings → Language: the system's language, English or 简体中文, each named in its own
// language so that whoever cannot read the current one still finds theirs. Choosing one keeps
// it (LanguageSettings) and applies it at once (Translations): no restart.
#pragma once

#include <QMenu>

class QActionGroup;

namespace warren::ui {

class LanguageMenu : public QMenu {
    Q_OBJECT
public:
    explicit LanguageMenu(QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    QAction *addChoice(const QString &objectName, const QString &language, const QString &name);
    void choose(const QString &language);
    void retranslate();

    QActionGroup *group_;
    QAction *system_;
};

} // namespace warren::ui
