// Topic routing through a TopicTrie of binding keys.
#pragma once

#include "Exchange.h"
#include "TopicTrie.h"

namespace warren::model {

class TopicExchange : public Exchange {
public:
    TopicExchange(QByteArray name, ExchangeOptions options)
        : Exchange(std::move(name), Type::Topic, std::move(options)) {}

    void route(const RoutingInput &input, RouteSet &out) const override
    {
        input.forEachKey([&](const QByteArray &key) { trie_.match(key, out); });
    }

    observe::BindingVerdict judge(const QByteArray &bindingKey, const amqp::FieldTable &arguments,
                                  const RoutingInput &input) const override;

protected:
    void addToTable(const Binding &b) override { trie_.add(b.routingKey, b.destination); }
    void removeFromTable(const Binding &b) override { trie_.remove(b.routingKey, b.destination); }

private:
    TopicTrie trie_;
};

} // namespace warren::model
