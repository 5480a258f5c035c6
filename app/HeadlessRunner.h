// The terminal mode: start the broker, print one ready line, stop cleanly on SIGINT/SIGTERM.
#pragma once

#include "BrokerConfig.h"

int runHeadless(const warren::BrokerConfig &config);
// --export: writes the data directory's definitions to `path` without serving; 0 when done.
int runExport(const warren::BrokerConfig &config, const QString &path);
