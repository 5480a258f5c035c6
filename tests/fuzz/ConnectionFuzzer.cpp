// Feeds arbitrary bytes to a Connection that has completed the AMQP handshake and opened
// channel 1, split into reads at input-dependent points, as a socket would deliver them.
// The broker must never crash, read out of bounds, leak or hang; whatever it answers is
// discarded. Built for libFuzzer (WARREN_FUZZ=ON, clang) or run from FuzzSmokeMain.cpp.
#include "FuzzHarness.h"
#include "FuzzSeeds.h"

#include <cstddef>
#include <cstdint>

QList<QByteArray> warren::fuzz::targetSeeds()
{
    return conversations();
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace warren;
    if (size == 0)
        return 0;
    fuzz::silenceLogs();
    server::ServerContext context;
    fuzz::FuzzConnection c(context);
    c.feed(fuzz::handshake());
    c.feedInReads(QByteArrayView(data + 1, qsizetype(size - 1)), fuzz::readStep(data[0]));
    return 0;
}
