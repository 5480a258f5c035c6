// Why a message goes where it goes, as the broker's own routing judges it (model's
// explainRoute): every exchange the message visits, every binding there with matched or not
// and the reason, and where it ends. Plain values for the explorer and the event tap; the
// words for people are the explorer's (translated), the facts are these.
#pragma once

#include "TraceEvent.h"
#include "protocol/FieldValue.h"

#include <QByteArray>
#include <QList>

namespace warren::observe {

// The rule a binding applied, after its exchange's type.
enum class BindingRule : std::uint8_t {
    DirectKey,      // the routing key equals the binding key
    Fanout,         // every binding matches
    TopicPattern,   // the binding key is a pattern of words, * and #
    HeaderMatch,    // the binding's arguments against the message's headers, by x-match
    DefaultQueue,   // the default exchange's implicit binding to the queue named by the key
};

// One word of a topic pattern and the routing-key words it took ('#' takes any number).
// When matching failed, the last step is where it failed: `ok` false, and either word may be
// empty (the key ran out of words, or the pattern did while the key had more).
struct TopicStep {
    QByteArray patternWord;
    QByteArray keyWords;   // joined by '.'
    bool ok = true;
};

// One condition of a headers binding.
struct HeaderCheck {
    QByteArray name;
    amqp::FieldValue expected;   // void: the header only has to be present
    bool present = false;
    amqp::FieldValue actual;
    bool held = false;
    bool ignored = false;        // an x- argument, which only the -with-x modes compare
};

struct BindingVerdict {
    QByteArray destination;      // a queue, or with toExchange an exchange
    bool toExchange = false;
    QByteArray bindingKey;
    amqp::FieldTable arguments;
    bool proposed = false;       // the binding asked about, not (yet) in the broker
    bool destinationExists = true;
    BindingRule rule = BindingRule::DirectKey;
    bool matched = false;
    QByteArray matchedKey;       // the key that matched (the routing key, or a CC/BCC key)
    QList<TopicStep> topic;      // TopicPattern: how the routing key's words aligned
    QByteArray matchMode;        // HeaderMatch: all, any, all-with-x or any-with-x
    QList<HeaderCheck> headers;  // HeaderMatch: each condition
};

struct ExchangeVisit {
    QByteArray exchange;         // empty: the default exchange
    QByteArray type;             // direct, fanout, topic or headers
    Cause how = Cause::None;     // None: published here; ExchangeBinding or AlternateExchange
    QByteArray from;             // the exchange it came from, unless published here
    QList<BindingVerdict> bindings;
    bool matchedAny = false;
    QByteArray alternateExchange;   // its alternate-exchange argument, if any
    bool alternateMissing = false;  // that exchange does not exist
};

struct RouteExplanation {
    QByteArray vhost;
    QByteArray routingKey;
    QList<ExchangeVisit> visits;
    QList<QByteArray> queues;       // where the message goes, sorted
    std::uint64_t topologyVersion = 0;   // of the vhost, when this was worked out

    bool isUnroutable() const { return queues.isEmpty(); }
};

} // namespace warren::observe
