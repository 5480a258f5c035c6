// Direct routing: a hash from routing key to the destinations bound with exactly that key.
#pragma once

#include "Exchange.h"

#include <QHash>

namespace warren::model {

class DirectExchange : public Exchange {
public:
    DirectExchange(QByteArray name, ExchangeOptions options)
        : Exchange(std::move(name), Type::Direct, std::move(options)) {}

    void route(const RoutingInput &input, RouteSet &out) const override;
    observe::BindingVerdict judge(const QByteArray &bindingKey, const amqp::FieldTable &arguments,
                                  const RoutingInput &input) const override;

protected:
    void addToTable(const Binding &binding) override;
    void removeFromTable(const Binding &binding) override;

private:
    QHash<QByteArray, std::vector<Destination>> table_;
};

} // namespace warren::model
