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

namespace {
struct Mode {
    QByteArray name;
    bool any;
    bool withX;
};

// Anything but the four modes (refused at bind time) counts as "all", as in RabbitMQ.
Mode modeOf(const amqp::FieldTable &args)
{
    const FieldValue *mode = args.find("x-match");
    const QByteArray name = mode && isMode(mode->toBytes()) ? mode->toBytes() : QByteArray("all");
    return {name, name.startsWith("any"), name.endsWith("-with-x")};
}

bool takesPart(const QByteArray &key, const Mode &mode)
{
    return key != "x-match" && (mode.withX || !key.startsWith("x-"));
}

bool holds(const FieldValue &expected, const FieldValue *actual)
{
    return actual && (expected.isVoid() || sameValue(expected, *actual));
}
} // namespace

bool HeadersExchange::matches(const amqp::FieldTable &args, const amqp::FieldTable &headers)
{
    const Mode mode = modeOf(args);
    for (const auto &[key, expected] : args) {
        if (!takesPart(key, mode))
            continue;
        const bool ok = holds(expected, headers.find(key));
        if (mode.any && ok)
            return true;
        if (!mode.any && !ok)
            return false;
    }
    // Every condition held for "all" (vacuously, when there are none); none held for "any".
    return !mode.any;
}

observe::BindingVerdict HeadersExchange::judge(const QByteArray &, const amqp::FieldTable &args,
                                               const RoutingInput &input) const
{
    const amqp::FieldTable &headers = input.headerTable();
    const Mode mode = modeOf(args);
    observe::BindingVerdict v;
    v.rule = observe::BindingRule::HeaderMatch;
    v.matchMode = mode.name;
    bool anyHeld = false, allHeld = true;
    for (const auto &[key, expected] : args) {
        if (key == "x-match")
            continue;
        const FieldValue *actual = headers.find(key);
        observe::HeaderCheck check{key, expected, actual != nullptr, actual ? *actual : FieldValue(),
                                   holds(expected, actual), !takesPart(key, mode)};
        if (!check.ignored) {
            anyHeld = anyHeld || check.held;
            allHeld = allHeld && check.held;
        }
        v.headers.append(check);
    }
    v.matched = mode.any ? anyHeld : allHeld;
    return v;
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
