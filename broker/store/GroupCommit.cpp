#include "GroupCommit.h"

#include <QLoggingCategory>
#include <QThread>
#include <QThreadPool>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace warren::store {

GroupCommit::GroupCommit(MessageStore &store, int intervalMs, QObject *parent) : QObject(parent), store_(store)
{
    timer_.setSingleShot(true);
    timer_.setInterval(intervalMs);
    connect(&timer_, &QTimer::timeout, this, &GroupCommit::startSync);
}

GroupCommit::~GroupCommit()
{
    while (running_.load() > 0)
        QThread::msleep(1);
}

void GroupCommit::appended()
{
    store_.flush();   // into the page cache at once: a crash of this process loses nothing written
    if (!inFlight_ && !timer_.isActive())
        timer_.start();
}

void GroupCommit::startSync()
{
    if (inFlight_ || store_.appendedRecords() == durable_)
        return;
    inFlight_ = true;
    const quint64 records = store_.appendedRecords();
    SegmentLog::SyncPoint point = store_.syncPoint();
    ++running_;
    QThreadPool::globalInstance()->start([this, records, point = std::move(point)]() mutable {
        const bool ok = SegmentLog::sync(point);
        QMetaObject::invokeMethod(this, [this, records, ok] { finished(records, ok); }, Qt::QueuedConnection);
        --running_;
    });
}

void GroupCommit::finished(quint64 records, bool ok)
{
    inFlight_ = false;
    if (!ok)
        qCCritical(lcStore) << "fsync of the message store failed; confirms are held back";
    else if (records > durable_) {
        durable_ = records;
        emit durable(records);
    }
    if (store_.appendedRecords() > durable_)
        timer_.start();   // what arrived during this fsync goes with the next one
}

void GroupCommit::syncNow()
{
    const quint64 records = store_.appendedRecords();
    SegmentLog::SyncPoint point = store_.syncPoint();
    if (SegmentLog::sync(point) && records > durable_) {
        durable_ = records;
        emit durable(records);
    }
}

} // namespace warren::store
