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

MessageIndex::Location locationOf(SegmentLog::Position p) { return {p.segment, p.offset}; }
SegmentLog::Position positionOf(MessageIndex::Location l) { return {l.segment, l.offset}; }
} // namespace

MessageStore::MessageStore(QString directory, qint64 segmentSize, DiskIo &io)
    : log_(std::move(directory), segmentSize, io)
{
}

void MessageStore::replay(SegmentLog::Position at, quint8 type, QByteArrayView payload)
{
    switch (RecordType(type)) {
    case RecordType::LegacyPublish:
    case RecordType::Publish:
        if (const auto r = decodePublishSummary(RecordType(type), payload)) {
            const PublishTarget &t = r->target;
            // Transient records belonged to the previous run only.
            if (!t.transient) {
                index_.add(t.messageId, locationOf(at), t.queues, t.delivered, false);
                recovering_.insert(t.messageId, Summary{r->bodySize, r->priority, r->messageTtl});
            }
            nextMessageId_ = qMax(nextMessageId_, t.messageId + 1);
        }
        return;
    case RecordType::Removed:
        if (const auto r = decodeQueueMessage(payload))
            index_.release(r->messageId, r->queueId);
        return;
    case RecordType::Delivered:
        if (const auto r = decodeQueueMessage(payload))
            index_.markDelivered(r->messageId, r->queueId);
        return;
    }
}

bool MessageStore::open(const std::function<bool(quint64)> &isKnown, const Restore &restore, QString *error)
{
    if (!log_.open([this](SegmentLog::Position at, quint8 type, QByteArrayView payload) { replay(at, type, payload); })) {
        *error = log_.errorString();
        return false;
    }
    QList<quint64> ids;
    index_.forEach([&](quint64 id) { ids.append(id); });
    qsizetype restored = 0;
    for (quint64 id : ids) {
        const QList<quint64> delivered = index_.delivered(id);
        const Summary summary = recovering_.value(id);
        model::MessageRef message;   // read at most once, by the first queue that wants it
        model::RestoredMessage r{id, summary.bodySize, summary.priority, summary.messageTtl, false, [&] {
                                     if (!message)
                                         message = load(id);
                                     return message;
                                 }};
        bool any = false;
        for (quint64 q : index_.queues(id)) {
            if (isKnown(q)) {
                r.redelivered = delivered.contains(q);
                restore(q, r);
                any = true;
            } else {
                index_.release(id, q);
            }
        }
        restored += any;
    }
    recovering_ = {};
    freeDeadSegments();
    qCInfo(lcStore) << "recovered" << restored << "persistent messages";
    return true;
}

SegmentLog::Position MessageStore::write(const PublishTarget &target, const model::Message &message)
{
    const QByteArray head = encodePublishHead(target, message);
    ++appended_;
    return log_.append(quint8(RecordType::Publish), {head, message.body});
}

void MessageStore::append(model::Message &message, const QList<quint64> &queues, bool transient)
{
    message.storeId = nextMessageId_++;
    const SegmentLog::Position at = write(PublishTarget{message.storeId, queues, {}, transient}, message);
    index_.add(message.storeId, locationOf(at), queues, {}, transient);
    if (at.segment != lastSegment_) {   // the log rolled over: older segments may be free now
        lastSegment_ = at.segment;
        freeDeadSegments();
    }
}

model::MessageRef MessageStore::load(quint64 messageId)
{
    if (!index_.contains(messageId))
        return {};
    quint8 type = 0;
    const QByteArrayView payload = log_.readView(positionOf(index_.location(messageId)), &type);
    const auto record = decodePublish(RecordType(type), payload);
    return record ? record->message : model::MessageRef();
}

void MessageStore::delivered(const model::Queue &queue, std::uint64_t messageId)
{
    if (!index_.holds(messageId, queue.id()))
        return;
    outstanding_[queue.id()].insert(messageId);
    if (index_.wasDelivered(messageId, queue.id()))
        return;   // a restart only needs to know it went out at least once
    index_.markDelivered(messageId, queue.id());
    if (index_.isTransient(messageId))
        return;   // nothing to recover
    log_.append(quint8(RecordType::Delivered), {encodeQueueMessage({queue.id(), messageId})});
    ++appended_;
}

void MessageStore::removed(const model::Queue &queue, std::uint64_t messageId)
{
    if (!index_.holds(messageId, queue.id()))
        return;   // e.g. a persistent message this (non-durable) queue never stored
    if (!index_.isTransient(messageId)) {
        log_.append(quint8(RecordType::Removed), {encodeQueueMessage({queue.id(), messageId})});
        ++appended_;
    }
    if (auto it = outstanding_.find(queue.id()); it != outstanding_.end())
        it->remove(messageId);
    release(messageId, queue.id());
}

std::uint64_t MessageStore::pageOut(const model::Queue &queue, const model::Message &message)
{
    if (message.storeId && index_.holds(message.storeId, queue.id()))
        return message.storeId;   // already on disk for this queue
    // A record of its own, for this queue only and not to be recovered.
    const quint64 id = nextMessageId_++;
    const SegmentLog::Position at = write(PublishTarget{id, {queue.id()}, {}, true}, message);
    index_.add(id, locationOf(at), {queue.id()}, {}, true);
    return id;
}

void MessageStore::release(quint64 messageId, quint64 queueId)
{
    if (index_.release(messageId, queueId))
        freeDeadSegments();
}

void MessageStore::queueDeleted(const model::Queue &queue)
{
    // No record needed: on replay, messages of queues the topology no longer knows are dropped.
    // What the queue held is what it has ready and what it delivered without a settlement.
    QSet<quint64> ids = outstanding_.take(queue.id());
    queue.forEachReadyStoreId([&](quint64 id) { ids.insert(id); });
    for (quint64 id : std::as_const(ids))
        index_.release(id, queue.id());
    freeDeadSegments();
}

void MessageStore::freeDeadSegments()
{
    for (quint32 s : log_.segments()) {
        if (s == log_.currentSegment() || index_.liveIn(s) > 0)
            break;   // only a dead prefix of the log may go
        log_.removeSegment(s);
        index_.forgetSegment(s);
    }
    if (log_.segments().size() >= kSegmentsBeforeCompaction)
        compactOldest();
}

void MessageStore::compactOldest()
{
    const quint32 oldest = log_.segments().value(0);
    if (oldest == log_.currentSegment()
        || index_.liveIn(oldest) * 100 > index_.writtenIn(oldest) * kCompactWhenLivePercent)
        return;
    // Its few live messages move to the end of the log; then the segment is dead.
    QList<quint64> ids;
    index_.forEach([&](quint64 id) {
        if (index_.location(id).segment == oldest)
            ids.append(id);
    });
    bool allMoved = true;
    for (quint64 id : ids)
        allMoved = rewrite(id) && allMoved;
    // A record that no longer reads back (damaged on disk since it was written) keeps the
    // segment live: freeing again would compact it again, recursing until the stack
    // overflows. The segment stays; the next restart drops the damaged record.
    if (!allMoved)
        return;
    // The copies must be on disk before the segment holding the originals is deleted:
    // otherwise a crash in between (even of this process alone, as they may still be in
    // the log's buffer) loses messages that were already durable.
    std::optional<SegmentLog::SyncPoint> point = log_.syncPoint();
    if (!point || !SegmentLog::sync(*point)) {
        qCCritical(lcStore) << "fsync of the message store failed; compaction postponed";
        return;
    }
    freeDeadSegments();
}

bool MessageStore::rewrite(quint64 messageId)
{
    const model::MessageRef message = load(messageId);
    if (!message) {
        qCWarning(lcStore) << "cannot read back message" << messageId << "to compact its segment";
        return false;
    }
    const PublishTarget target{messageId, index_.queues(messageId), index_.delivered(messageId),
                               index_.isTransient(messageId)};
    const SegmentLog::Position at = write(target, *message);
    index_.add(messageId, locationOf(at), target.queues, target.delivered, target.transient);
    return true;
}

} // namespace warren::store
