#include "DefinitionsTransfer.h"

#include "BrokerController.h"

#include <QFileDialog>
#include <QMessageBox>

namespace warren::ui {

using management::ImportReport;
using management::ManagementService;

namespace {
QString filter() { return DefinitionsTransfer::tr("Definitions (*.json);;All files (*)"); }
} // namespace

DefinitionsTransfer::DefinitionsTransfer(BrokerController *broker, QWidget *window)
    : QObject(window), broker_(broker), window_(window)
{
}

void DefinitionsTransfer::exportTo(QString path)
{
    if (path.isEmpty())
        path = QFileDialog::getSaveFileName(window_, tr("Export definitions"), QStringLiteral("definitions.json"),
                                            filter());
    if (path.isEmpty())
        return;
    broker_->call(&ManagementService::exportDefinitions, this,
                  std::function<void(const QJsonObject &)>([this, path](const QJsonObject &definitions) {
                      QString error;
                      if (management::writeDefinitionsFile(definitions, path, &error)) {
                          emit finished(tr("Definitions exported to %1").arg(path));
                      } else {
                          QMessageBox::warning(window_, tr("Export definitions"),
                                               tr("Could not write %1: %2").arg(path, error));
                      }
                  }));
}

void DefinitionsTransfer::importFrom(QString path)
{
    if (path.isEmpty())
        path = QFileDialog::getOpenFileName(window_, tr("Import definitions"), QString(), filter());
    if (path.isEmpty())
        return;
    QString error;
    const std::optional<QJsonObject> definitions = management::readDefinitionsFile(path, &error);
    if (!definitions) {
        QMessageBox::warning(window_, tr("Import definitions"), tr("Could not read %1: %2").arg(path, error));
        return;
    }
    broker_->call(&ManagementService::importDefinitions, this,
                  std::function<void(const ImportReport &)>([this, path](const ImportReport &report) {
                      emit finished(tr("Definitions imported from %1").arg(path));
                      emit imported(report.toText(), report.ok());
                  }),
                  *definitions);
}

} // namespace warren::ui
