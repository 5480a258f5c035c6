// Declares a lesson's topology (a fragment of RabbitMQ's definitions format) on a broker
// given by URL, over AMQP as any client would: one connection ("warren lesson setup"), one
// channel, every exchange, then every queue, then every binding, one at a time, each waiting
// for its -ok; then a clean close. The first refusal ends it with the broker's own reply
// ("406 PRECONDITION_FAILED - inequivalent arg ...").
//
// Virtual hosts, users and permissions cannot be made over AMQP: a fragment with any is
// refused before connecting. The predefined exchanges ("" and amq.*) are skipped, as
// RabbitMQ's importer skips them. Everything is declared in the URL's virtual host,
// whatever the entries' "vhost" say.
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <cstdint>
#include <functional>
#include <memory>

namespace warren::client {
class TcpClient;
struct CloseReason;
struct Reply;
}

namespace warren::sim {

class TopologyDeclarer : public QObject {
    Q_OBJECT
public:
    // `error` is empty when everything was declared.
    using Done = std::function<void(const QString &error)>;

    TopologyDeclarer(QString url, QJsonObject definitions, QObject *parent = nullptr);
    ~TopologyDeclarer() override;

    // Runs it; `done` is called once, possibly before start() returns (a fragment or URL
    // refused at once). Not called if the declarer is destroyed first.
    void start(Done done);

private:
    // The requests, in order, each a closure that sends one method; false (and `error`)
    // for a fragment that cannot be declared here.
    bool plan(QString *error);
    bool planExchanges(QString *error);
    bool planQueues(QString *error);
    bool planBindings(QString *error);
    template <class M> void add(const M &method);
    bool open(QString *error);
    void onOpened();
    void next();
    template <class M> void call(const M &method);
    void onClosed(const client::CloseReason &reason);
    // Ends with `error`: the connection is closed, then `done` told.
    void fail(const QString &error);
    void finish(const QString &error);

    QString url_;
    QJsonObject definitions_;
    Done done_;
    QList<std::function<void()>> steps_;
    qsizetype nextStep_ = 0;
    std::unique_ptr<client::TcpClient> client_;
    std::uint16_t channel_ = 0;
    QTimer patience_;        // how long the broker may take to answer
    bool declared_ = false;  // every step answered: the close is ours
    bool finished_ = false;
    QString failure_;        // the first error
};

} // namespace warren::sim
