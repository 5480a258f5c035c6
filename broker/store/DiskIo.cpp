#include "DiskIo.h"

#include <unistd.h>

namespace warren::store {

namespace {

class SystemDiskIo final : public DiskIo {
public:
    ssize_t write(int fd, const char *data, size_t size, off_t offset) override { return ::pwrite(fd, data, size, offset); }
    int sync(int fd) override { return ::fdatasync(fd); }
};

} // namespace

DiskIo &DiskIo::system()
{
    static SystemDiskIo io;
    return io;
}

} // namespace warren::store
