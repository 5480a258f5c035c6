// Persistent messages of durable queues, in a SegmentLog. Each message is written once,
// with the queues holding it; queues report deliveries and removals (QueueJournal); a
// restart replays the log and gives every queue back its messages in their original order,
// marked redelivered where they had been delivered before.
//
// Segments are freed oldest first, once every message in them is gone: a "removed" record
// only ever refers to a message in an older (or the same) segment, so deleting a dead
// prefix of the log can never resurrect a message. A message that lingers in an old segment
// is rewritten at the end of the log (compaction), so that the old segment can go.
#pragma once

#include "SegmentLog.h"
#include "model/QueueJournal.h"

#include <QHash>
#include <QSet>
#include <QString>

#include <functional>
#include <map>

namespace warren::store {

class MessageStore : public model::QueueJournal {
public:
    explicit MessageStore(QString directory, qint64 segmentSize = qint64(64) << 20);

    using Restore = std::function<void(quint64 queueId, const model::MessageRef &message, bool redelivered)>;
    // Replays the log; `restore` receives each surviving (queue, message) in publish order.
    // Queues that no longer exist (isKnown false) lose their messages.
    bool open(const std::function<bool(quint64 queueId)> &isKnown, const Restore &restore, QString *error);

    // Writes a persistent message for these durable queues and gives it its store id.
    void append(model::Message &message, const QList<quint64> &queues);
    void delivered(const model::Queue &queue, const model::Message &message) override;
    void removed(const model::Queue &queue, const model::Message &message) override;
    // A durable queue was deleted: its messages no longer keep anything alive.
    void queueDeleted(const model::Queue &queue) override;

    // Group commit: hands buffered records to the OS; returns what to fsync (possibly on
    // another thread) for everything appended so far to be durable.
    void flush() { log_.flush(); }
    SegmentLog::SyncPoint syncPoint() { return log_.syncPoint(); }
    // Records appended so far; a sync point made now covers all of them.
    quint64 appendedRecords() const { return appended_; }

    qsizetype liveMessages() const { return qsizetype(index_.size()); }

private:
    struct Entry {
        SegmentLog::Position at;
        QList<quint64> queues;      // still holding it
        QList<quint64> delivered;   // queues that delivered it at least once
    };

    void replay(SegmentLog::Position at, quint8 type, QByteArrayView payload);
    // True when the message's segment has no live message left.
    bool release(quint64 messageId, quint64 queueId);
    void freeDeadSegments();
    void compactOldest();
    void rewrite(quint64 messageId, Entry &entry);

    SegmentLog log_;
    std::map<quint64, Entry> index_;          // by message id: publish order
    QHash<quint32, qsizetype> liveInSegment_;      // messages still needed, per segment
    QHash<quint32, qsizetype> writtenInSegment_;   // publish records written, per segment
    quint64 nextMessageId_ = 1;
    quint64 appended_ = 0;
    quint32 lastSegment_ = 0;
};

} // namespace warren::store
