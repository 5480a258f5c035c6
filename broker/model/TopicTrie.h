// Topic matching over '.'-separated words: '*' matches exactly one word, '#' zero or more.
// Binding keys are stored as paths in a trie, so a routing key is matched against all of
// them in one walk. As in RabbitMQ, the empty key has no words at all, and "a..b" has an
// empty middle word.
#pragma once

#include "Binding.h"
#include "RouteSet.h"

#include <QByteArray>
#include <QHash>

#include <memory>
#include <vector>

namespace warren::model {

class TopicTrie {
public:
    TopicTrie();
    ~TopicTrie();

    void add(const QByteArray &bindingKey, const Destination &destination);
    void remove(const QByteArray &bindingKey, const Destination &destination);
    void match(const QByteArray &routingKey, RouteSet &out) const;

    static std::vector<QByteArrayView> splitWords(QByteArrayView key);

private:
    struct Node;
    struct Walk;
    Node *nodeFor(const QByteArray &bindingKey, bool create);
    void prune(const QByteArray &bindingKey);

    std::unique_ptr<Node> root_;
};

} // namespace warren::model
