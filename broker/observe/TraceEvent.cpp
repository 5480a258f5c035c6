#include "TraceEvent.h"

namespace warren::observe {

const char *eventKindName(EventKind kind)
{
    static constexpr const char *names[kEventKinds] = {
        "published", "routed", "returned", "unroutable", "refused", "confirmed",
        "delivered", "got", "acked", "rejected", "requeued",
        "dead_lettered", "expired", "dropped",
        "consumer_added", "consumer_cancelled",
        "connection_opened", "connection_closed", "connection_lost",
        "queue_declared", "queue_deleted", "exchange_declared", "exchange_deleted", "binding_added", "binding_removed",
    };
    return names[int(kind)];
}

const char *causeName(Cause cause)
{
    switch (cause) {
    case Cause::None: return "";
    case Cause::Ack: return "ack";
    case Cause::Nack: return "nack";
    case Cause::Reject: return "reject";
    case Cause::Recover: return "recover";
    case Cause::ChannelClosed: return "channel_closed";
    case Cause::ConnectionLost: return "connection_lost";
    case Cause::Rejected: return "rejected";
    case Cause::Expired: return "expired";
    case Cause::MaxLength: return "maxlen";
    case Cause::DeliveryLimit: return "delivery_limit";
    case Cause::Binding: return "binding";
    case Cause::ExchangeBinding: return "exchange_binding";
    case Cause::AlternateExchange: return "alternate_exchange";
    case Cause::DefaultExchange: return "default_exchange";
    }
    return "";
}

} // namespace warren::observe
