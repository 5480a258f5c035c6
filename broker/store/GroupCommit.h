// Group commit: appends are handed to the OS as they happen, but fsync is slow, so it runs
// on a worker thread, one at a time, for everything appended up to the moment it starts.
// When it completes, `durable(records)` says how many records are now on disk; publisher
// confirms for persistent messages wait for that. Lives on the broker thread.
//
// Failures never become confirms. A failed write keeps the records in memory and is retried
// (the broker raises its disk alarm meanwhile); a failed fsync reports its records `lost`:
// the kernel may have dropped those pages, so the publishes they hold are nacked.
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
    // Records reported durable or lost so far.
    quint64 settledRecords() const { return settled_; }
    bool isFailing() const { return store_.isFailing(); }
    // Flushes and fsyncs everything now, on the calling thread (shutdown).
    void syncNow();

signals:
    void durable(quint64 records);
    void lost(quint64 records);   // the fsync covering records up to here failed

private:
    void startSync();
    void finished(quint64 records, bool ok);

    MessageStore &store_;
    const int intervalMs_;
    QTimer timer_{this};
    quint64 settled_ = 0;
    bool inFlight_ = false;
    std::atomic<int> running_{0};   // worker tasks not yet finished (the destructor waits)
};

} // namespace warren::store
