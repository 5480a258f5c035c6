// The live routing graph of one virtual host as plain values, built from a broker snapshot:
// producers (connections that published) → exchanges → queues → consumers, with the
// bindings, exchange-to-exchange bindings, alternate exchanges and dead-letter routes between
// them. Every counter is the snapshot's own (exact); nothing here decides where a message
// goes. No widgets: the layout, the scene and the tests all read the same values.
#pragma once

#include "BrokerSnapshot.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace warren::ui {

class RecentDeliveries;

enum class FlowNodeKind { Producer, Exchange, Queue, Consumer };

// Distinct kinds of edges, drawn distinctly: a learner must tell a binding from an
// alternate exchange or a dead-letter route at a glance.
enum class FlowEdgeKind {
    Publish,           // producer → exchange
    Binding,           // exchange → queue (the default exchange's implicit ones included)
    ExchangeBinding,   // exchange → exchange
    Alternate,         // exchange → its alternate exchange
    DeadLetter,        // queue → its dead-letter exchange
    Delivery,          // queue → consumer
};

struct FlowNode {
    QString id;           // unique in the graph; see FlowGraph::*Id()
    FlowNodeKind kind = FlowNodeKind::Exchange;
    QString name;         // connection name, exchange (empty: the default one), queue, consumer tag
    QString owner;        // a consumer's connection name
    QString type;         // an exchange's type
    qint64 ready = 0;     // a queue's
    qint64 unacked = 0;   // a queue's or a consumer's
    int prefetch = 0;     // a consumer's, 0: no limit
    bool idle = false;    // a consumer with nothing unacknowledged and no recent delivery
    bool paused = false;  // a queue in step mode
    quint64 activity = 0; // messages through it, to keep the busiest under the node cap

    friend bool operator==(const FlowNode &, const FlowNode &) = default;
};

// Names an edge from one snapshot's graph to the next: its ends and its kind (several
// bindings between the same two are one edge). A hash key made of the strings as they are:
// the scene finds an edge for every moving dot in every frame without building a string.
struct FlowEdgeKey {
    QString from;
    QString to;
    FlowEdgeKind kind = FlowEdgeKind::Binding;

    friend bool operator==(const FlowEdgeKey &, const FlowEdgeKey &) = default;
    friend size_t qHash(const FlowEdgeKey &key, size_t seed = 0)
    {
        return qHashMulti(seed, key.from, key.to, int(key.kind));
    }
};

struct FlowEdge {
    QString from;
    QString to;
    FlowEdgeKind kind = FlowEdgeKind::Binding;
    QStringList labels;   // binding keys or header matches, one per binding between the two
    quint64 count = 0;    // exact, from the snapshot

    FlowEdgeKey key() const { return {from, to, kind}; }
    friend bool operator==(const FlowEdge &, const FlowEdge &) = default;
};

class FlowGraph {
public:
    struct Options {
        bool onlyTraffic = false;   // only edges that carried messages, and their ends
        int nodeCap = 300;          // more nodes than this: the busiest are kept
    };
    static constexpr int kDefaultNodeCap = 300;

    static FlowGraph build(const BrokerSnapshot &snapshot, const QString &vhost, const Options &options,
                           const RecentDeliveries *recent = nullptr);

    static QString producerId(const QString &connectionName);
    static QString exchangeId(const QString &exchange);
    static QString queueId(const QString &queue);
    static QString consumerId(const QString &connectionName, const QString &tag);
    // The key that names a consumer across snapshots (RecentDeliveries).
    static QString consumerKey(const ConsumerSnapshot &consumer);

    const QList<FlowNode> &nodes() const { return nodes_; }
    const QList<FlowEdge> &edges() const { return edges_; }
    // Nodes left out by the cap.
    int hidden() const { return hidden_; }
    const FlowNode *node(const QString &id) const;
    const FlowEdge *edge(const QString &from, const QString &to, FlowEdgeKind kind) const;
    // The producer node a connection publishes as, empty when it is not drawn.
    QString producerOf(quint64 connectionId) const { return producers_.value(connectionId); }
    // The consumer node of a delivery, empty when it is not drawn.
    QString consumerOf(quint64 connectionId, const QString &tag) const
    {
        return consumers_.value(QString::number(connectionId) + QLatin1Char('\n') + tag);
    }
    // Nodes and edges without their counters: when it changes, the layout is made anew.
    QString structure() const;

private:
    void addNode(FlowNode node);
    // Adds the edge, or to an existing one between the same two of the same kind its label.
    void addEdge(FlowEdge edge);
    void addPublishers(const BrokerSnapshot &snapshot, const QString &vhost);
    void addExchanges(const BrokerSnapshot &snapshot, const QString &vhost);
    void addQueues(const BrokerSnapshot &snapshot, const QString &vhost);
    void addBindings(const BrokerSnapshot &snapshot, const QString &vhost);
    void addConsumers(const BrokerSnapshot &snapshot, const QString &vhost, const RecentDeliveries *recent);
    void dropUnusedBuiltIns();
    void measureActivity();
    void keepTraffic();
    void applyCap(int cap);
    void dropEdgesToMissingNodes();
    void reindex();

    QList<FlowNode> nodes_;
    QList<FlowEdge> edges_;
    QHash<QString, int> nodeIndex_;
    QHash<FlowEdgeKey, int> edgeIndex_;
    QHash<quint64, QString> producers_;
    QHash<QString, QString> consumers_;   // "connection id\ntag" → node id
    int hidden_ = 0;
};

} // namespace warren::ui
