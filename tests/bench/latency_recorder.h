// warren-load --rate: the end-to-end latency of every message (publish to
// delivery, both ends on this machine's monotonic clock), kept exactly.
//
// The publisher writes the time it sends a message into the first 8 bytes of
// its body; the consumer subtracts it from the time the message arrived. At
// the paced rates this is used for (1,000-10,000 msg/s for tens of seconds)
// every sample fits in memory, reserved up front, so percentiles are exact
// rather than bucketed, and nothing is allocated while measuring.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace warrenload {

// The stamp: nanoseconds of steady_clock, in the body's first 8 bytes.
constexpr std::size_t kStampBytes = 8;

inline std::int64_t nowNanoseconds()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

inline void writeStamp(void *body, std::int64_t ns) { std::memcpy(body, &ns, kStampBytes); }

inline std::int64_t readStamp(const void *body)
{
    std::int64_t ns = 0;
    std::memcpy(&ns, body, kStampBytes);
    return ns;
}

class LatencyRecorder {
public:
    void reserve(std::size_t n) { ns_.reserve(n); }
    void add(std::int64_t nanoseconds) { ns_.push_back(std::max<std::int64_t>(0, nanoseconds)); }
    std::size_t size() const { return ns_.size(); }

    // Sorts the samples; call once, after the run.
    void finish() { std::sort(ns_.begin(), ns_.end()); }

    // The q-quantile (0..1) in microseconds, nearest rank; finish() first.
    double quantileMicros(double q) const
    {
        if (ns_.empty())
            return 0;
        const std::size_t rank = std::size_t(q * double(ns_.size()));
        return double(ns_[std::min(rank, ns_.size() - 1)]) / 1000.0;
    }

    // "p50_us=... p90_us=... p99_us=... p999_us=... max_us=..." for the result line.
    std::string summary() const
    {
        char line[160];
        std::snprintf(line, sizeof line, "p50_us=%.1f p90_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f",
                      quantileMicros(0.5), quantileMicros(0.9), quantileMicros(0.99),
                      quantileMicros(0.999), quantileMicros(1.0));
        return line;
    }

    // One "histogram" line per power-of-two bucket of microseconds that holds
    // samples: its range, count, share and a bar, so the shape (one mode, a
    // second hump of stalls, a long tail) is visible, not only percentiles.
    void printHistogram(std::FILE *out) const
    {
        if (ns_.empty())
            return;
        std::vector<std::size_t> counts(64, 0);
        for (const std::int64_t ns : ns_)
            ++counts[bucketOf(ns)];
        std::size_t top = 0;
        for (const std::size_t c : counts)
            top = std::max(top, c);
        for (std::size_t b = 0; b < counts.size(); ++b) {
            if (counts[b] == 0)
                continue;
            const std::string bar(std::max<std::size_t>(1, counts[b] * 50 / top), '#');
            std::fprintf(out, "histogram %8llu-%-8llu us %9zu %6.2f%% %s\n",
                         static_cast<unsigned long long>(b == 0 ? 0 : 1ull << (b - 1)),
                         static_cast<unsigned long long>(1ull << b), counts[b],
                         100.0 * double(counts[b]) / double(ns_.size()), bar.c_str());
        }
    }

private:
    // Bucket b holds [2^(b-1), 2^b) microseconds; bucket 0 below 1 us.
    static std::size_t bucketOf(std::int64_t ns)
    {
        std::uint64_t us = std::uint64_t(ns) / 1000;
        std::size_t b = 0;
        while (us != 0 && b < 63) {
            us >>= 1;
            ++b;
        }
        return b;
    }

    std::vector<std::int64_t> ns_;
};

}  // namespace warrenload
