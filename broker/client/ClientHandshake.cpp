#include "ClientHandshake.h"

#include "protocol/Constants.h"

#include <QCoreApplication>

#include <algorithm>

namespace warren::client {

using amqp::FieldTable;
using amqp::FieldValue;

namespace {

FieldTable capabilities()
{
    FieldTable table;
    for (const char *name : {"publisher_confirms", "exchange_exchange_bindings", "basic.nack",
                             "consumer_cancel_notify", "connection.blocked", "authentication_failure_close",
                             "per_consumer_qos"})
        table.append(name, FieldValue::boolean(true));
    return table;
}

FieldTable clientProperties(const ClientOptions &options)
{
    const QString version = QCoreApplication::applicationVersion();
    FieldTable properties;
    properties.append("product", FieldValue::string(options.product.toUtf8()));
    properties.append("version", FieldValue::string(version.isEmpty() ? QByteArray("0") : version.toUtf8()));
    properties.append("platform", FieldValue::string("Qt"));
    properties.append("information", FieldValue::string("Warren's AMQP 0-9-1 client library"));
    if (!options.connectionName.isEmpty())
        properties.append("connection_name", FieldValue::string(options.connectionName.toUtf8()));
    properties.append("capabilities", FieldValue::table(capabilities()));
    return properties;
}

// The lower of two limits where 0 means "no limit".
template <class T> T lowerLimit(T a, T b)
{
    if (a == 0 || b == 0)
        return std::max(a, b);
    return std::min(a, b);
}

} // namespace

amqp::ConnectionStartOk startOk(const ClientOptions &options)
{
    const QByteArray response = '\0' + options.user + '\0' + options.password;
    return amqp::ConnectionStartOk{clientProperties(options), "PLAIN", response, "en_US"};
}

amqp::ConnectionTuneOk negotiate(const amqp::ConnectionTune &tune, const ClientOptions &options)
{
    amqp::ConnectionTuneOk ok;
    ok.channelMax = lowerLimit(tune.channelMax, options.channelMax);
    ok.frameMax = lowerLimit(tune.frameMax, options.frameMax);
    if (ok.frameMax != 0)
        ok.frameMax = std::max(ok.frameMax, amqp::kFrameMinSize);   // the spec's floor
    ok.heartbeat = options.heartbeatSeconds == 0 ? 0 : lowerLimit(tune.heartbeat, options.heartbeatSeconds);
    return ok;
}

} // namespace warren::client
