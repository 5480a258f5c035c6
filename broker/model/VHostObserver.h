// What a virtual host tells whoever watches it (the server's event tap relay): topology
// changes, and the messages its queues let go of without a consumer's say. Declared here so
// that the model reports without knowing who listens; the channel reports the rest of a
// message's way (publish, delivery, settlement) itself.
#pragma once

#include "DeadLetterSink.h"
#include "RouteSet.h"

namespace warren::model {

class Exchange;
class VHost;
struct Binding;
struct RoutingInput;

class VHostObserver {
public:
    virtual ~VHostObserver() = default;

    virtual void exchangeAdded(const VHost &vhost, const Exchange &exchange) = 0;
    virtual void exchangeRemoved(const VHost &vhost, const Exchange &exchange) = 0;
    virtual void queueAdded(const VHost &vhost, const Queue &queue) = 0;
    virtual void queueRemoved(const VHost &vhost, const Queue &queue) = 0;
    virtual void bindingAdded(const VHost &vhost, const Exchange &source, const Binding &binding) = 0;
    virtual void bindingRemoved(const VHost &vhost, const Exchange &source, const Binding &binding) = 0;

    // A queue dropped a message: its TTL passed, its length limit or its delivery limit
    // made it go. (A consumer's rejection and a refused publish are the channel's to report.)
    virtual void messageDropped(const VHost &vhost, const Queue &queue, const Message &message,
                                DeathReason reason) = 0;
    // A message that died in `from` is being republished to its dead-letter exchange as
    // `copy`, to the queues `routes` names (told before they receive it). `input` is what
    // the copy was routed by: its keys may include the original's CC and BCC keys, which
    // the copy's routing key alone does not show.
    virtual void deadLettered(const VHost &vhost, const Queue &from, const Message &original, Message &copy,
                              DeathReason reason, const RoutingInput &input, const RouteTrail &routes) = 0;
};

} // namespace warren::model
