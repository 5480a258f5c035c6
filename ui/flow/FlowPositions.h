// Where the user dragged nodes of the routing graph, per virtual host, kept across runs in
// QSettings: a learner who arranged the picture finds it arranged the next time.
#pragma once

#include <QHash>
#include <QPointF>
#include <QString>

namespace warren::ui {

class FlowPositions {
public:
    // The positions dragged in this virtual host (node id → scene position).
    static QHash<QString, QPointF> load(const QString &vhost);
    static void remember(const QString &vhost, const QString &nodeId, const QPointF &position);
    // Back to the automatic layout.
    static void forget(const QString &vhost);

private:
    static QString key(const QString &vhost);
};

} // namespace warren::ui
