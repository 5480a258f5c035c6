#include "SimProducer.h"

#include "SimConnection.h"

#include "protocol/BasicProperties.h"

#include <QCoreApplication>

namespace warren::sim {

namespace {

// At most this many messages per event-loop turn, so a large burst leaves room for the
// broker's answers and the snapshots.
constexpr quint64 kMaxPerTurn = 500;
// A fast rate is published in batches this often rather than one timer per message.
constexpr qint64 kMinTickMs = 10;
// RabbitMQ's default: a producer has no hang to be noticed.
constexpr int kHeartbeatSeconds = 60;

const QByteArray kNumberName = QByteArray::fromRawData(kNumberHeader, qsizetype(qstrlen(kNumberHeader)));

// What every message of the producer carries, built once: all but the message number, whose
// header is there already (0) to be replaced in place.
amqp::BasicProperties fixedProperties(const ProducerSpec &spec)
{
    const MessageProperties &p = spec.properties;
    amqp::BasicProperties properties;
    if (p.persistent)
        properties.deliveryMode = 2;
    if (p.priority >= 0)
        properties.priority = std::uint8_t(qBound(0, p.priority, 255));
    if (!p.expiration.isEmpty())
        properties.expiration = p.expiration.toUtf8();
    if (!p.replyTo.isEmpty())
        properties.replyTo = p.replyTo.toUtf8();
    if (!p.correlationId.isEmpty())
        properties.correlationId = p.correlationId.toUtf8();
    amqp::FieldTable headers;
    for (const auto &[name, value] : p.headers)
        headers.insert(name.toUtf8(), amqp::FieldValue::string(value.toUtf8()));
    headers.insert(kNumberName, amqp::FieldValue::integer(0));
    headers.insert(kProducerHeader, amqp::FieldValue::string(spec.name.toUtf8()));
    properties.headers = headers;
    return properties;
}

} // namespace

SimProducer::SimProducer(quint32 id, ProducerSpec spec, QObject *parent)
    : QObject(parent), id_(id), spec_(std::move(spec)), exchange_(spec_.exchange.toUtf8()),
      routingKey_(TextTemplate::parse(spec_.routingKey)), body_(TextTemplate::parse(spec_.body)),
      properties_(fixedProperties(spec_))
{
    timer_.setSingleShot(true);
    timer_.setTimerType(Qt::PreciseTimer);
    connect(&timer_, &QTimer::timeout, this, &SimProducer::publishDue);
}

SimProducer::~SimProducer()
{
    dropConnection();
}

void SimProducer::start()
{
    if (!routingKey_ || !body_)
        return setState(ClientState::Failed,
                        QStringLiteral(QT_TRANSLATE_NOOP("SimulatorErrors", "The templates are not valid")));
    wanted_ = Wanted::Publishing;
    if (spec_.burstMode && burstLeft_ == 0)
        burstLeft_ = spec_.burst;
    if (connection_ && connection_->isReady())
        beginLeg();
    else if (!connection_)
        connectToBroker();
}

void SimProducer::pause()
{
    if (wanted_ != Wanted::Publishing)
        return;
    wanted_ = Wanted::Paused;
    timer_.stop();
    if (state_ == ClientState::Running || state_ == ClientState::Finished)
        setState(ClientState::Paused);
}

void SimProducer::stop()
{
    wanted_ = Wanted::Stopped;
    timer_.stop();
    burstLeft_ = 0;
    dropConnection();
    unconfirmed_.clear();
    setState(ClientState::Stopped);
}

void SimProducer::connectToBroker()
{
    SimConnection::Handlers handlers;
    handlers.ready = [this] { onReady(); };
    handlers.returned = [this](const client::ReturnedMessage &) { ++returned_; };
    handlers.delivered = [this](const client::Delivery &delivery) { onReply(delivery); };
    handlers.confirmed = [this](std::uint64_t tag, bool multiple, bool ack) { onConfirmed(tag, multiple, ack); };
    handlers.blocked = [this](bool blocked) { onBlocked(blocked); };
    handlers.lost = [this](const QString &error, bool reconnecting) { onLost(error, reconnecting); };
    connection_ = new SimConnection({spec_.url, spec_.name, kHeartbeatSeconds, spec_.queue, spec_.exchange}, handlers,
                                    this);
    setState(ClientState::Connecting);
    QString error;
    if (!connection_->open(&error)) {
        dropConnection();
        setState(ClientState::Failed, error);
    }
}

void SimProducer::dropConnection()
{
    if (connection_)
        connection_->retire();
    connection_ = nullptr;
}

void SimProducer::onReady()
{
    unconfirmed_.clear();   // sequence numbers start again on a new connection
    const auto publishing = [this] {
        if (wanted_ == Wanted::Publishing)
            beginLeg();
        else
            setState(ClientState::Paused);
    };
    const auto replyQueue = [this, publishing] {
        if (spec_.awaitReplies)
            return declareReplyQueue(publishing);
        publishing();
    };
    if (!spec_.confirms)
        return replyQueue();
    connection_->call(amqp::ConfirmSelect{}, [replyQueue](const client::Reply &) { replyQueue(); });
}

// The RPC client's queue for replies: server-named and exclusive (it goes with the
// connection), consumed without acks, named in every request's reply_to.
void SimProducer::declareReplyQueue(std::function<void()> then)
{
    requests_.forgetPending();
    amqp::QueueDeclare declare;
    declare.exclusive = true;
    connection_->call(declare, [this, then = std::move(then)](const client::Reply &reply) {
        const std::optional<amqp::QueueDeclareOk> ok = reply.as<amqp::QueueDeclareOk>();
        properties_.replyTo = ok ? ok->queue : QByteArray();
        amqp::BasicConsume consume;
        consume.queue = properties_.replyTo.value_or(QByteArray());
        consume.noAck = true;
        connection_->call(consume, [then](const client::Reply &) { then(); });
    });
}

void SimProducer::onReply(const client::Delivery &delivery)
{
    const std::optional<amqp::BasicProperties> properties = amqp::BasicProperties::decode(delivery.properties);
    if (properties && properties->correlationId)
        requests_.answer(*properties->correlationId);
}

void SimProducer::beginLeg()
{
    pacer_ = spec_.burstMode ? PublishPacer::burst(burstLeft_) : PublishPacer::rate(spec_.ratePerSecond);
    legClock_.start();
    legSent_ = 0;
    setState(ClientState::Running);
    timer_.start(0);
}

void SimProducer::publishDue()
{
    if (!connection_ || !connection_->isReady())
        return;
    const quint64 due = pacer_.dueAt(legClock_.elapsed());
    const quint64 now = std::min(due > legSent_ ? due - legSent_ : 0, kMaxPerTurn);
    for (quint64 i = 0; i < now; ++i)
        publishOne();
    legSent_ += now;
    if (spec_.burstMode)
        burstLeft_ -= int(now);
    connection_->flush();
    if (pacer_.finished(legSent_))
        return setState(ClientState::Finished);
    if (due > legSent_)
        return timer_.start(0);   // behind: go on after the broker's answers are read
    const qint64 next = pacer_.nextDueMs(legSent_);
    if (next >= 0)
        timer_.start(int(std::max(next - legClock_.elapsed(), now > 0 ? kMinTickMs : 0)));
}

void SimProducer::publishOne()
{
    const quint64 number = nextNumber_++;
    amqp::BasicPublish publish;
    publish.exchange = exchange_;
    publish.routingKey = routingKey_->render(number).toUtf8();
    publish.mandatory = spec_.mandatory;
    const std::uint64_t seq = connection_->amqp().publish(connection_->channel(), publish, properties(number),
                                                          body_->render(number).toUtf8());
    if (seq > 0)
        unconfirmed_.insert(seq);
    ++published_;
}

QByteArray SimProducer::properties(quint64 number)
{
    amqp::BasicProperties properties = properties_;   // shares its strings and headers
    properties.headers->insert(kNumberName, amqp::FieldValue::integer(qint64(number)));
    if (spec_.awaitReplies)
        properties.correlationId = requests_.add();
    return properties.encode();
}

void SimProducer::onConfirmed(std::uint64_t tag, bool multiple, bool ack)
{
    const auto settle = [this, ack](auto it) {
        ++(ack ? confirmed_ : nacked_);
        return unconfirmed_.erase(it);
    };
    if (!multiple) {
        if (const auto it = unconfirmed_.find(tag); it != unconfirmed_.end())
            settle(it);
        return;
    }
    for (auto it = unconfirmed_.begin(); it != unconfirmed_.end() && *it <= tag;)
        it = settle(it);
}

void SimProducer::onBlocked(bool blocked)
{
    if (blocked) {
        timer_.stop();
        return setState(ClientState::Blocked);
    }
    if (state_ != ClientState::Blocked)
        return;
    if (wanted_ == Wanted::Publishing)
        beginLeg();
    else
        setState(ClientState::Paused);
}

void SimProducer::onLost(const QString &error, bool reconnecting)
{
    timer_.stop();
    if (reconnecting)
        return setState(ClientState::Reconnecting, error);
    dropConnection();
    setState(error.isEmpty() ? ClientState::Stopped : ClientState::Failed, error);
}

void SimProducer::setState(ClientState state, const QString &error)
{
    state_ = state;
    error_ = error;
}

ProducerStatus SimProducer::status() const
{
    ProducerStatus s;
    s.id = id_;
    s.spec = spec_;
    s.state = state_;
    s.error = error_;
    s.published = published_;
    s.confirmed = confirmed_;
    s.nacked = nacked_;
    s.returned = returned_;
    s.replies = requests_.answered();
    return s;
}

} // namespace warren::sim
