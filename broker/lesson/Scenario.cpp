#include "Scenario.h"

#include <QUrl>

namespace warren::lesson {

QString urlWith(const QString &url, const QString &user, const QString &password, const QString &vhost)
{
    const ClientDefinition defaults;
    if (user == defaults.user && password == defaults.password && vhost == defaults.vhost)
        return url;
    QUrl u(url);
    if (user != defaults.user || password != defaults.password) {
        u.setUserName(user);
        u.setPassword(password);
    }
    if (vhost != defaults.vhost)
        u.setPath(QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(vhost)), QUrl::StrictMode);
    return u.toString(QUrl::FullyEncoded);
}

const ClientDefinition *Scenario::client(const QString &name) const
{
    for (const ClientDefinition &c : clients) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

const Deviation *Scenario::chosenDeviation() const
{
    for (const Deviation &d : deviations) {
        if (d.name == deviation)
            return &d;
    }
    return nullptr;
}

} // namespace warren::lesson
