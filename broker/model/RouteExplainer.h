// Why a message goes where it goes: the one function the explorer, the bind dialog and the
// event tap ask. It walks the exchanges exactly as routing does (VHost::walk) and has every
// binding of every exchange on the way judge the message with its exchange's own rule
// (Exchange::judge), optionally with a binding that does not exist yet ("what if I added
// this?"). The queues it names are the ones the matching verdicts lead to; tst_routeexplainer
// holds them to the router's own result over random topologies.
#pragma once

#include "VHost.h"
#include "observe/RouteExplanation.h"

namespace warren::model {

// A binding considered as if it existed, named rather than pointed to: its destination need
// not exist yet.
struct ProposedBinding {
    QByteArray source;
    QByteArray destination;
    bool toExchange = false;
    QByteArray routingKey;
    amqp::FieldTable arguments;
};

observe::RouteExplanation explainRoute(const VHost &vhost, const Exchange &exchange, const RoutingInput &input,
                                       const ProposedBinding *proposed = nullptr);

// The verdict of one existing binding of `source` on the message, its destination filled in.
observe::BindingVerdict judgeBinding(const Exchange &source, const Binding &binding, const RoutingInput &input);

} // namespace warren::model
