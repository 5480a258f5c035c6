// RabbitMQ's permissions: what a user may do in one virtual host, as three regular
// expressions (configure, write, read) matched against the names of exchanges and queues.
#pragma once

#include <QByteArray>
#include <QRegularExpression>
#include <QString>

#include <array>

namespace warren::auth {

// The three kinds of access RabbitMQ checks; which method needs which on what is RabbitMQ's
// table, applied by the channel.
enum class Access { Configure, Write, Read };

// A user's permissions in one vhost, as `rabbitmqctl set_permissions USER CONF WRITE READ`.
// Matched as RabbitMQ matches them (re:run on the name's bytes): unanchored, so "foo" allows
// "xfoo" and "^foo" is needed to mean a prefix; an empty pattern allows nothing.
class VHostPermissions {
public:
    VHostPermissions() = default;   // three empty patterns: the vhost opens, nothing else is allowed
    VHostPermissions(const QByteArray &configure, const QByteArray &write, const QByteArray &read);
    // ".*" for each: RabbitMQ's grant for guest on "/".
    static VHostPermissions all();

    const QByteArray &pattern(Access access) const { return patterns_[index(access)]; }
    bool allows(Access access, const QByteArray &name) const;
    bool operator==(const VHostPermissions &other) const { return patterns_ == other.patterns_; }

    // Why RabbitMQ would refuse `pattern` ("missing closing parenthesis at offset 1"), or
    // empty when it is a valid regular expression.
    static QString patternError(const QByteArray &pattern);

private:
    static constexpr std::size_t index(Access access) { return std::size_t(access); }
    static QRegularExpression compile(const QByteArray &pattern);

    std::array<QByteArray, 3> patterns_;
    std::array<QRegularExpression, 3> compiled_{compile({}), compile({}), compile({})};
};

} // namespace warren::auth
