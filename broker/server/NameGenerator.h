// Server-generated names in RabbitMQ's format: a prefix and 22 characters of url-safe
// base64 over 16 random bytes ("amq.gen-JzTY20BRgKO-HjmUJj0wLg", "amq.ctag-...").
#pragma once

#include <QByteArray>
#include <QRandomGenerator>

namespace warren::server {

inline QByteArray generateName(const char *prefix)
{
    quint32 random[4];
    QRandomGenerator::global()->fillRange(random);
    const QByteArray bytes(reinterpret_cast<const char *>(random), sizeof random);
    return QByteArray(prefix) + bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace warren::server
