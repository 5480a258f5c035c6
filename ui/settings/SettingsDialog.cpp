#include "SettingsDialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace warren::ui {

SettingsDialog::SettingsDialog(const ListenerSettings &current, QWidget *parent)
    : QDialog(parent), port_(new QSpinBox), bind_(new QLineEdit), dataDir_(new QLineEdit), error_(new QLabel)
{
    setWindowTitle(tr("Broker settings"));
    port_->setObjectName(QStringLiteral("settingsPort"));
    port_->setRange(1, 65535);
    port_->setValue(current.port);
    port_->setToolTip(tr("The AMQP port clients connect to; RabbitMQ's default is 5672."));
    bind_->setObjectName(QStringLiteral("settingsBind"));
    bind_->setText(current.bindAddress);
    bind_->setPlaceholderText(tr("127.0.0.1 and ::1 (this computer only)"));
    bind_->setToolTip(tr("The address to listen on. 0.0.0.0 accepts connections from other computers; "
                         "the guest user may still log in from this computer only."));
    dataDir_->setObjectName(QStringLiteral("settingsDataDir"));
    dataDir_->setText(current.dataDir);
    dataDir_->setToolTip(tr("Where durable queues, exchanges and persistent messages are kept."));
    auto *browse = new QPushButton(tr("Browse…"));
    connect(browse, &QPushButton::clicked, this, &SettingsDialog::chooseDataDir);
    auto *dirRow = new QHBoxLayout;
    dirRow->addWidget(dataDir_, 1);
    dirRow->addWidget(browse);
    error_->setObjectName(QStringLiteral("settingsError"));
    error_->setStyleSheet(QStringLiteral("color: #b00020"));
    error_->setWordWrap(true);
    error_->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("Port:"), port_);
    form->addRow(tr("Bind address:"), bind_);
    form->addRow(tr("Data directory:"), dirRow);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Apply and restart"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(error_);
    layout->addWidget(buttons);
    resize(520, sizeHint().height());
}

ListenerSettings SettingsDialog::settings() const
{
    return ListenerSettings{quint16(port_->value()), bind_->text().trimmed(), dataDir_->text().trimmed()};
}

void SettingsDialog::accept()
{
    const QString problem = settings().validate();
    if (!problem.isEmpty()) {
        error_->setText(problem);
        error_->show();
        return;
    }
    QDialog::accept();
}

void SettingsDialog::chooseDataDir()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Data directory"), dataDir_->text());
    if (!dir.isEmpty())
        dataDir_->setText(dir);
}

} // namespace warren::ui
