#include "client/ClientTypes.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QUrl>

namespace warren::client {

namespace {

std::optional<AmqpUrl> refuse(QString *error, const char *why)
{
    if (error)
        *error = QCoreApplication::translate("AmqpUrl", why);
    return std::nullopt;
}

// The path names one virtual host: "/%2F" is "/", and an unencoded "/" inside it is an
// error rather than a guess (RabbitMQ's URI spec).
std::optional<QByteArray> virtualHost(const QUrl &url)
{
    const QString path = url.path(QUrl::FullyEncoded);
    if (path.isEmpty() || path == QLatin1String("/"))
        return QByteArray("/");
    const QString segment = path.mid(1);
    if (segment.contains(QLatin1Char('/')))
        return std::nullopt;
    return QByteArray::fromPercentEncoding(segment.toUtf8());
}

} // namespace

std::optional<AmqpUrl> AmqpUrl::parse(const QString &text, QString *error)
{
    const QUrl url(text, QUrl::StrictMode);
    if (url.scheme() == QLatin1String("amqps"))
        return refuse(error, QT_TRANSLATE_NOOP("AmqpUrl", "amqps:// (AMQP over TLS) is not supported; use amqp://"));
    if (!url.isValid() || url.scheme() != QLatin1String("amqp"))
        return refuse(error, QT_TRANSLATE_NOOP("AmqpUrl", "not an amqp:// URL (amqp://user:password@host:port/vhost)"));
    AmqpUrl result;
    if (!url.host().isEmpty())
        result.host = url.host();
    if (url.port() == 0)
        return refuse(error, QT_TRANSLATE_NOOP("AmqpUrl", "port 0 is not a port a broker listens on"));
    if (url.port() > 0)
        result.port = std::uint16_t(url.port());
    if (!url.userName().isEmpty())
        result.user = url.userName(QUrl::FullyDecoded).toUtf8();
    if (!url.password().isNull())
        result.password = url.password(QUrl::FullyDecoded).toUtf8();
    const std::optional<QByteArray> vhost = virtualHost(url);
    if (!vhost)
        return refuse(error, QT_TRANSLATE_NOOP("AmqpUrl", "the virtual host must be one path segment (write a / inside its name as %2F)"));
    result.vhost = *vhost;
    return result;
}

QString AmqpUrl::toString() const
{
    const bool v6 = QHostAddress(host).protocol() == QAbstractSocket::IPv6Protocol;
    const QString hostPart = v6 ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return QLatin1String("amqp://") + QString::fromUtf8(QUrl::toPercentEncoding(QString::fromUtf8(user))) + QLatin1Char('@')
        + hostPart + QLatin1Char(':') + QString::number(port) + QLatin1Char('/')
        + QString::fromUtf8(QUrl::toPercentEncoding(QString::fromUtf8(vhost)));
}

} // namespace warren::client
