// Messages on disk, in a SegmentLog: the persistent messages of durable queues, and the
// messages any queue pages out to bound its memory. Each message is written once, with the
// queues holding it; queues report deliveries and removals (QueueStorage); a restart replays
// the log and gives every durable queue back its persistent messages in their original
// order, marked redelivered where they had been delivered before. Paged-out transient
// messages are not recovered.
//
// Segments are freed oldest first, once every message in them is gone: a "removed" record
// only ever refers to a message in an older (or the same) segment, so deleting a dead
// prefix of the log can never resurrect a message. A message that lingers in an old segment
// is rewritten at the end of the log (compaction), so that the old segment can go.
#pragma once

#include "MessageIndex.h"
#include "SegmentLog.h"
#include "model/QueueStorage.h"

#include <QString>

#include <QHash>
#include <QSet>

#include <functional>
#include <optional>

namespace warren::store {

struct PublishTarget;

class MessageStore : public model::QueueStorage {
public:
    explicit MessageStore(QString directory, qint64 segmentSize = qint64(64) << 20, DiskIo &io = DiskIo::system());

    using Restore = std::function<void(quint64 queueId, const model::RestoredMessage &message)>;
    // Replays the log; `restore` receives each surviving (queue, message) in publish order,
    // the body read only if the queue asks for it. Queues that no longer exist (isKnown
    // false) lose their messages.
    bool open(const std::function<bool(quint64 queueId)> &isKnown, const Restore &restore, QString *error);

    // Writes a message for these queues and gives it its store id. A transient message is
    // written only to free memory (paging) and does not survive a restart.
    void append(model::Message &message, const QList<quint64> &queues, bool transient = false);
    // A message back from disk, for a queue paging it in; null when unreadable.
    model::MessageRef load(quint64 messageId);

    void delivered(const model::Queue &queue, std::uint64_t messageId) override;
    void removed(const model::Queue &queue, std::uint64_t messageId) override;
    void queueDeleted(const model::Queue &queue) override;
    void keep(model::Message &message, const QList<quint64> &queueIds) override { append(message, queueIds); }
    std::uint64_t pageOut(const model::Queue &queue, const model::Message &message) override;
    model::MessageRef pageIn(std::uint64_t messageId) override { return load(messageId); }

    // Group commit: hands buffered records to the OS; returns what to fsync (possibly on
    // another thread) for everything appended so far to be durable.
    bool flush() { return log_.flush(); }
    std::optional<SegmentLog::SyncPoint> syncPoint() { return log_.syncPoint(); }
    // Writes fail (a full disk): records wait in memory, and nothing new becomes durable.
    bool isFailing() const { return log_.isFailing(); }
    // Records appended so far; a sync point made now covers all of them.
    quint64 appendedRecords() const { return appended_; }

    qsizetype storedMessages() const { return index_.size(); }
    qsizetype indexCapacity() const { return index_.capacity(); }

private:
    // What replaying a publish record learns for the restore, kept only while opening.
    struct Summary {
        quint32 bodySize = 0;
        quint8 priority = 0;
        std::optional<qint64> messageTtl;
    };

    void replay(SegmentLog::Position at, quint8 type, QByteArrayView payload);
    void release(quint64 messageId, quint64 queueId);
    void freeDeadSegments();
    void compactOldest();
    bool rewrite(quint64 messageId);   // false when the message cannot be read back
    SegmentLog::Position write(const PublishTarget &target, const model::Message &message);

    SegmentLog log_;
    MessageIndex index_;
    quint64 nextMessageId_ = 1;
    quint64 appended_ = 0;
    QHash<quint64, Summary> recovering_;
    QHash<quint64, QSet<quint64>> outstanding_;   // per queue: messages delivered, not yet removed
    quint32 lastSegment_ = 0;
};

} // namespace warren::store
