#include "MessageStore.h"

#include "MessageRecord.h"
#include "model/Queue.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcStore, "warren.store")

namespace warren::store {

namespace {
// Compaction starts when this many segments exist and the oldest holds no more than this
// share of the messages written into it.
constexpr int kSegmentsBeforeCompaction = 3;
constexpr int kCompactWhenLivePercent = 25;
} // namespace

MessageStore::MessageStore(QString directory, qint64 segmentSize) : log_(std::move(directory), segmentSize) {}

void MessageStore::replay(SegmentLog::Position at, quint8 type, QByteArrayView payload)
{
    switch (RecordType(type)) {
    case RecordType::Publish: {
        const auto r = decodePublishTarget(payload);
        if (!r)
            return;
        // A rewritten message (compaction) replaces its older record.
        if (auto old = index_.find(r->messageId); old != index_.end())
            --liveInSegment_[old->second.at.segment];
        index_[r->messageId] = Entry{at, r->queues, r->delivered};
        ++liveInSegment_[at.segment];
        ++writtenInSegment_[at.segment];
        nextMessageId_ = qMax(nextMessageId_, r->messageId + 1);
        return;
    }
    case RecordType::Removed:
        if (const auto r = decodeQueueMessage(payload))
            release(r->messageId, r->queueId);
        return;
    case RecordType::Delivered:
        if (const auto r = decodeQueueMessage(payload); r && index_.count(r->messageId)) {
            QList<quint64> &d = index_[r->messageId].delivered;
            if (!d.contains(r->queueId))
                d.append(r->queueId);
        }
        return;
    }
}

bool MessageStore::open(const std::function<bool(quint64)> &isKnown, const Restore &restore, QString *error)
{
    if (!log_.open([this](SegmentLog::Position at, quint8 type, QByteArrayView payload) { replay(at, type, payload); })) {
        *error = log_.errorString();
        return false;
    }
    qsizetype restored = 0;
    for (auto it = index_.begin(); it != index_.end();) {
        Entry &e = it->second;
        e.queues.removeIf([&](quint64 q) { return !isKnown(q); });
        if (e.queues.isEmpty()) {
            --liveInSegment_[e.at.segment];
            it = index_.erase(it);
            continue;
        }
        const auto record = decodePublish(log_.read(e.at));
        if (record) {
            for (quint64 q : e.queues)
                restore(q, record->message, e.delivered.contains(q));
            ++restored;
        }
        ++it;
    }
    freeDeadSegments();
    qCInfo(lcStore) << "recovered" << restored << "persistent messages";
    return true;
}

void MessageStore::append(model::Message &message, const QList<quint64> &queues)
{
    message.storeId = nextMessageId_++;
    const QByteArray head = encodePublishHead(message.storeId, queues, {}, message);
    const SegmentLog::Position at = log_.append(quint8(RecordType::Publish), {head, message.body});
    index_[message.storeId] = Entry{at, queues, {}};
    ++liveInSegment_[at.segment];
    ++writtenInSegment_[at.segment];
    ++appended_;
    if (at.segment != lastSegment_) {   // the log rolled over: older segments may be free now
        lastSegment_ = at.segment;
        freeDeadSegments();
    }
}

void MessageStore::delivered(const model::Queue &queue, const model::Message &message)
{
    if (auto it = index_.find(message.storeId); it != index_.end() && !it->second.delivered.contains(queue.id()))
        it->second.delivered.append(queue.id());
    log_.append(quint8(RecordType::Delivered), {encodeQueueMessage({queue.id(), message.storeId})});
    ++appended_;
}

void MessageStore::removed(const model::Queue &queue, const model::Message &message)
{
    log_.append(quint8(RecordType::Removed), {encodeQueueMessage({queue.id(), message.storeId})});
    ++appended_;
    if (release(message.storeId, queue.id()))
        freeDeadSegments();
}

bool MessageStore::release(quint64 messageId, quint64 queueId)
{
    auto it = index_.find(messageId);
    if (it == index_.end())
        return false;
    it->second.queues.removeOne(queueId);
    if (!it->second.queues.isEmpty())
        return false;
    const quint32 segment = it->second.at.segment;
    index_.erase(it);
    return --liveInSegment_[segment] == 0;
}

void MessageStore::queueDeleted(const model::Queue &queue)
{
    const quint64 queueId = queue.id();
    // No record needed: on replay, messages of queues the topology no longer knows are dropped.
    QList<quint64> ids;
    for (const auto &[id, e] : index_) {
        if (e.queues.contains(queueId))
            ids.append(id);
    }
    for (quint64 id : ids)
        release(id, queueId);
    freeDeadSegments();
}

void MessageStore::freeDeadSegments()
{
    const QList<quint32> segments = log_.segments();
    for (quint32 s : segments) {
        if (s == log_.currentSegment() || liveInSegment_.value(s) > 0)
            break;   // only a dead prefix of the log may go
        log_.removeSegment(s);
        liveInSegment_.remove(s);
        writtenInSegment_.remove(s);
    }
    if (log_.segments().size() >= kSegmentsBeforeCompaction)
        compactOldest();
}

void MessageStore::compactOldest()
{
    const quint32 oldest = log_.segments().value(0);
    const qsizetype live = liveInSegment_.value(oldest);
    if (oldest == log_.currentSegment() || live * 100 > writtenInSegment_.value(oldest) * kCompactWhenLivePercent)
        return;
    // Its few live messages move to the end of the log; then the segment is dead.
    for (auto &[id, e] : index_) {
        if (e.at.segment == oldest)
            rewrite(id, e);
    }
    freeDeadSegments();
}

void MessageStore::rewrite(quint64 messageId, Entry &entry)
{
    auto record = decodePublish(log_.read(entry.at));
    if (!record)
        return;
    const QByteArray head = encodePublishHead(messageId, entry.queues, entry.delivered, *record->message);
    --liveInSegment_[entry.at.segment];
    entry.at = log_.append(quint8(RecordType::Publish), {head, record->message->body});
    ++liveInSegment_[entry.at.segment];
    ++writtenInSegment_[entry.at.segment];
    ++appended_;
}

} // namespace warren::store
