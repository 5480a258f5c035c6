#include "HeadersExchange.h"

#include "protocol/ErrorText.h"

#include <algorithm>

namespace warren::model {

namespace {

using amqp::FieldValue;

// Numbers (and timestamps) compare by value whatever their width, integers exactly;
// everything else by type and value, as RabbitMQ's Erlang == does.
bool isWhole(const FieldValue &v) { return v.isInteger() || v.type() == FieldValue::Type::Timestamp; }

bool sameValue(const FieldValue &a, const FieldValue &b)
{
    if (isWhole(a) && isWhole(b))
        return a.toInteger() == b.toInteger();
    // Decimals are tuples in Erlang, equal only to the same decimal.
    const auto numeric = [](const FieldValue &v) { return (v.isNumber() && v.type() != FieldValue::Type::Decimal) || isWhole(v); };
    if (numeric(a) && numeric(b))
        return a.toDouble() == b.toDouble();
    if (a.isString() && b.isString())
        return a.toBytes() == b.toBytes();
    return a == b;
}

} // namespace

namespace {
constexpr const char *kModes[] = {"all", "any", "all-with-x", "any-with-x"};

bool isMode(const QByteArray &text)
{
    return std::any_of(std::begin(kModes), std::end(kModes), [&](const char *m) { return text == m; });
}
} // namespace

QByteArray HeadersExchange::invalidArguments(const amqp::FieldTable &args)
{
    const FieldValue *mode = args.find("x-match");
    if (!mode)
        return {};
    if (mode->type() != FieldValue::Type::LongString) {
        const QByteArray value = mode->isString() ? amqp::erlangBinary(mode->toBytes()) : amqp::fieldValueText(*mode);
        return QByteArray("Invalid x-match field type ") + amqp::fieldTypeName(mode->type()) + " (value " + value
            + "); expected longstr";
    }
    if (!isMode(mode->toBytes()))
        return "Invalid x-match field value " + amqp::erlangBinary(mode->toBytes())
            + "; expected all, any, all-with-x, or any-with-x";
    return {};
}

bool HeadersExchange::matches(const amqp::FieldTable &args, const amqp::FieldTable &headers)
{
    // Anything but the four modes (refused at bind time) counts as "all", as in RabbitMQ.
    const FieldValue *mode = args.find("x-match");
    const QByteArray kind = mode && isMode(mode->toBytes()) ? mode->toBytes() : QByteArray("all");
    const bool any = kind.startsWith("any");
    const bool withX = kind.endsWith("-with-x");

    for (const auto &[key, expected] : args) {
        if (key == "x-match" || (!withX && key.startsWith("x-")))
            continue;
        const FieldValue *actual = headers.find(key);
        const bool ok = actual && (expected.isVoid() || sameValue(expected, *actual));
        if (any && ok)
            return true;
        if (!any && !ok)
            return false;
    }
    // Every condition held for "all" (vacuously, when there are none); none held for "any".
    return !any;
}

void HeadersExchange::route(const RoutingInput &input, RouteSet &out) const
{
    const amqp::FieldTable &headers = input.headerTable();
    for (const Binding &b : bindings()) {
        if (matches(b.arguments, headers))
            out.add(b.destination);
    }
}

} // namespace warren::model
