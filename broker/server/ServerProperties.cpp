#include "ServerProperties.h"

#include "auth/SaslMechanism.h"

namespace warren::server {

using amqp::FieldTable;
using amqp::FieldValue;

amqp::ConnectionStart startMethod(const ServerContext &context)
{
    FieldTable capabilities;
    for (const char *name : {"publisher_confirms", "exchange_exchange_bindings", "basic.nack",
                             "consumer_cancel_notify", "connection.blocked", "consumer_priorities",
                             "authentication_failure_close", "per_consumer_qos", "direct_reply_to"})
        capabilities.insert(name, FieldValue::boolean(true));

    FieldTable properties;
    properties.insert("capabilities", FieldValue::table(capabilities));
    properties.insert("cluster_name", FieldValue::string(context.settings.clusterName));
    properties.insert("copyright", FieldValue::string("Copyright (c) the Warren authors"));
    properties.insert("information", FieldValue::string("Warren: an AMQP 0-9-1 broker with a desktop explorer"));
    properties.insert("platform", FieldValue::string(QByteArray("Qt ") + qVersion()));
    properties.insert("product", FieldValue::string("Warren"));
    properties.insert("version", FieldValue::string(WARREN_VERSION));

    amqp::ConnectionStart start;
    start.versionMajor = 0;
    start.versionMinor = 9;
    start.serverProperties = properties;
    start.mechanisms = auth::kSupportedMechanisms;
    start.locales = "en_US";
    return start;
}

} // namespace warren::server
