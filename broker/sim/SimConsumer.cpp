#include "SimConsumer.h"

#include "SimConnection.h"
#include "Settlement.h"

#include "protocol/BasicProperties.h"

#include <memory>

namespace warren::sim {

namespace {

ReceivedMessage received(const client::Delivery &delivery)
{
    ReceivedMessage message;
    message.redelivered = delivery.redelivered;
    const std::optional<amqp::BasicProperties> properties = amqp::BasicProperties::decode(delivery.properties);
    if (!properties || !properties->headers)
        return message;
    if (const amqp::FieldValue *number = properties->headers->find(kNumberHeader))
        message.number = quint64(qMax<qint64>(0, number->toInteger()));
    if (const amqp::FieldValue *producer = properties->headers->find(kProducerHeader))
        message.producer = QString::fromUtf8(producer->toBytes());
    return message;
}

} // namespace

SimConsumer::SimConsumer(quint32 id, ConsumerSpec spec, QObject *parent)
    : QObject(parent), id_(id), spec_(std::move(spec)),
      processingTime_(spec_.processingMinMs, spec_.processingMaxMs, spec_.seed)
{
    processing_.setSingleShot(true);
    processing_.setTimerType(Qt::PreciseTimer);
    connect(&processing_, &QTimer::timeout, this, &SimConsumer::onProcessed);
}

SimConsumer::~SimConsumer()
{
    dropConnection();
}

void SimConsumer::start()
{
    if (connection_ && !stopping_)
        return;
    dropConnection();   // one still cancelling closes now
    processedSinceStart_ = 0;
    stopping_ = false;
    SimConnection::Handlers handlers;
    handlers.ready = [this] { onReady(); };
    handlers.delivered = [this](const client::Delivery &delivery) { onDelivered(delivery); };
    handlers.lost = [this](const QString &error, bool reconnecting) { onLost(error, reconnecting); };
    connection_ = new SimConnection({spec_.url, spec_.name, spec_.heartbeatSeconds, spec_.queue, {}, spec_.channels},
                                    handlers, this);
    setState(ClientState::Connecting);
    QString error;
    if (!connection_->open(&error)) {
        dropConnection();
        setState(ClientState::Failed, error);
    }
}

void SimConsumer::stop()
{
    processing_.stop();
    if (!connection_ || !connection_->isReady() || consumerTags_.isEmpty()) {
        dropConnection();
        return setState(ClientState::Stopped);
    }
    // Cancel first, as a worker shutting down does; deliveries already on the way still
    // arrive (and are logged), unacknowledged, and go back to the queue at the close.
    stopping_ = true;
    auto cancelled = std::make_shared<qsizetype>(0);
    const qsizetype consumers = consumerTags_.size();
    for (qsizetype i = 0; i < consumers; ++i) {
        amqp::BasicCancel cancel;
        cancel.consumerTag = consumerTags_[i];
        connection_->call(cancel, [this, cancelled, consumers](const client::Reply &) {
            if (++*cancelled == consumers)
                dropConnection();
        }, connection_->channels().value(i));
    }
    setState(ClientState::Stopped);
}

void SimConsumer::crash()
{
    if (!connection_)
        return;
    connection_->crash();
    dropConnection();
    setState(ClientState::Crashed);
}

void SimConsumer::restart()
{
    dropConnection();
    start();
}

void SimConsumer::dropConnection()
{
    processing_.stop();
    forgetPending();
    consumerTags_.clear();
    if (connection_)
        connection_->retire();
    connection_ = nullptr;
}

void SimConsumer::onReady()
{
    forgetPending();
    consumerTags_.clear();
    for (const std::uint16_t channel : connection_->channels()) {
        if (spec_.prefetch <= 0) {
            consume(channel);
            continue;
        }
        amqp::BasicQos qos;
        qos.prefetchCount = std::uint16_t(qBound(0, spec_.prefetch, 65535));
        connection_->call(qos, [this, channel](const client::Reply &) { consume(channel); }, channel);
    }
}

void SimConsumer::consume(std::uint16_t channel)
{
    amqp::BasicConsume consume;
    consume.queue = spec_.queue.name.toUtf8();
    consume.noAck = spec_.ackMode == AckMode::Automatic;
    consume.exclusive = spec_.exclusive;
    if (spec_.priority != 0)
        consume.arguments.insert("x-priority", amqp::FieldValue::integer(spec_.priority, amqp::FieldValue::Type::Int32));
    connection_->call(consume, [this](const client::Reply &reply) {
        if (const std::optional<amqp::BasicConsumeOk> ok = reply.as<amqp::BasicConsumeOk>())
            consumerTags_.append(ok->consumerTag);
        if (consumerTags_.size() == connection_->channels().size())
            setState(ClientState::Running);
    }, channel);
}

void SimConsumer::onDelivered(const client::Delivery &delivery)
{
    log_.add(received(delivery));
    pending_.push_back(delivery);
    if (!stopping_ && !processing_.isActive())
        processNext();
}

void SimConsumer::processNext()
{
    if (!pending_.empty())
        processing_.start(processingTime_.nextMs());
}

void SimConsumer::onProcessed()
{
    if (pending_.empty() || !connection_)
        return;
    const client::Delivery delivery = std::move(pending_.front());
    pending_.pop_front();
    const std::uint64_t tag = delivery.deliveryTag;
    client::ClientConnection &amqp = connection_->amqp();
    const std::uint16_t channel = delivery.channel;   // acknowledged where it was delivered
    switch (settlementFor(spec_, ++processedSinceStart_)) {
    case Settlement::None:
    case Settlement::Keep:   // unacknowledged until the connection goes: the broker requeues it then
        break;
    case Settlement::Ack:
        if (spec_.reply)
            reply(delivery);
        amqp.ack(channel, tag);
        ++acked_;
        break;
    case Settlement::RejectRequeue:
        amqp.reject(channel, tag, true);
        ++requeued_;
        break;
    case Settlement::NackDiscard:
        amqp.nack(channel, tag, false, false);
        ++discarded_;
        break;
    case Settlement::Crash:
        return crash();
    case Settlement::Hang:
        connection_->hang();
        forgetPending();
        return setState(ClientState::Hung);
    }
    connection_->flush();
    processNext();
}

// As the tutorial's RPC server: the answer goes where the request says, tagged with its
// correlation_id; a request without reply_to gets none.
void SimConsumer::reply(const client::Delivery &request)
{
    const std::optional<amqp::BasicProperties> asked = amqp::BasicProperties::decode(request.properties, false);
    if (!asked || !asked->replyTo || asked->replyTo->isEmpty())
        return;
    amqp::BasicPublish publish;
    publish.routingKey = *asked->replyTo;
    amqp::BasicProperties answer;
    answer.correlationId = asked->correlationId;
    connection_->amqp().publish(request.channel, publish, answer.encode(), "reply to " + request.body);
}

void SimConsumer::onLost(const QString &error, bool reconnecting)
{
    processing_.stop();
    forgetPending();   // the broker has requeued them; their tags mean nothing any more
    consumerTags_.clear();
    if (reconnecting)
        return setState(ClientState::Reconnecting, error);
    dropConnection();
    // A hung consumer stays hung when the broker gives up on it; the error says so.
    const bool hung = state_ == ClientState::Hung;
    setState(hung ? ClientState::Hung : error.isEmpty() ? ClientState::Stopped : ClientState::Failed, error);
}

void SimConsumer::forgetPending()
{
    pending_.clear();
}

void SimConsumer::setState(ClientState state, const QString &error)
{
    state_ = state;
    error_ = error;
}

ConsumerStatus SimConsumer::status() const
{
    ConsumerStatus s;
    s.id = id_;
    s.spec = spec_;
    s.state = state_;
    s.error = error_;
    s.received = log_.total();
    s.redelivered = log_.redelivered();
    s.acked = acked_;
    s.requeued = requeued_;
    s.discarded = discarded_;
    s.pending = int(pending_.size());
    s.recent = log_.recent();
    return s;
}

} // namespace warren::sim
