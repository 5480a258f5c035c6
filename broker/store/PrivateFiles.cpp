#include "PrivateFiles.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>

#include <sys/stat.h>

namespace warren::store::PrivateFiles {

bool makeDirectory(const QString &path)
{
    return QDir().mkpath(path) && QFile::setPermissions(path, kDirectory);
}

bool tighten(const QString &path)
{
    bool all = true;
    QDirIterator it(path, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo entry = it.fileInfo();
        if (entry.isSymLink())
            continue;   // not Warren's: left alone
        all = QFile::setPermissions(entry.filePath(), entry.isDir() ? kDirectory : kFile) && all;
    }
    return all;
}

bool restrict(int fd)
{
    return ::fchmod(fd, S_IRUSR | S_IWUSR) == 0;
}

} // namespace warren::store::PrivateFiles
