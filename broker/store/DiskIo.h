// The two system calls through which the message store makes records durable, behind an
// interface so that tests can make the Nth one fail (a full disk, a quota, an I/O error)
// and check that no confirm follows a failed write or fsync.
#pragma once

#include <sys/types.h>

namespace warren::store {

class DiskIo {
public:
    virtual ~DiskIo() = default;
    // As pwrite(2) and fdatasync(2): -1 with errno set on failure.
    virtual ssize_t write(int fd, const char *data, size_t size, off_t offset) = 0;
    virtual int sync(int fd) = 0;

    // The real calls.
    static DiskIo &system();
};

} // namespace warren::store
