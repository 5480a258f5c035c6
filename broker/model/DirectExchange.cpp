#include "DirectExchange.h"

#include <algorithm>

namespace warren::model {

void DirectExchange::route(const RoutingInput &input, RouteSet &out) const
{
    input.forEachKey([&](const QByteArray &key) {
        if (const auto it = table_.constFind(key); it != table_.constEnd()) {
            for (const Destination &d : *it)
                out.add(d);
        }
    });
}

observe::BindingVerdict DirectExchange::judge(const QByteArray &bindingKey, const amqp::FieldTable &,
                                              const RoutingInput &input) const
{
    observe::BindingVerdict v;
    v.rule = observe::BindingRule::DirectKey;
    input.forEachKey([&](const QByteArray &key) {
        if (!v.matched && key == bindingKey) {
            v.matched = true;
            v.matchedKey = key;
        }
    });
    return v;
}

void DirectExchange::addToTable(const Binding &binding)
{
    table_[binding.routingKey].push_back(binding.destination);
}

void DirectExchange::removeFromTable(const Binding &binding)
{
    auto it = table_.find(binding.routingKey);
    if (it == table_.end())
        return;
    auto &list = *it;
    // One binding, one entry: the same queue may be bound again with other arguments.
    if (auto d = std::find(list.begin(), list.end(), binding.destination); d != list.end())
        list.erase(d);
    if (list.empty())
        table_.erase(it);
}

} // namespace warren::model
