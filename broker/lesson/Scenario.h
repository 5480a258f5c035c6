// A lesson as Warren plays it: the values a scenario file (resources/scenarios/*.json,
// validated against scenario.schema.json, see docs/lessons.md) is read into. Plain values:
// the runner plays them, the explorer shows them, the tests build broken variants of them.
#pragma once

#include "sim/SimulationTypes.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

namespace warren::lesson {

// Every learner-facing text, in both languages the lessons ship in.
struct LocalizedText {
    QString en;
    QString zh;
    // zh_CN (or any zh locale name) picks Chinese; anything else English.
    const QString &inLanguage(const QString &language) const
    {
        return language.startsWith(QLatin1String("zh")) ? zh : en;
    }
};

// `brokerUrl` with this user, password and vhost where they are not the defaults (guest,
// guest, "/"): the URL names the broker (and who to be there by default), a lesson may name
// someone else on it. What the runner's clients and the exported scripts connect to.
QString urlWith(const QString &brokerUrl, const QString &user, const QString &password, const QString &vhost);

// A simulated client. Its spec's url is left empty: the runner points it at the broker the
// lesson runs on, with the user, password and vhost below.
struct ClientDefinition {
    QString name;
    QString user = QStringLiteral("guest");
    QString password = QStringLiteral("guest");
    QString vhost = QStringLiteral("/");
    std::variant<sim::ProducerSpec, sim::ConsumerSpec> spec;

    bool isProducer() const { return std::holds_alternative<sim::ProducerSpec>(spec); }
    QString urlOn(const QString &brokerUrl) const { return urlWith(brokerUrl, user, password, vhost); }
};

struct Action {
    enum class Kind { Start, Stop, Crash, Restart, Wait, RestartBroker, Pause, Step, Resume };
    Kind kind = Kind::Wait;
    QString client;   // Start … Restart
    int ms = 0;       // Wait
    QString vhost = QStringLiteral("/");   // Pause, Step, Resume
    QString queue;    // Pause, Step, Resume: empty for the whole virtual host

    bool needsBrokerControl() const { return kind >= Kind::RestartBroker; }
};

// What the learner should observe, from the closed vocabulary of docs/lessons.md. Client-
// observed expectations read the simulation's snapshots (what the clients saw); broker-
// observed ones the broker's snapshots, and are skipped against another broker.
struct Expectation {
    enum class Kind {
        Received,       // client-observed: a consumer's received (redelivered, acked) totals
        Sent,           // client-observed: a producer's published / confirmed / nacked / returned
        State,          // client-observed: a client's state, and its error's reply code
        Queue,          // broker-observed: a queue's depth, consumers, durability, existence
        Routed,         // broker-observed: messages an exchange routed to a queue
        Returned,       // broker-observed, per vhost: unroutable and mandatory, sent back
        Unroutable,     // broker-observed, per vhost: unroutable, dropped
        DeadLettered,   // broker-observed, per vhost
        Expired,        // broker-observed, per vhost
        Connection,     // broker-observed: a client's one connection and its channels
    };
    enum class Counter { Published, Confirmed, Nacked, Returned, Replies };

    Kind kind = Kind::Received;
    QString client;
    QString vhost = QStringLiteral("/");
    QString queue;
    QString exchange;
    std::optional<qint64> count;   // Received, Sent, Routed, fates
    std::optional<qint64> redelivered;
    std::optional<qint64> acked;
    // Received: the producers of the last messages received, oldest first (an order to see,
    // as a priority queue's); empty: not checked.
    QStringList lastFrom;
    Counter counter = Counter::Published;
    sim::ClientState state = sim::ClientState::Running;
    std::optional<int> replyCode;
    bool exists = true;
    std::optional<qint64> ready;
    std::optional<qint64> unacked;
    std::optional<qint64> consumers;
    std::optional<bool> durable;
    std::optional<qint64> channels;   // Connection
    int withinMs = 5000;
    // Once met, it must stay met this long (a count that must not grow, "still 0"); it
    // then has `withinMs + holdMs` in all.
    int holdMs = 0;
    LocalizedText why;

    bool isBrokerObserved() const { return kind >= Kind::Queue; }
};

struct Step {
    LocalizedText say;
    QList<Action> actions;
    QList<Expectation> expectations;
};

// Something a learner may do differently from the lesson (an ack mode flipped, a queue made
// transient, a binding key mistyped), to see which ✓ turns ✗ and why: changes to the scenario
// file, each replacing the value a JSON Pointer names ("/clients/0/ack" → "automatic").
struct Deviation {
    QString name;   // [a-z0-9-]+, the same in every language
    LocalizedText label;
    QList<QPair<QString, QJsonValue>> changes;   // JSON Pointer → the value put there
    // The expectation it turns ✗ (a test makes sure it does, with that expectation's why).
    int breaksStep = 0;
    int breaksExpectation = 0;
};

struct Scenario {
    enum class Chapter { Seed, Tutorials, Beyond };

    QString name;   // [a-z0-9-]+, the same in every language
    Chapter chapter = Chapter::Seed;
    int order = 0;
    LocalizedText title;
    LocalizedText goal;
    QString queueType;   // "classic" or "quorum"
    bool needsBrokerControl = false;
    QJsonObject topology;   // a RabbitMQ definitions fragment
    QList<ClientDefinition> clients;
    QList<Step> steps;
    QList<Deviation> deviations;
    // The deviation this scenario was read with, empty when as the lesson says.
    QString deviation;

    const ClientDefinition *client(const QString &name) const;
    // The deviation it was read with, null when none.
    const Deviation *chosenDeviation() const;
};

} // namespace warren::lesson
