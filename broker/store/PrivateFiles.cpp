#include "PrivateFiles.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

bool syncDirectoryOf(const QString &file)
{
    const int fd = ::open(QFile::encodeName(QFileInfo(file).absolutePath()).constData(),
                          O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    return synced;
}

} // namespace warren::store::PrivateFiles
