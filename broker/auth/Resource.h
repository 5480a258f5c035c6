// What a permission is checked against: an exchange or a queue of a virtual host, by name
// (RabbitMQ's #resource{}), and RabbitMQ's words when access to it is refused.
#pragma once

#include <QByteArray>

namespace warren::auth {

struct Resource {
    enum class Kind { Exchange, Queue };

    Kind kind;
    QByteArray name;

    static Resource exchange(const QByteArray &name) { return {Kind::Exchange, name}; }
    static Resource queue(const QByteArray &name) { return {Kind::Queue, name}; }

    // The name permissions are matched against and refusals speak of: RabbitMQ calls the
    // default exchange "" amq.default there.
    QByteArray permissionName() const
    {
        return kind == Kind::Exchange && name.isEmpty() ? QByteArray("amq.default") : name;
    }

    // "access to exchange 'amq.default' in vhost '/' refused for user 'bob'"
    QByteArray refusal(const QByteArray &vhost, const QByteArray &user) const
    {
        return QByteArray("access to ") + (kind == Kind::Exchange ? "exchange" : "queue") + " '" + permissionName()
            + "' in vhost '" + vhost + "' refused for user '" + user + "'";
    }
};

} // namespace warren::auth
