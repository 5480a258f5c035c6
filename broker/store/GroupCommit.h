// Group commit: appends are handed to the OS as they happen, but fsync is slow, so it runs
// on a worker thread, one at a time, for everything appended up to the moment it starts.
// When it completes, `durable(records)` says how many records are now on disk; publisher
// confirms for persistent messages wait for that. Lives on the broker thread.
#pragma once

#include "MessageStore.h"

#include <QObject>
#include <QTimer>

#include <atomic>

namespace warren::store {

class GroupCommit : public QObject {
    Q_OBJECT
public:
    // intervalMs: how long appends may gather before an fsync starts.
    GroupCommit(MessageStore &store, int intervalMs, QObject *parent = nullptr);
    ~GroupCommit() override;

    // Records were appended: an fsync covering them starts within the interval.
    void appended();
    quint64 durableRecords() const { return durable_; }
    // Flushes and fsyncs everything now, on the calling thread (shutdown).
    void syncNow();

signals:
    void durable(quint64 records);

private:
    void startSync();
    void finished(quint64 records, bool ok);

    MessageStore &store_;
    QTimer timer_{this};
    quint64 durable_ = 0;
    bool inFlight_ = false;
    std::atomic<int> running_{0};   // worker tasks not yet finished (the destructor waits)
};

} // namespace warren::store
