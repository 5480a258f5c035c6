#include "FieldTableCheck.h"

#include "FieldCodec.h"

#include <QtEndian>

#include <bit>
#include <cmath>

namespace warren::amqp {

namespace {

// What follows a type tag: a fixed number of octets, or a 32-bit length and that many.
constexpr int kUnknownTag = -1;
constexpr int kLengthPrefixed = -2;

int valueSizeOf(char tag)
{
    switch (tag) {
    case 'V': return 0;
    case 't':
    case 'b':
    case 'B': return 1;
    case 's':
    case 'u': return 2;
    case 'I':
    case 'i':
    case 'f': return 4;
    case 'D': return 5;
    case 'l':
    case 'L':   // RabbitMQ reads it as a signed long
    case 'd':
    case 'T': return 8;
    case 'S':
    case 'x':
    case 'F':
    case 'A': return kLengthPrefixed;
    default: return kUnknownTag;
    }
}

// Erlang's `V:64/float` does not match the bit patterns of NaN and the infinities.
bool isReadableNumber(char tag, const char *value)
{
    if (tag == 'f')
        return std::isfinite(std::bit_cast<float>(qFromBigEndian<quint32>(value)));
    if (tag == 'd')
        return std::isfinite(std::bit_cast<double>(qFromBigEndian<quint64>(value)));
    return true;
}

struct Container {
    const char *end;
    bool isTable;   // entries have names; an array's items do not
};

} // namespace

// Iterative, with the open containers on a fixed stack: a hostile table nested thousands
// of levels deep neither recurses nor allocates.
bool isWellFormedTable(QByteArrayView entries)
{
    Container open[kMaxFieldNesting + 1];
    int depth = 0;
    open[0] = {entries.data() + entries.size(), true};
    const char *pos = entries.data();
    const auto fits = [&](qint64 n) { return open[depth].end - pos >= n; };
    for (;;) {
        if (pos == open[depth].end) {
            if (depth == 0)
                return true;
            --depth;
            continue;
        }
        // A value here would be one level deeper than decodeFieldValue accepts.
        if (depth == kMaxFieldNesting)
            return false;
        if (open[depth].isTable) {
            const qint64 nameLength = std::uint8_t(*pos);
            if (!fits(1 + nameLength))
                return false;
            pos += 1 + nameLength;
        }
        if (!fits(1))
            return false;
        const char tag = *pos++;
        const int size = valueSizeOf(tag);
        if (size == kUnknownTag)
            return false;
        if (size >= 0) {
            if (!fits(size) || !isReadableNumber(tag, pos))
                return false;
            pos += size;
            continue;
        }
        if (!fits(4))
            return false;
        const qint64 length = qFromBigEndian<quint32>(pos);
        pos += 4;
        if (!fits(length))
            return false;
        if (tag == 'F' || tag == 'A')
            open[++depth] = {pos + length, tag == 'F'};   // its contents are checked next
        else
            pos += length;
    }
}

} // namespace warren::amqp
