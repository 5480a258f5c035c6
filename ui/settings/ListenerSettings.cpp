#include "ListenerSettings.h"

#include <QCoreApplication>
#include <QSettings>

namespace warren::ui {

namespace {
const QString kPort = QStringLiteral("listener/port");
const QString kBind = QStringLiteral("listener/bind");
const QString kDataDir = QStringLiteral("listener/dataDir");
} // namespace

ListenerSettings ListenerSettings::from(const BrokerConfig &config)
{
    ListenerSettings s;
    s.port = config.port;
    if (config.bindAddressesExplicit && !config.bindAddresses.isEmpty())
        s.bindAddress = config.bindAddresses.first().toString();
    s.dataDir = config.dataDir;
    return s;
}

ListenerSettings ListenerSettings::load(const ListenerSettings &fallback)
{
    const QSettings settings;
    ListenerSettings s;
    s.port = quint16(settings.value(kPort, fallback.port).toUInt());
    s.bindAddress = settings.value(kBind, fallback.bindAddress).toString();
    s.dataDir = settings.value(kDataDir, fallback.dataDir).toString();
    return s;
}

void ListenerSettings::save() const
{
    QSettings settings;
    settings.setValue(kPort, port);
    settings.setValue(kBind, bindAddress);
    settings.setValue(kDataDir, dataDir);
}

QString ListenerSettings::validate() const
{
    if (port == 0)
        return QCoreApplication::translate("ListenerSettings", "The port must be between 1 and 65535.");
    if (!bindAddress.isEmpty() && QHostAddress(bindAddress).isNull())
        return QCoreApplication::translate("ListenerSettings", "\"%1\" is not an IP address.").arg(bindAddress);
    if (dataDir.isEmpty())
        return QCoreApplication::translate("ListenerSettings", "Choose a data directory.");
    return {};
}

void ListenerSettings::applyTo(BrokerConfig &config) const
{
    config.port = port;
    config.dataDir = dataDir;
    if (bindAddress.isEmpty()) {
        config.bindAddresses = BrokerConfig{}.bindAddresses;
        config.bindAddressesExplicit = false;
    } else {
        config.bindAddresses = {QHostAddress(bindAddress)};
        config.bindAddressesExplicit = true;
    }
}

} // namespace warren::ui
