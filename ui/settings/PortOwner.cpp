#include "PortOwner.h"

#include <QDirIterator>
#include <QFile>
#include <QSet>
#include <QTcpServer>

#include <algorithm>

#include <unistd.h>

namespace warren::ui {

namespace {

QByteArray readProcFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The inodes of the sockets listening on `port` in /proc/net/tcp or tcp6, whose lines read
// "sl local_address rem_address st … inode …": addresses as hex IP:PORT, 0A the LISTEN state.
QSet<QByteArray> listeningInodes(const QString &table, quint16 port)
{
    const QByteArray suffix = ':' + QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
    QSet<QByteArray> inodes;
    const QList<QByteArray> lines = readProcFile(table).split('\n');
    for (const QByteArray &line : lines.mid(1)) {   // after the header
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() > 9 && fields[3] == "0A" && fields[1].endsWith(suffix))
            inodes.insert(fields[9]);
    }
    return inodes;
}

// Whether one of the process's descriptors is one of these sockets: its link in /proc/PID/fd
// reads "socket:[INODE]". (QFileInfo::readSymLink, which would read it, is Qt 6.6.)
bool holdsSocket(const QString &pid, const QSet<QByteArray> &socketLinks)
{
    // Broken links, as these are, are System entries to QDir.
    QDirIterator fds(QStringLiteral("/proc/%1/fd").arg(pid), QDir::System | QDir::NoDotAndDotDot);
    while (fds.hasNext()) {
        char target[64];
        const ssize_t length = ::readlink(QFile::encodeName(fds.next()).constData(), target, sizeof target);
        if (length > 0 && socketLinks.contains(QByteArray(target, length)))
            return true;
    }
    return false;
}

// The systemd service a process runs in, from the last part of its control group's path
// ("0::/user.slice/user-1000.slice/user@1000.service/app.slice/warren.service").
void readSystemdUnit(PortOwner &owner)
{
    const QList<QByteArray> lines = readProcFile(QStringLiteral("/proc/%1/cgroup").arg(owner.pid)).split('\n');
    for (const QByteArray &line : lines) {
        const QByteArray path = line.mid(line.indexOf(":/") + 1);
        const QByteArray unit = path.mid(path.lastIndexOf('/') + 1);
        if (unit.endsWith(".service")) {
            owner.systemdUnit = QString::fromUtf8(unit);
            owner.userUnit = path.contains("/user@");
            return;
        }
    }
}

bool addressInUse(const QHostAddress &address, quint16 port)
{
    QTcpServer probe;
    return !probe.listen(address, port) && probe.serverError() == QAbstractSocket::AddressInUseError;
}

} // namespace

std::optional<PortOwner> PortOwner::of(quint16 port)
{
    QSet<QByteArray> socketLinks;
    for (const QString &table : {QStringLiteral("/proc/net/tcp"), QStringLiteral("/proc/net/tcp6")}) {
        for (const QByteArray &inode : listeningInodes(table, port))
            socketLinks.insert("socket:[" + inode + ']');
    }
    if (socketLinks.isEmpty())
        return std::nullopt;
    QDirIterator processes(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (processes.hasNext()) {
        processes.next();
        bool numeric = false;
        const qint64 pid = processes.fileName().toLongLong(&numeric);
        if (!numeric || !holdsSocket(processes.fileName(), socketLinks))
            continue;
        PortOwner owner{pid, QString::fromUtf8(readProcFile(processes.filePath() + QStringLiteral("/comm")).trimmed())};
        readSystemdUnit(owner);
        return owner;
    }
    return std::nullopt;
}

bool portTaken(quint16 port, const QList<QHostAddress> &addresses)
{
    return std::any_of(addresses.begin(), addresses.end(),
                       [port](const QHostAddress &address) { return addressInUse(address, port); });
}

quint16 freePortAfter(quint16 port, const QList<QHostAddress> &addresses)
{
    for (int candidate = port + 1; candidate <= std::min(port + 100, 65535); ++candidate) {
        if (!portTaken(quint16(candidate), addresses))
            return quint16(candidate);
    }
    return 0;
}

} // namespace warren::ui
