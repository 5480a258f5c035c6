// The broker a GUI test or a GUI benchmark starts: on 127.0.0.1, a free port, its own data
// directory. Separate from TestSupport.h, which tests without the broker library include.
#pragma once

#include "BrokerConfig.h"
#include "TestSupport.h"

namespace warren::test {

inline BrokerConfig localBrokerConfig(const QString &dataDir)
{
    BrokerConfig config;
    config.bindAddresses = {QHostAddress(QHostAddress::LocalHost)};
    config.port = freePort();
    config.dataDir = dataDir;
    return config;
}

} // namespace warren::test
