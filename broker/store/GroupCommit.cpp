#include "GroupCommit.h"

#include <QLoggingCategory>
#include <QThread>
#include <QThreadPool>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace warren::store {

namespace {
constexpr int kRetryMs = 100;   // while writes fail (a full disk)
}

GroupCommit::GroupCommit(MessageStore &store, int intervalMs, QObject *parent)
    : QObject(parent), store_(store), intervalMs_(intervalMs)
{
    timer_.setSingleShot(true);
    connect(&timer_, &QTimer::timeout, this, &GroupCommit::startSync);
}

GroupCommit::~GroupCommit()
{
    while (running_.load() > 0)
        QThread::msleep(1);
}

void GroupCommit::appended()
{
    if (!store_.isFailing())
        store_.flush();   // into the page cache at once: a crash of this process loses nothing written
    if (!inFlight_ && !timer_.isActive())
        timer_.start(intervalMs_);
}

void GroupCommit::startSync()
{
    if (inFlight_ || store_.appendedRecords() == settled_)
        return;
    const quint64 records = store_.appendedRecords();
    std::optional<SegmentLog::SyncPoint> syncPoint = store_.syncPoint();
    if (!syncPoint) {   // the write failed: try again, nothing is durable meanwhile
        timer_.start(kRetryMs);
        return;
    }
    inFlight_ = true;
    SegmentLog::SyncPoint point = std::move(*syncPoint);
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
    if (records > settled_) {
        settled_ = records;
        if (ok) {
            emit durable(records);
        } else {
            qCCritical(lcStore) << "fsync of the message store failed; the publishes it covered are nacked";
            emit lost(records);
        }
    }
    if (store_.appendedRecords() > settled_)
        timer_.start(store_.isFailing() ? kRetryMs : intervalMs_);   // what arrived meanwhile goes next
}

void GroupCommit::syncNow()
{
    const quint64 records = store_.appendedRecords();
    std::optional<SegmentLog::SyncPoint> point = store_.syncPoint();
    if (point && SegmentLog::sync(*point) && records > settled_) {
        settled_ = records;
        emit durable(records);
    }
}

} // namespace warren::store
