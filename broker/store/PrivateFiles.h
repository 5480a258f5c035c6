// Files Warren keeps are its user's alone (message bodies, password hashes): directories
// 0700 and files 0600 whatever the umask. A umask only takes permissions away (one of 0277
// would leave a segment unwritable at the next start), so the modes are set explicitly once
// a file or directory exists, and tightened when an older Warren left them wider. And a
// rename among them is made durable by an fsync of their directory (syncDirectoryOf).
#pragma once

#include <QFileDevice>
#include <QString>

namespace warren::store::PrivateFiles {

inline constexpr QFileDevice::Permissions kDirectory =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
inline constexpr QFileDevice::Permissions kFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// Creates `path` (and its parents) when missing; `path` itself becomes 0700.
bool makeDirectory(const QString &path);
// Everything below `path` becomes 0700 (directories) or 0600 (files): what an older Warren,
// or a copy, left wider. False when one of them could not be changed.
bool tighten(const QString &path);
// The open file `fd` becomes 0600.
bool restrict(int fd);
// fsync of the directory that holds `file`: what makes a rename or a new file in it durable.
bool syncDirectoryOf(const QString &file);

} // namespace warren::store::PrivateFiles
