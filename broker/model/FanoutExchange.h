// Fanout routing: every bound destination, whatever the routing key.
#pragma once

#include "Exchange.h"

namespace warren::model {

class FanoutExchange : public Exchange {
public:
    FanoutExchange(QByteArray name, ExchangeOptions options)
        : Exchange(std::move(name), Type::Fanout, std::move(options)) {}

    void route(const RoutingInput &, RouteSet &out) const override
    {
        for (const Binding &b : bindings())
            out.add(b.destination);
    }

    observe::BindingVerdict judge(const QByteArray &, const amqp::FieldTable &, const RoutingInput &) const override
    {
        observe::BindingVerdict v;
        v.rule = observe::BindingRule::Fanout;
        v.matched = true;
        return v;
    }

protected:
    void addToTable(const Binding &) override {}
    void removeFromTable(const Binding &) override {}
};

} // namespace warren::model
