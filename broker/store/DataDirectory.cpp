#include "DataDirectory.h"

#include "PrivateFiles.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace warren::store {

bool DataDirectory::acquire(QString *error)
{
    if (!PrivateFiles::makeDirectory(path_)) {
        *error = QStringLiteral("cannot create the data directory %1, or make it private (0700)").arg(path_);
        return false;
    }
    lock_ = std::make_unique<QLockFile>(file(QStringLiteral("warren.lock")));
    // Only a lock whose process is gone is stale, however old (e.g. after kill -9).
    lock_->setStaleLockTime(0);
    if (lock_->tryLock(0)) {
        if (!PrivateFiles::tighten(path_))
            qCWarning(lcStore) << "some files in" << path_ << "could not be made private (0600)";
        return true;
    }
    qint64 pid = 0;
    QString host, application;
    lock_->getLockInfo(&pid, &host, &application);
    *error = lock_->error() == QLockFile::LockFailedError
        ? QStringLiteral("the data directory %1 is in use by another Warren (process %2); stop it or choose "
                         "another directory with --data-dir")
              .arg(path_)
              .arg(pid)
        : QStringLiteral("cannot lock the data directory %1").arg(path_);
    lock_.reset();
    return false;
}

} // namespace warren::store
