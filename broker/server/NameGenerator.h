// Server-generated names in RabbitMQ's format: a prefix and 22 characters of url-safe
// base64 over 16 random bytes ("amq.gen-JzTY20BRgKO-HjmUJj0wLg", "amq.ctag-..."). The
// bytes come from the system's cryptographic source, not from a seeded generator: a
// reply-to address or an exclusive queue's name must not be guessable from names seen
// before. One read of 16 bytes per name; names are made per declare or consume, never
// per message.
#pragma once

#include <QByteArray>
#include <QRandomGenerator>

namespace warren::server {

inline QByteArray generateName(const char *prefix)
{
    quint32 random[4];
    QRandomGenerator::system()->fillRange(random);
    const QByteArray bytes(reinterpret_cast<const char *>(random), sizeof random);
    return QByteArray(prefix) + bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace warren::server
