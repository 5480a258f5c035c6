// One simulated consumer: its own AMQP connection (SimConnection) consuming one queue, on one
// channel or several (a consumer on each), with automatic or manual ack and a prefetch, working on one message at a time for its
// processing time (ProcessingTime), then doing what its outcome says (settlementFor): ack,
// reject and requeue, nack without requeue, crash before the ack (the connection is aborted,
// so the broker requeues what it holds) or hang (stops reading and heartbeating).
//
// An RPC server (spec.reply) answers each request before it acknowledges it: a message to the
// request's reply_to, through the default exchange, with its correlation_id.
//
// It logs every delivery when it arrives (ReceivedLog: message number, producer,
// redelivered) and counts exactly what it settled.
//
// start: connects and consumes; stop: basic.cancel, then closes the connection (what it
// had not acknowledged goes back to the queue); crash: aborts now; restart: drops the
// current connection (crashed, hung or not) and starts anew. Crash and hang count from each
// start.
#pragma once

#include "sim/ProcessingTime.h"
#include "sim/ReceivedLog.h"
#include "sim/SimulationTypes.h"

#include "client/ClientTypes.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>

namespace warren::sim {

class SimConnection;

class SimConsumer : public QObject {
    Q_OBJECT
public:
    SimConsumer(quint32 id, ConsumerSpec spec, QObject *parent = nullptr);
    ~SimConsumer() override;

    void start();
    void stop();
    void crash();
    void restart();
    ConsumerStatus status() const;

private:
    void dropConnection();
    void onReady();
    void consume(std::uint16_t channel);
    void onDelivered(const client::Delivery &delivery);
    void processNext();
    void onProcessed();
    void reply(const client::Delivery &request);
    void onLost(const QString &error, bool reconnecting);
    void forgetPending();
    void setState(ClientState state, const QString &error = {});

    quint32 id_;
    ConsumerSpec spec_;
    QPointer<SimConnection> connection_;
    ClientState state_ = ClientState::Stopped;
    QString error_;
    QList<QByteArray> consumerTags_;   // one per channel consuming
    bool stopping_ = false;

    ReceivedLog log_;
    std::deque<client::Delivery> pending_;   // in arrival order (bodies shared, not copied)
    ProcessingTime processingTime_;
    QTimer processing_;
    quint64 processedSinceStart_ = 0;
    quint64 acked_ = 0;
    quint64 requeued_ = 0;
    quint64 discarded_ = 0;
};

} // namespace warren::sim
