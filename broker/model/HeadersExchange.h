// Headers routing: a binding's arguments are matched against the message's headers.
// x-match = all (default) | any | all-with-x | any-with-x; without "-with-x", arguments
// starting with "x-" take no part. A void binding value asks only for the header's presence.
#pragma once

#include "Exchange.h"

namespace warren::model {

class HeadersExchange : public Exchange {
public:
    HeadersExchange(QByteArray name, ExchangeOptions options)
        : Exchange(std::move(name), Type::Headers, std::move(options)) {}

    void route(const RoutingInput &input, RouteSet &out) const override;

    observe::BindingVerdict judge(const QByteArray &bindingKey, const amqp::FieldTable &arguments,
                                  const RoutingInput &input) const override;

    static bool matches(const amqp::FieldTable &bindingArguments, const amqp::FieldTable &headers);
    // RabbitMQ's refusal of a binding whose x-match is not one of the four modes; empty
    // when the arguments are acceptable.
    static QByteArray invalidArguments(const amqp::FieldTable &bindingArguments);

protected:
    void addToTable(const Binding &) override {}
    void removeFromTable(const Binding &) override {}
};

} // namespace warren::model
