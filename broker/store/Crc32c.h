// CRC-32C (Castagnoli), the checksum of every record in the message store: hardware
// (SSE 4.2) when the CPU has it, a table otherwise.
#pragma once

#include <QByteArrayView>

namespace warren::store {

// Incremental: crc32c(b, crc32c(a)) == crc32c(a + b).
quint32 crc32c(QByteArrayView data, quint32 crc = 0);

} // namespace warren::store
