// Where the explorer's broker listens (AMQP, and AMQPS given a certificate) and keeps its
// data, as the user last chose in the settings dialog; kept with QSettings. The command line,
// when it names any of these, wins for that run.
#pragma once

#include "BrokerConfig.h"

#include <QString>

namespace warren::ui {

struct ListenerSettings {
    quint16 port = 5672;
    QString bindAddress;   // empty: both loopback addresses
    QString dataDir;
    BrokerConfig::Tls tls;   // AMQPS, when a certificate and its key are chosen

    static ListenerSettings from(const BrokerConfig &config);
    // The saved settings; `fallback` where nothing was saved yet.
    static ListenerSettings load(const ListenerSettings &fallback);
    void save() const;
    // Why these settings cannot be used; empty when they can.
    QString validate() const;
    void applyTo(BrokerConfig &config) const;
};

} // namespace warren::ui
