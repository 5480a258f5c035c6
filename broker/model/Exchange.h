// An exchange: a name, a type, flags, and the routing table of its bindings. Subclasses
// hold the table in the shape their routing needs; this base keeps the flat list of
// bindings for the explorer and for definitions export.
#pragma once

#include "Binding.h"
#include "RouteSet.h"
#include "RouteTally.h"
#include "observe/RouteExplanation.h"
#include "protocol/FieldValue.h"

#include <QByteArray>
#include <QHash>
#include <QVarLengthArray>

#include <memory>
#include <optional>
#include <vector>

namespace warren::model {

struct ExchangeOptions {
    bool durable = false;
    bool autoDelete = false;
    bool internal = false;
    amqp::FieldTable arguments;
};

// What routing looks at. Headers are decoded from the encoded properties only when an
// exchange on the way routes on them; tests may hand a decoded table in directly.
struct RoutingInput {
    QByteArray routingKey;
    const amqp::FieldTable *headers = nullptr;
    QByteArrayView properties;   // encoded, as published
    QList<QByteArray> extraKeys; // CC and BCC headers (sender-selected distribution)

    // The routing key and the extra keys, for the exchange types that route on keys.
    template <class F> void forEachKey(F &&f) const
    {
        f(routingKey);
        for (const QByteArray &k : extraKeys)
            f(k);
    }

    const amqp::FieldTable &headerTable() const;
    mutable std::optional<amqp::FieldTable> decodedHeaders;   // headerTable()'s cache
};

class Exchange {
public:
    enum class Type { Direct, Fanout, Topic, Headers };

    Exchange(QByteArray name, Type type, ExchangeOptions options);
    virtual ~Exchange() = default;
    Exchange(const Exchange &) = delete;
    Exchange &operator=(const Exchange &) = delete;

    // The exchange for a type name ("direct", ...), or nullptr for an unknown type.
    static std::unique_ptr<Exchange> create(QByteArray name, QByteArrayView type, ExchangeOptions options);
    static const char *typeName(Type type);
    static bool parseType(QByteArrayView name, Type *type);
    // RabbitMQ's refusal of a new exchange's arguments (an alternate-exchange that is not a
    // string), for the exchange so described ("exchange 'x' in vhost '/'"); empty when fine.
    static QByteArray invalidArguments(const amqp::FieldTable &arguments, const QByteArray &description);

    const QByteArray &name() const { return name_; }
    Type type() const { return type_; }
    const char *typeName() const { return typeName(type_); }
    const ExchangeOptions &options() const { return options_; }
    // The alternate-exchange argument: where messages go that this exchange cannot route.
    const std::optional<QByteArray> &alternateExchange() const { return alternate_; }

    // In no particular order: removing a binding moves the last one into its place.
    const std::vector<Binding> &bindings() const { return bindings_; }
    bool hasBinding(const Binding &binding) const { return position(binding) >= 0; }
    // The bindings to one destination, in bindings() (usually one, rarely a few).
    template <class F> void forEachBindingTo(const Destination &destination, F &&f) const
    {
        if (const auto at = positions_.constFind(destination); at != positions_.cend()) {
            for (const qsizetype i : *at)
                f(bindings_[size_t(i)]);
        }
    }
    // Both return false when nothing changed (already bound / no such binding).
    bool bind(const Binding &binding);
    bool unbind(const Binding &binding);
    // Drops every binding to a destination that is going away; returns how many.
    int unbindAll(const Destination &destination);

    virtual void route(const RoutingInput &input, RouteSet &out) const = 0;
    // Whether one binding, with this key and these arguments, matches the message, and why:
    // the same rule route() applies to all bindings at once (route explanations; the
    // verdict's destination is the caller's to fill in).
    virtual observe::BindingVerdict judge(const QByteArray &bindingKey, const amqp::FieldTable &arguments,
                                          const RoutingInput &input) const = 0;

    std::uint64_t publishedIn = 0;   // running total for the explorer
    // Messages that reached this exchange from another one (the routing graph's edges into
    // it). Counted while a message walks the exchanges, which only reads them otherwise.
    mutable RouteTally routedIn;

protected:
    virtual void addToTable(const Binding &binding) = 0;
    virtual void removeFromTable(const Binding &binding) = 0;

private:
    QByteArray name_;
    Type type_;
    ExchangeOptions options_;
    std::optional<QByteArray> alternate_;
    qsizetype position(const Binding &binding) const;
    void removeAt(qsizetype index);

    std::vector<Binding> bindings_;
    // Where each destination's bindings are in bindings_: bind, unbind and a queue's deletion
    // cost what that destination has, not what the exchange has (50,000 bound queues).
    QHash<Destination, QVarLengthArray<qsizetype, 1>> positions_;
};

} // namespace warren::model
