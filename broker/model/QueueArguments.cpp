#include "QueueArguments.h"

#include "protocol/ErrorText.h"

namespace warren::model {

namespace {

// rabbit_amqqueue:declare_args(), in its order.
constexpr const char *kComparedArguments[] = {
    "x-expires", "x-message-ttl", "x-dead-letter-exchange", "x-dead-letter-routing-key",
    "x-max-length", "x-max-length-bytes", "x-max-in-memory-length", "x-max-in-memory-bytes",
    "x-max-priority", "x-overflow", "x-queue-mode", "x-single-active-consumer", "x-queue-type",
    "x-quorum-initial-group-size", "x-max-age", "x-stream-max-segment-size-bytes",
    "x-initial-cluster-size", "x-queue-leader-locator",
};

QByteArray describe(const amqp::FieldValue *v)
{
    if (!v)
        return "none";
    return "the value '" + amqp::fieldValueText(*v) + "' of type '" + amqp::fieldTypeName(v->type()) + "'";
}

bool equivalent(const amqp::FieldValue &a, const amqp::FieldValue &b)
{
    if (!amqp::typesCompatible(a.type(), b.type()))
        return false;
    return a.isInteger() ? a.toInteger() == b.toInteger() : a == b;
}

} // namespace

std::optional<ArgumentMismatch> firstMismatch(const amqp::FieldTable &current, const amqp::FieldTable &received,
                                              ArgumentsOf kind)
{
    static const std::vector<const char *> queueKeys(std::begin(kComparedArguments), std::end(kComparedArguments));
    static const std::vector<const char *> exchangeKeys{"alternate-exchange"};
    for (const char *key : kind == ArgumentsOf::Queue ? queueKeys : exchangeKeys) {
        const amqp::FieldValue *was = current.find(key);
        const amqp::FieldValue *now = received.find(key);
        if (!was && !now)
            continue;
        // A queue declared without a type is a classic queue (but the text shows "none").
        static const amqp::FieldValue classic = amqp::FieldValue::string("classic");
        if (QByteArrayView(key) == "x-queue-type" && equivalent(was ? *was : classic, now ? *now : classic))
            continue;
        if (was && now) {
            if (!equivalent(*was, *now))
                return ArgumentMismatch{key, "'" + amqp::fieldValueText(*now) + "'",
                                        "'" + amqp::fieldValueText(*was) + "'"};
            continue;
        }
        return ArgumentMismatch{key, describe(now), describe(was)};
    }
    return std::nullopt;
}

} // namespace warren::model
