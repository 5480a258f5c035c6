#include "PortTakenDialog.h"

#include <QPushButton>

namespace warren::ui {

PortTakenDialog::PortTakenDialog(quint16 port, const std::optional<PortOwner> &owner, quint16 freePort,
                                 QWidget *parent)
    : QMessageBox(parent)
{
    setObjectName(QStringLiteral("portTaken"));
    setIcon(QMessageBox::Warning);
    setWindowTitle(tr("Port %1 is taken").arg(port));
    setText(tr("The broker cannot listen on port %1: %2 is already listening there.")
                .arg(port)
                .arg(describe(owner)));
    QStringList advice;
    if (owner && !owner->systemdUnit.isEmpty())
        advice.append(howToStop(*owner, port));
    if (freePort != 0) {
        advice.append(tr("Port %1 is free: the broker can start there for this run, and your clients connect to "
                         "port %1. To keep another port for good, use Broker settings…").arg(freePort));
        startButton_ = addButton(tr("Start on port %1").arg(freePort), QMessageBox::AcceptRole);
        startButton_->setObjectName(QStringLiteral("startOnFreePort"));
        connect(this, &QMessageBox::buttonClicked, this, [this, freePort](QAbstractButton *button) {
            if (button == startButton_)
                emit startRequested(freePort);
        });
    } else {
        advice.append(tr("No port near it is free: choose one in Broker settings…"));
    }
    setInformativeText(advice.join(u"\n\n"));
    setDefaultButton(startButton_);
    setEscapeButton(addButton(QMessageBox::Close));
}

QString PortTakenDialog::describe(const std::optional<PortOwner> &owner)
{
    if (!owner)
        return tr("another program");
    if (owner->systemdUnit.isEmpty())
        return tr("%1 (process %2)").arg(owner->program).arg(owner->pid);
    return tr("%1 (process %2 of the service %3)").arg(owner->program).arg(owner->pid).arg(owner->systemdUnit);
}

QString PortTakenDialog::howToStop(const PortOwner &owner, quint16 port)
{
    const QString command = owner.userUnit ? QStringLiteral("systemctl --user stop %1")
                                           : QStringLiteral("sudo systemctl stop %1");
    // The command on a line of its own, to be read (or copied) whole.
    return QStringLiteral("%1\n    %2")
        .arg(tr("To free port %1, stop that service, then start the broker again:").arg(port),
             command.arg(owner.systemdUnit));
}

} // namespace warren::ui
