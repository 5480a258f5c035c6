// How long a simulated consumer works on each message: a fixed time, or one drawn uniformly
// from [min, max] by a generator seeded from the spec, so the same seed repeats a run.
#pragma once

#include <QRandomGenerator>

namespace warren::sim {

class ProcessingTime {
public:
    ProcessingTime(int minMs, int maxMs, quint32 seed);
    int nextMs();

private:
    int minMs_;
    int maxMs_;
    QRandomGenerator random_;
};

} // namespace warren::sim
