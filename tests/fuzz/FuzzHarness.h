// What the fuzz targets share: connections of the broker's protocol core, without sockets,
// fed bytes in reads as a socket would deliver them, their answers discarded.
#pragma once

#include "server/Connection.h"
#include "server/ServerContext.h"

#include <QByteArray>

#include <memory>

namespace warren::fuzz {

class DiscardingTransport : public server::ConnectionTransport {
public:
    void outputReady() override {}
    void closeTransport() override { closed = true; }
    void closeAfter(int) override {}
    void setReading(bool) override {}
    bool closed = false;
};

// One connection from 127.0.0.1 (guest may log in) and what it has not parsed yet.
struct FuzzConnection {
    explicit FuzzConnection(server::ServerContext &context);
    // Appends `bytes` to what is pending and lets the connection parse it; its answers are
    // thrown away as if the peer read them at once (so output never holds reading back).
    void feed(QByteArrayView bytes);
    // All of `bytes`, in reads of `step` bytes, until the connection closes.
    void feedInReads(QByteArrayView bytes, qsizetype step);
    bool isClosed() const { return transport.closed; }

    DiscardingTransport transport;
    server::Connection connection;
    QByteArray pending;
};

// Fuzzing runs millions of inputs: the broker's log lines would drown the fuzzer's.
void silenceLogs();

// The input's first byte as a read size of 1..256 bytes.
inline qsizetype readStep(std::uint8_t shape) { return qsizetype(shape) + 1; }

} // namespace warren::fuzz
