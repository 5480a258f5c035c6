#include "QueuePolicy.h"

#include "protocol/ErrorText.h"

#include <functional>

namespace warren::model {

namespace {

using amqp::FieldValue;
using Type = FieldValue::Type;

constexpr qint64 kMaxExpiry = 315360000000LL;   // ten years, RabbitMQ's upper bound for TTLs
constexpr int kMaxPriority = 255;

// RabbitMQ's checks return an Erlang error term; these build the same text.
QByteArray term(const char *tag, qint64 value) { return "{" + QByteArray(tag) + "," + QByteArray::number(value) + "}"; }
QByteArray unacceptable(const FieldValue &v) { return "{unacceptable_type," + QByteArray(amqp::fieldTypeName(v.type())) + "}"; }

bool isIntegerType(const FieldValue &v) { return v.isInteger(); }

// Each check returns the error term, empty when the value is acceptable.
QByteArray checkInteger(const FieldValue &v) { return isIntegerType(v) ? QByteArray() : integerTypeError(v); }

QByteArray checkNonNegative(const FieldValue &v)
{
    if (QByteArray e = checkInteger(v); !e.isEmpty())
        return e;
    return v.toInteger() < 0 ? term("value_negative", v.toInteger()) : QByteArray();
}

QByteArray checkExpiry(const FieldValue &v)
{
    if (QByteArray e = checkInteger(v); !e.isEmpty())
        return e;
    if (v.toInteger() < 0)
        return term("value_negative", v.toInteger());
    return v.toInteger() > kMaxExpiry ? term("value_too_large", v.toInteger()) : QByteArray();
}

QByteArray checkString(const FieldValue &v) { return v.type() == Type::LongString ? QByteArray() : unacceptable(v); }

// `error` may hold %1 for the refused value.
QByteArray checkOneOf(const FieldValue &v, std::initializer_list<const char *> allowed, const char *error)
{
    if (QByteArray e = checkString(v); !e.isEmpty())
        return e;
    for (const char *a : allowed) {
        if (v.toBytes() == a)
            return {};
    }
    return QByteArray(error).replace("%1", v.toBytes());
}

struct Rule {
    const char *key;
    std::function<QByteArray(const FieldValue &, const amqp::FieldTable &)> check;
    std::function<void(const FieldValue &, QueuePolicy &)> apply;
};

// rabbit_amqqueue:declare_args(), in its order.
const std::vector<Rule> &rules()
{
    static const std::vector<Rule> all = {
        {"x-expires",
         [](const FieldValue &v, const auto &) {
             if (isIntegerType(v) && v.toInteger() == 0)
                 return term("value_zero", 0);
             return checkExpiry(v);
         },
         [](const FieldValue &v, QueuePolicy &p) { p.expires = v.toInteger(); }},
        {"x-message-ttl", [](const FieldValue &v, const auto &) { return checkExpiry(v); },
         [](const FieldValue &v, QueuePolicy &p) { p.messageTtl = v.toInteger(); }},
        {"x-dead-letter-exchange", nullptr,   // type checked in parseQueuePolicy: its own wording
         [](const FieldValue &v, QueuePolicy &p) { p.deadLetterExchange = v.toBytes(); }},
        {"x-dead-letter-routing-key",
         [](const FieldValue &v, const amqp::FieldTable &args) {
             if (QByteArray e = checkString(v); !e.isEmpty())
                 return e;
             return args.contains("x-dead-letter-exchange") ? QByteArray() : QByteArray("routing_key_but_no_dlx_defined");
         },
         [](const FieldValue &v, QueuePolicy &p) { p.deadLetterRoutingKey = v.toBytes(); }},
        {"x-max-length", [](const FieldValue &v, const auto &) { return checkNonNegative(v); },
         [](const FieldValue &v, QueuePolicy &p) { p.maxLength = v.toInteger(); }},
        {"x-max-length-bytes", [](const FieldValue &v, const auto &) { return checkNonNegative(v); },
         [](const FieldValue &v, QueuePolicy &p) { p.maxLengthBytes = v.toInteger(); }},
        {"x-max-in-memory-length", [](const FieldValue &v, const auto &) { return checkNonNegative(v); }, nullptr},
        {"x-max-in-memory-bytes", [](const FieldValue &v, const auto &) { return checkNonNegative(v); }, nullptr},
        {"x-max-priority",
         [](const FieldValue &v, const auto &) {
             if (QByteArray e = checkNonNegative(v); !e.isEmpty())
                 return e;
             return v.toInteger() > kMaxPriority ? term("max_value_exceeded", v.toInteger()) : QByteArray();
         },
         [](const FieldValue &v, QueuePolicy &p) { p.maxPriority = int(v.toInteger()); }},
        {"x-overflow",
         [](const FieldValue &v, const auto &) {
             return checkOneOf(v, {"drop-head", "reject-publish", "reject-publish-dlx"}, "invalid_overflow");
         },
         [](const FieldValue &v, QueuePolicy &p) {
             p.overflow = v.toBytes() == "drop-head" ? Overflow::DropHead
                 : v.toBytes() == "reject-publish"  ? Overflow::RejectPublish
                                                    : Overflow::RejectPublishDlx;
         }},
        {"x-queue-mode", [](const FieldValue &v, const auto &) { return checkOneOf(v, {"default", "lazy"}, "\"unsupported queue mode '%1'\""); },
         nullptr},
        {"x-single-active-consumer",
         [](const FieldValue &v, const auto &) { return v.type() == Type::Boolean ? QByteArray() : unacceptable(v); },
         [](const FieldValue &v, QueuePolicy &p) { p.singleActiveConsumer = v.toBool(); }},
        {"x-queue-type",
         [](const FieldValue &v, const auto &) { return checkOneOf(v, {"classic", "quorum", "stream"}, "\"unsupported queue type '%1'\""); },
         [](const FieldValue &v, QueuePolicy &p) { p.type = v.toBytes() == "quorum" ? QueueType::Quorum : QueueType::Classic; }},
        {"x-delivery-limit", [](const FieldValue &v, const auto &) { return checkNonNegative(v); },
         [](const FieldValue &v, QueuePolicy &p) { p.deliveryLimit = v.toInteger(); }},
    };
    return all;
}

PolicyOrError refuse(const char *key, QByteArray reason, bool plain = false)
{
    return PolicyOrError{std::nullopt, PolicyError{key, std::move(reason), plain}};
}

// Quorum queues are replicated logs: RabbitMQ refuses the arguments and flags that make
// no sense for them, arguments first, then auto-delete, exclusive, durable.
PolicyOrError checkQueueType(const QueuePolicy &policy, const amqp::FieldTable &args, bool durable, bool exclusive,
                             bool autoDelete, const QByteArray &queue)
{
    if (policy.type == QueueType::Classic) {
        if (args.contains("x-delivery-limit"))
            return refuse("x-delivery-limit", "invalid arg 'x-delivery-limit' for " + queue
                                                  + " of queue type rabbit_classic_queue", true);
        return {};
    }
    for (const char *unsupported : {"x-max-priority", "x-queue-mode", "x-queue-master-locator"}) {
        if (args.contains(unsupported))
            return refuse(unsupported, "invalid arg '" + QByteArray(unsupported) + "' for " + queue
                                           + " of queue type rabbit_quorum_queue", true);
    }
    if (autoDelete)
        return refuse("", "invalid property 'auto-delete' for " + queue, true);
    if (exclusive)
        return refuse("", "invalid property 'exclusive-owner' for " + queue, true);
    if (!durable)
        return refuse("", "invalid property 'non-durable' for " + queue, true);
    return {};
}

} // namespace

QByteArray integerTypeError(const amqp::FieldValue &value)
{
    return "\"expected integer, got " + QByteArray(amqp::fieldTypeName(value.type())) + "\"";
}

PolicyOrError parseQueuePolicy(const amqp::FieldTable &args, bool durable, bool exclusive, bool autoDelete,
                               const QByteArray &queueDescription)
{
    QueuePolicy policy;
    for (const Rule &rule : rules()) {
        const FieldValue *value = args.find(rule.key);
        if (!value)
            continue;
        if (rule.check) {
            if (QByteArray error = rule.check(*value, args); !error.isEmpty())
                return refuse(rule.key, error);
        }
        if (rule.apply)
            rule.apply(*value, policy);
    }
    if (const FieldValue *dlx = args.find("x-dead-letter-exchange"); dlx && dlx->type() != Type::LongString)
        return refuse("x-dead-letter-exchange", "invalid type '" + QByteArray(amqp::fieldTypeName(dlx->type()))
                                                    + "' for arg 'x-dead-letter-exchange' in " + queueDescription,
                      true);
    if (const FieldValue *type = args.find("x-queue-type"); type && type->toBytes() == "stream")
        return refuse("x-queue-type", "stream queues are not supported by Warren; declare a classic or quorum "
                                      "queue instead",
                      true);
    if (PolicyOrError refused = checkQueueType(policy, args, durable, exclusive, autoDelete, queueDescription);
        !refused.error.reason.isEmpty())
        return refused;
    return PolicyOrError{policy, {}};
}

} // namespace warren::model

namespace warren::model {

ExpirationOrError parseExpiration(QByteArrayView expiration)
{
    // Erlang's string:to_integer: an optional sign, digits, and whatever is left over.
    qsizetype i = 0;
    if (i < expiration.size() && (expiration[i] == '-' || expiration[i] == '+'))
        ++i;
    const qsizetype digitsFrom = i;
    while (i < expiration.size() && expiration[i] >= '0' && expiration[i] <= '9')
        ++i;
    if (i == digitsFrom)
        return {std::nullopt, "no_integer"};
    if (i < expiration.size())
        return {std::nullopt, "{leftover_string,\"" + expiration.sliced(i).toByteArray() + "\"}"};
    bool ok = false;
    const qint64 ms = expiration.toByteArray().toLongLong(&ok);
    // Erlang integers are unbounded: report the number as written, even past 64 bits.
    QByteArray digits = expiration.toByteArray();
    if (digits.startsWith('+'))
        digits.remove(0, 1);
    if (ok ? ms < 0 : digits.startsWith('-'))
        return {std::nullopt, "{value_negative," + digits + "}"};
    if (!ok || ms > kMaxExpiry)
        return {std::nullopt, "{value_too_large," + digits + "}"};
    return {ms, {}};
}

} // namespace warren::model
