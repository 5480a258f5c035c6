// Feeds arbitrary bytes to a Connection that has completed the AMQP handshake and opened
// channel 1, split into reads at input-dependent points, as a socket would deliver them.
// The broker must never crash, read out of bounds, leak or hang; whatever it answers is
// discarded. Built for libFuzzer (WARREN_FUZZ=ON, clang) or run from FuzzSmokeMain.cpp.
#include "FuzzSeeds.h"

#include "server/Connection.h"
#include "server/ServerContext.h"

#include <QLoggingCategory>

#include <cstddef>
#include <cstdint>

namespace {

class DiscardingTransport : public warren::server::ConnectionTransport {
public:
    void outputReady() override {}
    void closeTransport() override { closed = true; }
    void closeAfter(int) override {}
    void setReading(bool) override {}
    bool closed = false;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace warren;
    QLoggingCategory::setFilterRules(QStringLiteral("warren.*=false"));
    server::ServerContext context;
    DiscardingTransport transport;
    server::PeerInfo peer;
    peer.address = QHostAddress(QHostAddress::LocalHost);
    peer.localAddress = peer.address;   // guest logs in over a loopback address only
    server::Connection connection(context, transport, peer);

    QByteArray pending = fuzz::handshake();
    if (size == 0)
        return 0;
    // The first byte chooses how the rest is cut into reads: 1..256 bytes at a time.
    const qsizetype step = qsizetype(data[0]) + 1;
    const QByteArray input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    for (qsizetype at = 0; at <= input.size() && !transport.closed; at += step) {
        pending += input.mid(at, step);
        pending.remove(0, connection.receive(pending));
        connection.output().takeAll();
    }
    return 0;
}
