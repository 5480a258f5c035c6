// A DiskIo that fails as a full disk or a dying one would, for the store's fault tests and
// the end-to-end confirm test (tst_durableconfirms).
#pragma once

#include "store/DiskIo.h"

#include <atomic>
#include <cerrno>
#include <unistd.h>

namespace storetest {

// Fails writes while `full`, the write numbered `failWrite` (1-based) once, and the fsync
// numbered `failSync` once. Syncs run on a pool thread, hence the atomics.
class FailingDiskIo : public warren::store::DiskIo {
public:
    ssize_t write(int fd, const char *data, size_t size, off_t offset) override
    {
        const int n = ++writes;
        if (full || n == failWrite) {
            errno = ENOSPC;
            return -1;
        }
        return ::pwrite(fd, data, size, offset);
    }
    int sync(int fd) override
    {
        if (++syncs == failSync) {
            errno = EIO;
            return -1;
        }
        return ::fdatasync(fd);
    }

    std::atomic<bool> full{false};
    std::atomic<int> writes{0};
    std::atomic<int> syncs{0};
    int failWrite = 0;
    int failSync = 0;
};

} // namespace storetest
