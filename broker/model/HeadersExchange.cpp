#include "HeadersExchange.h"

namespace warren::model {

namespace {

using amqp::FieldValue;

// Numbers compare by value whatever their width; everything else by type and value.
bool sameValue(const FieldValue &a, const FieldValue &b)
{
    if (a.isNumber() && b.isNumber())
        return a.toDouble() == b.toDouble();
    if (a.isString() && b.isString())
        return a.toBytes() == b.toBytes();
    return a == b;
}

} // namespace

bool HeadersExchange::matches(const amqp::FieldTable &args, const amqp::FieldTable &headers)
{
    const FieldValue *mode = args.find("x-match");
    const QByteArray kind = mode ? mode->toBytes() : QByteArray("all");
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
