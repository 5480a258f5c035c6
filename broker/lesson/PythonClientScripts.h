// The pika script of one simulated client of a lesson, in the seed tutorial's style: a
// producer (publishing its count, with confirms, returns or as an RPC client when its spec
// says so) or a consumer (basic_qos, a callback that settles each message as its outcome
// says or answers it as an RPC server, on one channel or several). PythonExport puts them
// together with the topology and the README.
#pragma once

#include "lesson/Scenario.h"

#include <QString>

namespace warren::lesson::python {

// `file` is the script's own name (the docstring says how to run it).
QString producerScript(const Scenario &s, const ClientDefinition &c, const sim::ProducerSpec &p, const QString &url,
                       const QString &file);
QString consumerScript(const Scenario &s, const ClientDefinition &c, const sim::ConsumerSpec &spec, const QString &url,
                       const QString &file);

} // namespace warren::lesson::python
