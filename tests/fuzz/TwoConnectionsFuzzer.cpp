// Two connections of one broker, fed arbitrary bytes in interleaved reads: what one does to
// the queues, exchanges and consumers the other uses (deliveries to the other's consumers,
// deletions under its feet, exclusive queues, direct replies, a close in the middle). The
// payload is a series of chunks, each a header byte — bit 0 the connection, the other bits
// its length less one — and that many bytes. Both connections have completed the handshake
// and opened channel 1. libFuzzer target or FuzzSmokeMain.cpp.
#include "FuzzHarness.h"
#include "FuzzSeeds.h"

#include <cstddef>
#include <cstdint>

namespace {
constexpr qsizetype kMaxChunk = 128;

// Two conversations as chunks taking turns.
QByteArray interleave(const QByteArray &first, const QByteArray &second)
{
    QByteArray out;
    const QByteArray *sides[2] = {&first, &second};
    qsizetype at[2] = {0, 0};
    for (int turn = 0; at[0] < first.size() || at[1] < second.size(); turn ^= 1) {
        const QByteArray &side = *sides[turn];
        const qsizetype n = qMin(kMaxChunk / 2 + 7 * turn, side.size() - at[turn]);
        if (n <= 0)
            continue;
        out += char(((n - 1) << 1) | turn);
        out += side.mid(at[turn], n);
        at[turn] += n;
    }
    return out;
}
} // namespace

QList<QByteArray> warren::fuzz::targetSeeds()
{
    const QList<QByteArray> talks = conversations();
    QList<QByteArray> seeds;
    for (const QByteArray &a : talks) {
        for (const QByteArray &b : talks)
            seeds.append(interleave(a, b));
    }
    return seeds;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace warren;
    fuzz::silenceLogs();
    server::ServerContext context;
    fuzz::FuzzConnection first(context);
    fuzz::FuzzConnection second(context);
    fuzz::FuzzConnection *connections[2] = {&first, &second};
    for (fuzz::FuzzConnection *c : connections)
        c->feed(fuzz::handshake());
    // The first byte is the shape byte of every target; chunks carry their own lengths here.
    for (std::size_t at = 1; at < size;) {
        const std::uint8_t header = data[at++];
        const std::size_t n = qMin<std::size_t>((header >> 1) + 1, size - at);
        connections[header & 1]->feed(QByteArrayView(data + at, qsizetype(n)));
        at += n;
    }
    return 0;
}
