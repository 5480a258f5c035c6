#include "TopicExchange.h"

#include "TopicPattern.h"

namespace warren::model {

observe::BindingVerdict TopicExchange::judge(const QByteArray &bindingKey, const amqp::FieldTable &,
                                             const RoutingInput &input) const
{
    observe::BindingVerdict v;
    v.rule = observe::BindingRule::TopicPattern;
    // The first key that matches tells the story; when none does, the routing key's failure.
    input.forEachKey([&](const QByteArray &key) {
        if (v.matched)
            return;
        TopicPatternMatch m = matchTopicPattern(bindingKey, key);
        if (m.matched || v.topic.isEmpty()) {
            v.matched = m.matched;
            v.matchedKey = m.matched ? key : QByteArray();
            v.topic = std::move(m.steps);
        }
    });
    return v;
}

} // namespace warren::model
