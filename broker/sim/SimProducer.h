// One simulated producer: its own AMQP connection (SimConnection), publishing numbered
// messages rendered from its templates at a rate or in bursts (PublishPacer), in confirm mode
// when asked. It counts exactly what it published and what the broker answered: confirmed,
// nacked, returned. An RPC client (awaitReplies) also consumes its own reply queue and counts
// the replies to its requests (RpcRequests).
//
// start: connects (if needed) and publishes, a new burst when the last one is sent; pause:
// stops publishing and keeps the connection; stop: closes the connection. Message numbers
// go on across pauses, stops and reconnects.
#pragma once

#include "sim/PublishPacer.h"
#include "sim/RpcRequests.h"
#include "sim/SimulationTypes.h"
#include "sim/TextTemplate.h"

#include "protocol/BasicProperties.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <set>

namespace warren::client {
struct Delivery;
struct ReturnedMessage;
}

namespace warren::sim {

class SimConnection;

class SimProducer : public QObject {
    Q_OBJECT
public:
    SimProducer(quint32 id, ProducerSpec spec, QObject *parent = nullptr);
    ~SimProducer() override;

    void start();
    void pause();
    void stop();
    ProducerStatus status() const;

private:
    enum class Wanted { Publishing, Paused, Stopped };

    void connectToBroker();
    void dropConnection();
    void onReady();
    void declareReplyQueue(std::function<void()> then);
    void onReply(const client::Delivery &delivery);
    void beginLeg();
    void publishDue();
    void publishOne();
    QByteArray properties(quint64 number);
    void onConfirmed(std::uint64_t tag, bool multiple, bool ack);
    void onBlocked(bool blocked);
    void onLost(const QString &error, bool reconnecting);
    void setState(ClientState state, const QString &error = {});

    quint32 id_;
    ProducerSpec spec_;
    // Parsed, encoded and built once: per message only the number changes.
    QByteArray exchange_;
    std::optional<TextTemplate> routingKey_;
    std::optional<TextTemplate> body_;
    amqp::BasicProperties properties_;
    QPointer<SimConnection> connection_;
    Wanted wanted_ = Wanted::Stopped;
    ClientState state_ = ClientState::Stopped;
    QString error_;

    // One leg: publishing from a start (or resume) until paused, blocked or done.
    PublishPacer pacer_ = PublishPacer::burst(0);
    QElapsedTimer legClock_;
    quint64 legSent_ = 0;
    int burstLeft_ = 0;    // of the current burst, across pauses
    QTimer timer_;

    quint64 nextNumber_ = 1;
    quint64 published_ = 0;
    quint64 confirmed_ = 0;
    quint64 nacked_ = 0;
    quint64 returned_ = 0;
    std::set<std::uint64_t> unconfirmed_;   // publish sequence numbers on this connection
    RpcRequests requests_;
};

} // namespace warren::sim
