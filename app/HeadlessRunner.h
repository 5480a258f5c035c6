// The terminal mode: start the broker, print one ready line, stop cleanly on SIGINT/SIGTERM.
#pragma once

#include "BrokerConfig.h"

// traceFile: where the event tap's events go as JSON lines ("-": standard output); empty: nowhere.
int runHeadless(const warren::BrokerConfig &config, const QString &traceFile = {});
// --export: writes the data directory's definitions to `path` without serving; 0 when done.
int runExport(const warren::BrokerConfig &config, const QString &path);
