// A deterministic stand-in for libFuzzer, so that ctest exercises each fuzz target with
// every build (under the sanitizers in CI): mutations of the target's seeds — bit flips,
// byte changes, truncations, splices, repeated ranges — for a fixed number of rounds.
#include "FuzzHarness.h"
#include "FuzzSeeds.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace {

QByteArray mutate(QByteArray input, const QList<QByteArray> &seeds, QRandomGenerator &rng)
{
    const int edits = 1 + int(rng.bounded(8));
    for (int i = 0; i < edits && !input.isEmpty(); ++i) {
        const qsizetype at = qsizetype(rng.bounded(quint32(input.size())));
        switch (rng.bounded(6)) {
        case 0: input[at] = char(input[at] ^ char(1u << rng.bounded(8))); break;
        case 1: input[at] = char(rng.bounded(256)); break;
        case 2: input.truncate(at); break;
        case 3: input.insert(at, seeds[qsizetype(rng.bounded(quint32(seeds.size())))]); break;
        case 4: input.insert(at, input.mid(at, qsizetype(rng.bounded(64)))); break;
        default: input.remove(at, qsizetype(rng.bounded(16))); break;
        }
    }
    return input;
}

void run(const QByteArray &input)
{
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(input.constData()), std::size_t(input.size()));
}

// --write-seeds DIR: the target's seeds as a libFuzzer corpus, one file each.
int writeSeeds(const QString &dir, const QList<QByteArray> &seeds)
{
    QDir().mkpath(dir);
    for (qsizetype i = 0; i < seeds.size(); ++i) {
        QFile f(dir + QStringLiteral("/seed-%1").arg(i));
        if (!f.open(QIODevice::WriteOnly) || f.write(QByteArray(1, '\x3f') + seeds[i]) < 0)
            return 1;
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    warren::fuzz::silenceLogs();
    const QList<QByteArray> seeds = warren::fuzz::targetSeeds();
    if (argc > 2 && QByteArrayView(argv[1]) == "--write-seeds")
        return writeSeeds(QString::fromLocal8Bit(argv[2]), seeds);
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 3000;
    QRandomGenerator rng(20261128);
    for (const QByteArray &seed : seeds) {
        run(QByteArray(1, '\xff') + seed);   // each seed whole, in 256-byte reads
        run(QByteArray(1, '\0') + seed);     // and byte by byte
    }
    for (int i = 0; i < rounds; ++i) {
        const QByteArray &seed = seeds[qsizetype(rng.bounded(quint32(seeds.size())))];
        run(mutate(QByteArray(1, char(rng.bounded(256))) + seed, seeds, rng));
    }
    std::printf("%lld seeds and %d mutations of them run without failure\n", static_cast<long long>(seeds.size()),
                rounds);
    return 0;
}
