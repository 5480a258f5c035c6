#include "LocalBrokerUrl.h"

#include <QHostAddress>

#include <optional>

namespace warren::ui {

namespace {

struct Endpoint {
    QString host;   // as written, IPv6 in brackets
    QHostAddress address;
    QString port;
};

std::optional<Endpoint> endpoint(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon < 0)
        return std::nullopt;
    const QString host = text.left(colon);
    const bool bracketed = host.startsWith(u'[') && host.endsWith(u']');
    return Endpoint{host, QHostAddress(bracketed ? host.mid(1, host.size() - 2) : host), text.mid(colon + 1)};
}

QString url(const QString &host, const QString &port)
{
    return QStringLiteral("amqp://guest:guest@%1:%2/").arg(host, port);
}

} // namespace

QString localBrokerUrl(const QStringList &listeningOn)
{
    QList<Endpoint> endpoints;
    for (const QString &text : listeningOn) {
        if (const std::optional<Endpoint> e = endpoint(text))
            endpoints.append(*e);
    }
    const auto reachable = [](const Endpoint &e, QHostAddress::SpecialAddress any) {
        return e.address.isLoopback() || e.address == QHostAddress(any);
    };
    for (const Endpoint &e : endpoints) {
        if (e.address.protocol() == QHostAddress::IPv4Protocol && reachable(e, QHostAddress::AnyIPv4))
            return url(QStringLiteral("127.0.0.1"), e.port);
    }
    for (const Endpoint &e : endpoints) {
        if (e.address.protocol() == QHostAddress::IPv6Protocol && reachable(e, QHostAddress::AnyIPv6))
            return url(QStringLiteral("[::1]"), e.port);
    }
    return endpoints.isEmpty() ? QString() : url(endpoints.front().host, endpoints.front().port);
}

} // namespace warren::ui
