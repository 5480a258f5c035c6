// Which consumers received something lately: a consumer whose delivered total has not grown
// for a few seconds, and that holds nothing unacknowledged, is drawn idle. Snapshots come a
// few times a second, so one snapshot without a delivery says nothing; the time since the
// total last grew does.
#pragma once

#include "BrokerSnapshot.h"

#include <QDateTime>
#include <QHash>

namespace warren::ui {

class RecentDeliveries {
public:
    static constexpr qint64 kRecentMs = 3000;

    // Remembers each consumer's delivered total; those gone are forgotten.
    void update(const BrokerSnapshot &snapshot);
    // Whether the consumer got a message within kRecentMs of the last snapshot.
    bool isRecent(const QString &consumerKey) const;

private:
    struct Seen {
        quint64 delivered = 0;
        QDateTime grewAt;
    };
    QHash<QString, Seen> seen_;
    QDateTime now_;
};

} // namespace warren::ui
