#include "EventSubscription.h"

#include "BrokerController.h"

#include <QEvent>
#include <QWidget>

namespace warren::ui {

EventSubscription::EventSubscription(BrokerController *broker, QWidget *page) : QObject(page), broker_(broker)
{
    page->installEventFilter(this);
    connect(broker, &BrokerController::eventsReady, this, [this](const observe::TraceBatch &batch) {
        if (active_)
            emit eventsReady(batch);
    });
    setActive(page->isVisible());
}

bool EventSubscription::eventFilter(QObject *, QEvent *event)
{
    if (event->type() == QEvent::Show)
        setActive(true);
    else if (event->type() == QEvent::Hide)
        setActive(false);
    return false;
}

void EventSubscription::setActive(bool active)
{
    if (active == active_)
        return;
    active_ = active;
    if (broker_) {
        if (active)
            broker_->subscribeEvents(this);
        else
            broker_->unsubscribeEvents(this);
    }
    emit activeChanged(active);
}

} // namespace warren::ui
