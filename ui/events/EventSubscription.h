// A page's subscription to the broker's event tap, held exactly while the page is shown.
// The tap costs nothing while nobody watches, so the Events and Flow pages turn it on when
// they are shown and off when hidden. eventsReady() passes on the broker's batches only
// while subscribed: the broker sends them to every page, also while another page watches.
#pragma once

#include "observe/TraceEvent.h"

#include <QObject>
#include <QPointer>

class QWidget;

namespace warren {
class BrokerController;
}

namespace warren::ui {

class EventSubscription : public QObject {
    Q_OBJECT
public:
    // Follows `page`'s showing and hiding; a child of it.
    EventSubscription(BrokerController *broker, QWidget *page);

    bool isActive() const { return active_; }

signals:
    void activeChanged(bool active);
    void eventsReady(const warren::observe::TraceBatch &batch);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setActive(bool active);

    // Guarded: the main window deletes its controller before its pages. Once this object
    // is destroyed the controller forgets it by itself.
    QPointer<BrokerController> broker_;
    bool active_ = false;
};

} // namespace warren::ui
