#include "TopicTrie.h"

#include <QSet>

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>

namespace warren::model {

namespace {
// Lets the trie look words up by view, without allocating a key per word of a routing key.
struct WordHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
std::string_view asView(QByteArrayView v) { return {v.data(), std::size_t(v.size())}; }
} // namespace

struct TopicTrie::Node {
    // Literal words, '*' and '#'.
    std::unordered_map<std::string, std::unique_ptr<Node>, WordHash, std::equal_to<>> children;
    std::vector<Destination> destinations;   // bindings ending here

    bool isEmpty() const { return children.empty() && destinations.empty(); }
    const Node *child(std::string_view word) const
    {
        auto it = children.find(word);
        return it == children.end() ? nullptr : it->second.get();
    }
};

// One match: the routing key's words and the (node, word) states already expanded, so a
// pattern with several '#' is walked in polynomial rather than exponential time.
struct TopicTrie::Walk {
    std::vector<QByteArrayView> words;
    RouteSet &out;
    QSet<QPair<const Node *, int>> seen;

    void visit(const Node *node, int at)
    {
        if (at == int(words.size())) {
            for (const Destination &d : node->destinations)
                out.add(d);
        } else {
            if (const Node *exact = node->child(asView(words[size_t(at)])))
                visit(exact, at + 1);
            if (const Node *star = node->child("*"))
                visit(star, at + 1);
        }
        if (const Node *hash = node->child("#")) {
            if (seen.contains({hash, at}))
                return;
            seen.insert({hash, at});
            for (int next = at; next <= int(words.size()); ++next)
                visit(hash, next);
        }
    }
};

TopicTrie::TopicTrie() : root_(std::make_unique<Node>()) {}
TopicTrie::~TopicTrie() = default;

std::vector<QByteArrayView> TopicTrie::splitWords(QByteArrayView key)
{
    std::vector<QByteArrayView> words;
    if (key.isEmpty())
        return words;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= key.size(); ++i) {
        if (i == key.size() || key[i] == '.') {
            words.push_back(key.sliced(start, i - start));
            start = i + 1;
        }
    }
    return words;
}

TopicTrie::Node *TopicTrie::nodeFor(const QByteArray &bindingKey, bool create)
{
    Node *node = root_.get();
    for (QByteArrayView word : splitWords(bindingKey)) {
        auto it = node->children.find(asView(word));
        if (it == node->children.end()) {
            if (!create)
                return nullptr;
            it = node->children.emplace(std::string(asView(word)), std::make_unique<Node>()).first;
        }
        node = it->second.get();
    }
    return node;
}

void TopicTrie::add(const QByteArray &bindingKey, const Destination &destination)
{
    nodeFor(bindingKey, true)->destinations.push_back(destination);
}

void TopicTrie::remove(const QByteArray &bindingKey, const Destination &destination)
{
    Node *node = nodeFor(bindingKey, false);
    if (!node)
        return;
    auto &list = node->destinations;
    if (auto it = std::find(list.begin(), list.end(), destination); it != list.end())
        list.erase(it);
    prune(bindingKey);
}

// Removes the now empty nodes along a binding key's path, deepest first.
void TopicTrie::prune(const QByteArray &bindingKey)
{
    const std::vector<QByteArrayView> words = splitWords(bindingKey);
    std::vector<Node *> path{root_.get()};
    for (QByteArrayView word : words) {
        auto it = path.back()->children.find(asView(word));
        if (it == path.back()->children.end())
            return;
        path.push_back(it->second.get());
    }
    for (size_t i = words.size(); i > 0; --i) {
        if (!path[i]->isEmpty())
            return;
        path[i - 1]->children.erase(path[i - 1]->children.find(asView(words[i - 1])));
    }
}

void TopicTrie::match(const QByteArray &routingKey, RouteSet &out) const
{
    Walk walk{splitWords(routingKey), out, {}};
    walk.visit(root_.get(), 0);
}

} // namespace warren::model
