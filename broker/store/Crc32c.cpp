#include "Crc32c.h"

#include <array>
#include <cstring>

#if defined(__x86_64__)
#include <nmmintrin.h>
#endif

namespace warren::store {

namespace {

constexpr quint32 kPolynomial = 0x82F63B78;   // reflected Castagnoli

constexpr std::array<quint32, 256> makeTable()
{
    std::array<quint32, 256> table{};
    for (quint32 i = 0; i < 256; ++i) {
        quint32 c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? (c >> 1) ^ kPolynomial : c >> 1;
        table[i] = c;
    }
    return table;
}

constexpr std::array<quint32, 256> kTable = makeTable();

quint32 software(const unsigned char *p, qsizetype n, quint32 crc)
{
    while (n-- > 0)
        crc = kTable[(crc ^ *p++) & 0xFF] ^ (crc >> 8);
    return crc;
}

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) quint32 hardware(const unsigned char *p, qsizetype n, quint32 crc)
{
    quint64 c = crc;
    for (; n >= 8; n -= 8, p += 8) {
        quint64 word;
        std::memcpy(&word, p, 8);
        c = _mm_crc32_u64(c, word);
    }
    quint32 c32 = quint32(c);
    for (; n > 0; --n)
        c32 = _mm_crc32_u8(c32, *p++);
    return c32;
}

bool hasHardware()
{
    static const bool has = __builtin_cpu_supports("sse4.2");
    return has;
}
#endif

} // namespace

quint32 crc32c(QByteArrayView data, quint32 crc)
{
    const auto *p = reinterpret_cast<const unsigned char *>(data.data());
    crc = ~crc;
#if defined(__x86_64__)
    if (hasHardware())
        return ~hardware(p, data.size(), crc);
#endif
    return ~software(p, data.size(), crc);
}

} // namespace warren::store
