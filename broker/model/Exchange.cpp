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

qsizetype Exchange::position(const Binding &binding) const
{
    qsizetype found = -1;
    forEachBindingTo(binding.destination, [&](const Binding &b) {
        if (found < 0 && b == binding)
            found = &b - bindings_.data();
    });
    return found;
}

bool Exchange::bind(const Binding &binding)
{
    if (hasBinding(binding))
        return false;
    positions_[binding.destination].append(qsizetype(bindings_.size()));
    bindings_.push_back(binding);
    addToTable(binding);
    return true;
}

bool Exchange::unbind(const Binding &binding)
{
    const qsizetype i = position(binding);
    if (i < 0)
        return false;
    removeAt(i);
    return true;
}

int Exchange::unbindAll(const Destination &destination)
{
    int removed = 0;
    for (auto at = positions_.constFind(destination); at != positions_.cend(); at = positions_.constFind(destination)) {
        removeAt(at->back());
        ++removed;
    }
    return removed;
}

// The last binding moves into the hole, so that removal costs the same wherever it is.
void Exchange::removeAt(qsizetype index)
{
    removeFromTable(bindings_[size_t(index)]);
    const auto forget = [this](const Destination &d, qsizetype at) {
        auto it = positions_.find(d);
        it->removeOne(at);
        if (it->isEmpty())
            positions_.erase(it);
    };
    forget(bindings_[size_t(index)].destination, index);
    const qsizetype last = qsizetype(bindings_.size()) - 1;
    if (index != last) {
        Binding &moved = bindings_[size_t(last)];
        auto &at = positions_[moved.destination];
        std::replace(at.begin(), at.end(), last, index);
        bindings_[size_t(index)] = std::move(moved);
    }
    bindings_.pop_back();
}

} // namespace warren::model
