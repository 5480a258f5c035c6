#include "RouteExplainer.h"

#include <algorithm>

namespace warren::model {

namespace {

// The default exchange's implicit bindings: one per key, to the queue of that name.
QList<observe::BindingVerdict> defaultExchangeVerdicts(const Exchange &defaultExchange, const RoutingInput &input)
{
    QList<observe::BindingVerdict> verdicts;
    input.forEachKey([&](const QByteArray &key) { verdicts.append(defaultExchange.judge(key, {}, input)); });
    return verdicts;
}

observe::BindingVerdict judgeProposed(const VHost &vhost, const Exchange &source, const ProposedBinding &p,
                                      const RoutingInput &input)
{
    observe::BindingVerdict v = source.judge(p.routingKey, p.arguments, input);
    v.destination = p.destination;
    v.toExchange = p.toExchange;
    v.bindingKey = p.routingKey;
    v.arguments = p.arguments;
    v.proposed = true;
    v.destinationExists = p.toExchange ? vhost.findExchange(p.destination) != nullptr
                                       : vhost.findQueue(p.destination) != nullptr;
    return v;
}

} // namespace

observe::BindingVerdict judgeBinding(const Exchange &source, const Binding &binding, const RoutingInput &input)
{
    observe::BindingVerdict v = source.judge(binding.routingKey, binding.arguments, input);
    const Destination &d = binding.destination;
    v.toExchange = d.exchange != nullptr;
    v.destination = v.toExchange ? d.exchange->name() : d.queue->name();
    v.bindingKey = binding.routingKey;
    v.arguments = binding.arguments;
    return v;
}

observe::RouteExplanation explainRoute(const VHost &vhost, const Exchange &exchange, const RoutingInput &input,
                                       const ProposedBinding *proposed)
{
    observe::RouteExplanation result;
    result.vhost = vhost.name();
    result.routingKey = input.routingKey;
    result.topologyVersion = vhost.topologyVersion();
    vhost.walk(exchange, [&](const VHost::WalkStep &step, auto &next) {
        const Exchange &x = *step.exchange;
        observe::ExchangeVisit visit;
        visit.exchange = x.name();
        visit.type = x.typeName();
        visit.how = step.how;
        visit.from = step.from ? step.from->name() : QByteArray();
        if (const auto &ae = x.alternateExchange()) {
            visit.alternateExchange = *ae;
            visit.alternateMissing = vhost.findExchange(*ae) == nullptr;
        }
        if (&x == vhost.defaultExchange()) {
            visit.bindings = defaultExchangeVerdicts(x, input);
        } else {
            for (const Binding &b : x.bindings())
                visit.bindings.append(judgeBinding(x, b, input));
        }
        if (proposed && proposed->source == x.name() && &x != vhost.defaultExchange())
            visit.bindings.append(judgeProposed(vhost, x, *proposed, input));
        for (const observe::BindingVerdict &v : std::as_const(visit.bindings)) {
            if (!v.matched)
                continue;
            visit.matchedAny = true;
            if (!v.toExchange) {
                if (!result.queues.contains(v.destination))
                    result.queues.append(v.destination);
            } else if (const Exchange *to = vhost.findExchange(v.destination)) {
                next.append(to);
            }
        }
        result.visits.append(std::move(visit));
        return result.visits.last().matchedAny;
    });
    std::sort(result.queues.begin(), result.queues.end());
    return result;
}

} // namespace warren::model
