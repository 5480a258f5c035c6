// Passes what the virtual hosts report (model::VHostObserver) to the event tap as
// TraceEvents. Attached to every virtual host while the tap is on, detached when it is off,
// so that a broker nobody watches pays nothing for it.
#pragma once

#include "model/VHost.h"
#include "observe/EventTap.h"

namespace warren::server {

class ModelEventRelay final : public model::VHostObserver {
public:
    explicit ModelEventRelay(observe::EventTap &tap) : tap_(tap) {}

    void exchangeAdded(const model::VHost &vhost, const model::Exchange &exchange) override;
    void exchangeRemoved(const model::VHost &vhost, const model::Exchange &exchange) override;
    void queueAdded(const model::VHost &vhost, const model::Queue &queue) override;
    void queueRemoved(const model::VHost &vhost, const model::Queue &queue) override;
    void bindingAdded(const model::VHost &vhost, const model::Exchange &source, const model::Binding &binding) override;
    void bindingRemoved(const model::VHost &vhost, const model::Exchange &source,
                        const model::Binding &binding) override;
    void messageDropped(const model::VHost &vhost, const model::Queue &queue, const model::Message &message,
                        model::DeathReason reason) override;
    void deadLettered(const model::VHost &vhost, const model::Queue &from, const model::Message &original,
                      model::Message &copy, model::DeathReason reason, const model::RoutingInput &input,
                      const model::RouteTrail &routes) override;

    // The routed events of a traced message, one per queue it reached.
    static void recordRoutes(observe::EventTap &tap, const model::VHost &vhost, const model::Message &message,
                             const model::RoutingInput &input, const model::RouteTrail &routes);

private:
    observe::EventTap &tap_;
};

observe::Cause causeOf(model::DeathReason reason);

} // namespace warren::server
