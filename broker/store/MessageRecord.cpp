#include "MessageRecord.h"

#include "model/QueuePolicy.h"
#include "protocol/BasicProperties.h"
#include "protocol/ByteReader.h"
#include "protocol/ByteWriter.h"

#include <QtEndian>

namespace warren::store {

namespace {

// How a publish record's sizes are encoded: the current format is wide throughout; the
// legacy one (an older Warren's records, still read) used 16-bit counts and short strings.
class PublishFormat {
public:
    explicit PublishFormat(RecordType type) : wide_(type != RecordType::LegacyPublish) {}

    quint32 count(amqp::ByteReader &in) const { return wide_ ? in.u32() : in.u16(); }
    QByteArrayView key(amqp::ByteReader &in) const { return in.view(wide_ ? in.u32() : in.u8()); }

    QList<quint64> ids(amqp::ByteReader &in) const
    {
        QList<quint64> ids;
        const quint32 n = count(in);
        if (n <= in.remaining() / 8)   // a corrupt count must not reserve gigabytes
            ids.reserve(n);
        for (quint32 i = 0; i < n && in.ok(); ++i)
            ids.append(in.u64());
        return ids;
    }
    QList<QByteArray> keys(amqp::ByteReader &in) const
    {
        QList<QByteArray> keys;
        for (quint32 n = count(in); n > 0 && in.ok(); --n)
            keys.append(key(in).toByteArray());
        return keys;
    }
    PublishTarget target(amqp::ByteReader &in) const
    {
        PublishTarget t;
        t.messageId = in.u64();
        t.queues = ids(in);
        t.delivered = ids(in);
        t.transient = in.u8() != 0;
        return t;
    }

private:
    bool wide_;
};

void writeIds(amqp::ByteWriter &w, const QList<quint64> &ids)
{
    w.u32(quint32(ids.size()));
    for (quint64 id : ids)
        w.u64(id);
}

void writeKeys(amqp::ByteWriter &w, const QList<QByteArray> &keys)
{
    w.u32(quint32(keys.size()));
    for (const QByteArray &k : keys)
        w.longString(k);
}

bool isPublish(RecordType type) { return type == RecordType::Publish || type == RecordType::LegacyPublish; }

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
    w.longString(message.exchange);
    w.longString(message.routingKey);
    writeKeys(w, message.ccKeys);
    writeKeys(w, message.bccKeys);
    w.longString(message.properties);
    w.u32(quint32(message.body.size()));
    w.finish();
    return out;
}

std::optional<PublishRecord> decodePublish(RecordType type, QByteArrayView payload)
{
    if (!isPublish(type))
        return std::nullopt;
    const PublishFormat format(type);
    amqp::ByteReader in(payload);
    PublishRecord r;
    r.target = format.target(in);
    r.message = model::MessageRef(new model::Message);
    model::Message &m = *r.message;
    m.deliveryMode = in.u8();
    m.priority = in.u8();
    m.exchange = format.key(in).toByteArray();
    m.routingKey = format.key(in).toByteArray();
    m.ccKeys = format.keys(in);
    m.bccKeys = format.keys(in);
    m.properties = in.longString();
    m.body = in.bytes(in.u32());
    m.storeId = r.target.messageId;
    if (!in.ok() || !in.atEnd())
        return std::nullopt;
    return r;
}

std::optional<PublishSummary> decodePublishSummary(RecordType type, QByteArrayView payload)
{
    if (!isPublish(type))
        return std::nullopt;
    const PublishFormat format(type);
    amqp::ByteReader in(payload);
    PublishSummary r;
    r.target = format.target(in);
    in.u8();   // delivery mode
    r.priority = in.u8();
    format.key(in);   // exchange
    format.key(in);   // routing key
    format.keys(in);
    format.keys(in);
    const QByteArrayView properties = in.view(in.u32());
    r.bodySize = in.u32();
    if (!in.ok())
        return std::nullopt;
    if (const auto scanned = amqp::PropertiesSummary::scan(properties); scanned && scanned->expiration)
        r.messageTtl = model::parseExpiration(*scanned->expiration).ttl;
    return r;
}

QueueMessageBytes encodeQueueMessage(const QueueMessage &record)
{
    QueueMessageBytes out;
    qToBigEndian(quint64(record.queueId), out.data);
    qToBigEndian(quint64(record.messageId), out.data + 8);
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
