// Warren's entry point: wiring only. The window by default, the terminal broker with
// --headless.
#include "CommandLine.h"
#include "HeadlessRunner.h"
#include "LessonCommand.h"
#include "MainWindow.h"
#include "settings/LanguageSettings.h"
#include "settings/ListenerSettings.h"
#include "settings/Translations.h"

#include <QApplication>
#include <QLocale>
#include <QTextStream>

#include <memory>

namespace {
void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("Warren"));
    QCoreApplication::setOrganizationName(QStringLiteral("Warren"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WARREN_VERSION));
}
} // namespace

int main(int argc, char **argv)
{
    describeApplication();
    const bool console = CommandLine::needsNoWindow(argc, argv);
    std::unique_ptr<QCoreApplication> app = console ? std::make_unique<QCoreApplication>(argc, argv)
                                                     : std::make_unique<QApplication>(argc, argv);
    // The terminal's commands speak --lang or the system's language; the window the one
    // chosen in it, unless --lang names another for this run.
    const QString languageOption = CommandLine::languageIn(argc, argv);
    warren::ui::Translations::apply(console ? languageOption : warren::ui::LanguageSettings::forRun(languageOption));
    const CommandLine cl = CommandLine::parse(*app);
    if (!cl.error.isEmpty()) {
        QTextStream(stderr) << "warren: " << cl.error << Qt::endl;
        return 2;
    }
    if (!cl.exportDefinitions.isEmpty())
        return runExport(cl.broker, cl.exportDefinitions);
    const QString language = QLocale().name();
    if (cl.listLessons)
        return listLessons(language);
    if (!cl.lesson.isEmpty())
        return runLesson({cl.lesson, cl.deviation, cl.report, language, cl.lessonBroker});
    if (!cl.exportLesson.isEmpty())
        return exportLesson(cl.exportLesson, cl.exportTo, cl.exportUrl);
    if (cl.headless)
        return runHeadless(cl.broker, cl.traceFile);

    warren::BrokerConfig config = cl.broker;
    if (!cl.listenerGiven) {
        using warren::ui::ListenerSettings;
        ListenerSettings::load(ListenerSettings::from(config)).applyTo(config);
    }
    warren::ui::MainWindow window(config);
    // The pages the window has are the only judge of which names exist.
    if (!cl.page.isEmpty() && !window.showPage(cl.page)) {
        QTextStream(stderr) << "warren: "
                            << QCoreApplication::translate("main", "unknown page: %1 (one of: %2)")
                                   .arg(cl.page, window.pageNames().join(QStringLiteral(", ")))
                            << Qt::endl;
        return 2;
    }
    window.show();
    return QApplication::exec();
}
