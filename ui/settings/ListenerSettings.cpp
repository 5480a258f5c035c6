#include "ListenerSettings.h"

#include <QCoreApplication>
#include <QSettings>

namespace warren::ui {

namespace {
const QString kPort = QStringLiteral("listener/port");
const QString kBind = QStringLiteral("listener/bind");
const QString kDataDir = QStringLiteral("listener/dataDir");
const QString kTlsPort = QStringLiteral("listener/tlsPort");
const QString kTlsCert = QStringLiteral("listener/tlsCert");
const QString kTlsKey = QStringLiteral("listener/tlsKey");
const QString kTlsCa = QStringLiteral("listener/tlsCa");
const QString kTlsVerifyPeer = QStringLiteral("listener/tlsVerifyPeer");
} // namespace

ListenerSettings ListenerSettings::from(const BrokerConfig &config)
{
    ListenerSettings s;
    s.port = config.port;
    if (config.bindAddressesExplicit && !config.bindAddresses.isEmpty())
        s.bindAddress = config.bindAddresses.first().toString();
    s.dataDir = config.dataDir;
    s.tls = config.tls;
    return s;
}

ListenerSettings ListenerSettings::load(const ListenerSettings &fallback)
{
    const QSettings settings;
    ListenerSettings s;
    s.port = quint16(settings.value(kPort, fallback.port).toUInt());
    s.bindAddress = settings.value(kBind, fallback.bindAddress).toString();
    s.dataDir = settings.value(kDataDir, fallback.dataDir).toString();
    s.tls.port = quint16(settings.value(kTlsPort, fallback.tls.port).toUInt());
    s.tls.certFile = settings.value(kTlsCert, fallback.tls.certFile).toString();
    s.tls.keyFile = settings.value(kTlsKey, fallback.tls.keyFile).toString();
    s.tls.caFile = settings.value(kTlsCa, fallback.tls.caFile).toString();
    s.tls.verifyPeer = settings.value(kTlsVerifyPeer, fallback.tls.verifyPeer).toBool();
    return s;
}

void ListenerSettings::save() const
{
    QSettings settings;
    settings.setValue(kPort, port);
    settings.setValue(kBind, bindAddress);
    settings.setValue(kDataDir, dataDir);
    settings.setValue(kTlsPort, tls.port);
    settings.setValue(kTlsCert, tls.certFile);
    settings.setValue(kTlsKey, tls.keyFile);
    settings.setValue(kTlsCa, tls.caFile);
    settings.setValue(kTlsVerifyPeer, tls.verifyPeer);
}

QString ListenerSettings::validate() const
{
    if (port == 0)
        return QCoreApplication::translate("ListenerSettings", "The port must be between 1 and 65535.");
    if (!bindAddress.isEmpty() && QHostAddress(bindAddress).isNull())
        return QCoreApplication::translate("ListenerSettings", "\"%1\" is not an IP address.").arg(bindAddress);
    if (dataDir.isEmpty())
        return QCoreApplication::translate("ListenerSettings", "Choose a data directory.");
    if (tls.certFile.isEmpty() != tls.keyFile.isEmpty())
        return QCoreApplication::translate("ListenerSettings",
                                           "For TLS, choose both a certificate and its private key.");
    if (!tls.caFile.isEmpty() && !tls.enabled())
        return QCoreApplication::translate("ListenerSettings",
                                           "CA certificates for clients need a TLS certificate and key for the broker.");
    if (tls.verifyPeer && tls.caFile.isEmpty())
        return QCoreApplication::translate("ListenerSettings",
                                           "To require client certificates, choose the CA certificates that sign them.");
    if (tls.enabled() && (tls.port == 0 || tls.port == port))
        return QCoreApplication::translate("ListenerSettings",
                                           "The TLS port must be between 1 and 65535 and differ from the AMQP port.");
    return {};
}

void ListenerSettings::applyTo(BrokerConfig &config) const
{
    config.port = port;
    config.dataDir = dataDir;
    config.tls = tls;
    if (bindAddress.isEmpty()) {
        config.bindAddresses = BrokerConfig{}.bindAddresses;
        config.bindAddressesExplicit = false;
    } else {
        config.bindAddresses = {QHostAddress(bindAddress)};
        config.bindAddressesExplicit = true;
    }
}

} // namespace warren::ui
