#include "MessageRecord.h"

#include "model/QueuePolicy.h"
#include "protocol/BasicProperties.h"
#include "protocol/ByteReader.h"
#include "protocol/ByteWriter.h"

namespace warren::store {

namespace {

void writeIds(amqp::ByteWriter &w, const QList<quint64> &ids)
{
    w.u16(quint16(ids.size()));
    for (quint64 id : ids)
        w.u64(id);
}

QList<quint64> readIds(amqp::ByteReader &in)
{
    QList<quint64> ids;
    for (int n = in.u16(); n > 0 && in.ok(); --n)
        ids.append(in.u64());
    return ids;
}

PublishTarget readTarget(amqp::ByteReader &in)
{
    PublishTarget t;
    t.messageId = in.u64();
    t.queues = readIds(in);
    t.delivered = readIds(in);
    t.transient = in.u8() != 0;
    return t;
}

void writeKeys(amqp::ByteWriter &w, const QList<QByteArray> &keys)
{
    w.u16(quint16(keys.size()));
    for (const QByteArray &k : keys)
        w.shortString(k);
}

QList<QByteArray> readKeys(amqp::ByteReader &in)
{
    QList<QByteArray> keys;
    for (int n = in.u16(); n > 0 && in.ok(); --n)
        keys.append(in.shortString());
    return keys;
}

} // namespace

QByteArray encodePublishHead(const PublishTarget &target, const model::Message &message)
{
    QByteArray out;
    amqp::ByteWriter w(out);
    w.u64(target.messageId);
    writeIds(w, target.queues);
    writeIds(w, target.delivered);
    w.u8(target.transient);
    w.u8(message.deliveryMode);
    w.u8(message.priority);
    w.shortString(message.exchange);
    w.shortString(message.routingKey);
    writeKeys(w, message.ccKeys);
    writeKeys(w, message.bccKeys);
    w.longString(message.properties);
    w.u32(quint32(message.body.size()));
    w.finish();
    return out;
}

std::optional<PublishRecord> decodePublish(QByteArrayView payload)
{
    amqp::ByteReader in(payload);
    PublishRecord r;
    r.target = readTarget(in);
    r.message = model::MessageRef(new model::Message);
    model::Message &m = *r.message;
    m.deliveryMode = in.u8();
    m.priority = in.u8();
    m.exchange = in.shortString();
    m.routingKey = in.shortString();
    m.ccKeys = readKeys(in);
    m.bccKeys = readKeys(in);
    m.properties = in.longString();
    m.body = in.bytes(in.u32());
    m.storeId = r.target.messageId;
    if (!in.ok() || !in.atEnd())
        return std::nullopt;
    return r;
}

std::optional<PublishSummary> decodePublishSummary(QByteArrayView payload)
{
    amqp::ByteReader in(payload);
    PublishSummary r;
    r.target = readTarget(in);
    in.u8();   // delivery mode
    r.priority = in.u8();
    in.view(in.u8());   // exchange
    in.view(in.u8());   // routing key
    readKeys(in);
    readKeys(in);
    const QByteArrayView properties = in.view(in.u32());
    r.bodySize = in.u32();
    if (!in.ok())
        return std::nullopt;
    if (const auto scanned = amqp::PropertiesSummary::scan(properties); scanned && scanned->expiration)
        r.messageTtl = model::parseExpiration(*scanned->expiration).ttl;
    return r;
}

QByteArray encodeQueueMessage(const QueueMessage &record)
{
    QByteArray out;
    amqp::ByteWriter w(out);
    w.u64(record.queueId);
    w.u64(record.messageId);
    w.finish();
    return out;
}

std::optional<QueueMessage> decodeQueueMessage(QByteArrayView payload)
{
    amqp::ByteReader in(payload);
    QueueMessage r{in.u64(), in.u64()};
    if (!in.ok() || !in.atEnd())
        return std::nullopt;
    return r;
}

} // namespace warren::store
