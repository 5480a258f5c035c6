#include "Exchange.h"

#include "DirectExchange.h"
#include "FanoutExchange.h"
#include "HeadersExchange.h"
#include "TopicExchange.h"
#include "protocol/BasicProperties.h"
#include "protocol/ErrorText.h"

#include <algorithm>

namespace warren::model {

const amqp::FieldTable &RoutingInput::headerTable() const
{
    static const amqp::FieldTable none;
    if (headers)
        return *headers;
    if (!decodedHeaders) {
        const auto p = amqp::BasicProperties::decode(properties);
        decodedHeaders = p && p->headers ? *p->headers : amqp::FieldTable();
    }
    return *decodedHeaders;
}

Exchange::Exchange(QByteArray name, Type type, ExchangeOptions options)
    : name_(std::move(name)), type_(type), options_(std::move(options))
{
    if (const amqp::FieldValue *ae = options_.arguments.find("alternate-exchange"); ae && ae->isString())
        alternate_ = ae->toBytes();
}

const char *Exchange::typeName(Type type)
{
    switch (type) {
    case Type::Direct: return "direct";
    case Type::Fanout: return "fanout";
    case Type::Topic: return "topic";
    case Type::Headers: return "headers";
    }
    return "direct";
}

bool Exchange::parseType(QByteArrayView name, Type *type)
{
    for (Type t : {Type::Direct, Type::Fanout, Type::Topic, Type::Headers}) {
        if (name == typeName(t)) {
            *type = t;
            return true;
        }
    }
    return false;
}

QByteArray Exchange::invalidArguments(const amqp::FieldTable &arguments, const QByteArray &description)
{
    const amqp::FieldValue *ae = arguments.find("alternate-exchange");
    if (!ae || ae->isString())
        return {};
    return "invalid type '" + QByteArray(amqp::fieldTypeName(ae->type())) + "' for arg 'alternate-exchange' in "
        + description;
}

std::unique_ptr<Exchange> Exchange::create(QByteArray name, QByteArrayView typeName, ExchangeOptions options)
{
    Type type;
    if (!parseType(typeName, &type))
        return nullptr;
    switch (type) {
    case Type::Direct: return std::make_unique<DirectExchange>(std::move(name), std::move(options));
    case Type::Fanout: return std::make_unique<FanoutExchange>(std::move(name), std::move(options));
    case Type::Topic: return std::make_unique<TopicExchange>(std::move(name), std::move(options));
    case Type::Headers: return std::make_unique<HeadersExchange>(std::move(name), std::move(options));
    }
    return nullptr;
}

bool Exchange::bind(const Binding &binding)
{
    if (std::find(bindings_.begin(), bindings_.end(), binding) != bindings_.end())
        return false;
    bindings_.push_back(binding);
    addToTable(binding);
    return true;
}

bool Exchange::unbind(const Binding &binding)
{
    auto it = std::find(bindings_.begin(), bindings_.end(), binding);
    if (it == bindings_.end())
        return false;
    removeFromTable(*it);
    bindings_.erase(it);
    return true;
}

int Exchange::unbindAll(const Destination &destination)
{
    int removed = 0;
    for (auto it = bindings_.begin(); it != bindings_.end();) {
        if (it->destination == destination) {
            removeFromTable(*it);
            it = bindings_.erase(it);
            ++removed;
        } else {
            ++it;
        }
    }
    return removed;
}

} // namespace warren::model
