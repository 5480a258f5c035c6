#include "SettingsDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include <algorithm>

namespace warren::ui {

SettingsDialog::SettingsDialog(const ListenerSettings &current, QWidget *parent)
    : QDialog(parent), port_(new QSpinBox), bind_(new QLineEdit), dataDir_(new QLineEdit), tlsPort_(new QSpinBox),
      tlsCert_(new QLineEdit), tlsKey_(new QLineEdit), tlsCa_(new QLineEdit), tlsVerifyPeer_(new QCheckBox),
      error_(new QLabel)
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
    error_->setObjectName(QStringLiteral("settingsError"));
    error_->setStyleSheet(QStringLiteral("color: #b00020"));
    error_->setWordWrap(true);
    error_->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("Port:"), port_);
    form->addRow(tr("Bind address:"), bind_);
    form->addRow(tr("Data directory:"), withBrowse(dataDir_, [this] {
        return QFileDialog::getExistingDirectory(this, tr("Data directory"), dataDir_->text());
    }));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Apply and restart"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(tlsGroup(current.tls));
    layout->addWidget(error_);
    layout->addWidget(buttons);
    resize(560, std::max(sizeHint().height(), heightForWidth(560)));   // the wrapped texts fit
}

QWidget *SettingsDialog::tlsGroup(const BrokerConfig::Tls &current)
{
    auto *intro = new QLabel(tr("With a certificate and its private key the broker also listens for AMQP over "
                                "TLS (amqps://) on its own port. Leave them empty for plain AMQP only."));
    intro->setWordWrap(true);
    tlsPort_->setObjectName(QStringLiteral("settingsTlsPort"));
    tlsPort_->setRange(1, 65535);
    tlsPort_->setValue(current.port);
    tlsPort_->setToolTip(tr("The port for AMQP over TLS; RabbitMQ's default is 5671."));
    tlsCert_->setObjectName(QStringLiteral("settingsTlsCert"));
    tlsCert_->setText(current.certFile);
    tlsCert_->setToolTip(tr("The broker's certificate, a PEM file; intermediate certificates may follow it."));
    tlsKey_->setObjectName(QStringLiteral("settingsTlsKey"));
    tlsKey_->setText(current.keyFile);
    tlsKey_->setToolTip(tr("The certificate's private key, a PEM file without a password."));
    tlsCa_->setObjectName(QStringLiteral("settingsTlsCa"));
    tlsCa_->setText(current.caFile);
    tlsCa_->setPlaceholderText(tr("none: clients are not asked for a certificate"));
    tlsCa_->setToolTip(tr("CA certificates (PEM) for clients' certificates: a client may then present a "
                          "certificate, which must be signed by one of them."));
    tlsVerifyPeer_->setObjectName(QStringLiteral("settingsTlsVerifyPeer"));
    tlsVerifyPeer_->setText(tr("Require a client certificate signed by these CAs"));
    tlsVerifyPeer_->setChecked(current.verifyPeer);
    tlsVerifyPeer_->setToolTip(tr("Clients without such a certificate are refused during the TLS handshake "
                                  "(RabbitMQ's fail_if_no_peer_cert)."));

    auto *form = new QFormLayout;
    form->addRow(tr("TLS port:"), tlsPort_);
    form->addRow(tr("Certificate:"), withFileBrowse(tlsCert_, tr("The broker's certificate")));
    form->addRow(tr("Private key:"), withFileBrowse(tlsKey_, tr("The certificate's private key")));
    form->addRow(tr("Client CA certificates:"), withFileBrowse(tlsCa_, tr("CA certificates for clients")));
    form->addRow(QString(), tlsVerifyPeer_);
    auto *group = new QGroupBox(tr("AMQPS (TLS)"));
    auto *layout = new QVBoxLayout(group);   // not a form row: one would clip the wrapped text
    layout->addWidget(intro);
    layout->addLayout(form);
    return group;
}

QLayout *SettingsDialog::withBrowse(QLineEdit *edit, const std::function<QString()> &choose)
{
    auto *browse = new QPushButton(tr("Browse…"));
    connect(browse, &QPushButton::clicked, this, [edit, choose] {
        const QString chosen = choose();
        if (!chosen.isEmpty())
            edit->setText(chosen);
    });
    auto *row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(browse);
    return row;
}

QLayout *SettingsDialog::withFileBrowse(QLineEdit *edit, const QString &title)
{
    return withBrowse(edit, [this, edit, title] {
        return QFileDialog::getOpenFileName(this, title, edit->text(), tr("PEM files (*.pem *.crt *.key);;All files (*)"));
    });
}

ListenerSettings SettingsDialog::settings() const
{
    ListenerSettings s{quint16(port_->value()), bind_->text().trimmed(), dataDir_->text().trimmed()};
    s.tls.port = quint16(tlsPort_->value());
    s.tls.certFile = tlsCert_->text().trimmed();
    s.tls.keyFile = tlsKey_->text().trimmed();
    s.tls.caFile = tlsCa_->text().trimmed();
    s.tls.verifyPeer = tlsVerifyPeer_->isChecked();
    return s;
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

} // namespace warren::ui
