// The terminal mode: start the broker, print one ready line, stop cleanly on SIGINT/SIGTERM.
#pragma once

#include "BrokerConfig.h"

int runHeadless(const warren::BrokerConfig &config);
