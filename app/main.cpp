// Warren's entry point: wiring only. The window by default, the terminal broker with
// --headless.
#include "CommandLine.h"
#include "HeadlessRunner.h"
#include "MainWindow.h"

#include <QApplication>
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
    const bool headless = CommandLine::wantsHeadless(argc, argv);
    std::unique_ptr<QCoreApplication> app = headless ? std::make_unique<QCoreApplication>(argc, argv)
                                                     : std::make_unique<QApplication>(argc, argv);
    const CommandLine cl = CommandLine::parse(*app);
    if (!cl.error.isEmpty()) {
        QTextStream(stderr) << "warren: " << cl.error << Qt::endl;
        return 2;
    }
    if (cl.headless)
        return runHeadless(cl.broker);

    warren::ui::MainWindow window(cl.broker);
    window.show();
    return QApplication::exec();
}
