#include "FlowPositions.h"

#include <QSettings>
#include <QVariantMap>

namespace warren::ui {

// A virtual host's name may hold '/', which QSettings reads as a group separator.
QString FlowPositions::key(const QString &vhost)
{
    return QStringLiteral("flow/positions/") + QString::fromLatin1(vhost.toUtf8().toHex());
}

QHash<QString, QPointF> FlowPositions::load(const QString &vhost)
{
    QHash<QString, QPointF> positions;
    const QVariantMap stored = QSettings().value(key(vhost)).toMap();
    for (auto it = stored.cbegin(); it != stored.cend(); ++it)
        positions.insert(it.key(), it->toPointF());
    return positions;
}

void FlowPositions::remember(const QString &vhost, const QString &nodeId, const QPointF &position)
{
    QSettings settings;
    QVariantMap stored = settings.value(key(vhost)).toMap();
    stored.insert(nodeId, position);
    settings.setValue(key(vhost), stored);
}

void FlowPositions::forget(const QString &vhost)
{
    QSettings().remove(key(vhost));
}

} // namespace warren::ui
